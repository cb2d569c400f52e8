/* Where input files come from. Readers ask this interface for a file's
 * bytes (the zone file and its $INCLUDEs), so the same reader serves the work
 * tree, stdin, a git index or a git commit. */
#ifndef ZL_FS_H
#define ZL_FS_H

#include <stdbool.h>
#include <stddef.h>

typedef struct zl_fs zl_fs;
struct zl_fs {
    /* Read a whole file into *data (NUL-terminated, *len bytes before the NUL).
     * On failure return false with a message in *err (caller frees). */
    bool (*read)(const zl_fs *fs, const char *path, char **data, size_t *len, char **err);
    /* A key equal for two paths naming the same file, to detect include loops. */
    char *(*identity)(const zl_fs *fs, const char *path);
    /* The names of the files (not directories) in directory dir ("" for the
     * top), unsorted, into *names (caller frees each and the array); false
     * when it cannot be listed. NULL where nothing can be listed. Terraform
     * modules are directories: the .tf reader asks for a file's siblings. */
    bool (*list)(const zl_fs *fs, const char *dir, char ***names, size_t *n);
    void *ctx;
};

/* The work tree (and "-" for standard input). */
extern const zl_fs zl_fs_posix;
/* The files of directory dir of the work tree (dir "" or ending in '/'). */
bool zl_fs_list_dir(const char *dir, char ***names, size_t *n);

/* Largest input accepted: offsets into a text are 32-bit. */
#define ZL_MAX_FILE_SIZE ((size_t)0xFFFFFFF0u)

/* rel resolved against the directory of base_file (rel itself when absolute). */
char *zl_path_beside(const char *base_file, const char *rel);
/* Path with "." and "x/.." components and repeated slashes removed. */
char *zl_path_normalize(const char *path);
/* The last component of a path. */
const char *zl_path_base(const char *path);

#endif
