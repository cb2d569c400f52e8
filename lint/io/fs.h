/* Where input files come from. Readers ask this interface for a file's
 * bytes (the zone file and its $INCLUDEs), so the same reader serves the work
 * tree, stdin, a git index or a git commit. */
#ifndef ZL_FS_H
#define ZL_FS_H

#include <stdbool.h>
#include <stddef.h>

/* A read fails (the file is missing, unreadable) or is refused: the file
 * lies outside the folders zonelint may read, is not a regular file, or is
 * over a limit. A refusal's message names the path and nothing of its
 * content; the readers report it as input-refused. */
typedef enum zl_read_result { ZL_READ_OK, ZL_READ_FAILED, ZL_READ_REFUSED } zl_read_result;

typedef struct zl_fs zl_fs;
struct zl_fs {
    /* Read a whole file into *data (NUL-terminated, *len bytes before the NUL).
     * Otherwise a message in *err (caller frees). */
    zl_read_result (*read)(const zl_fs *fs, const char *path, char **data, size_t *len,
                           char **err);
    /* read, but a large file may be mapped instead of copied: *mapped is
     * then what zl_fs_unmap releases, and 0 for text to free. NULL where
     * files are only copied. */
    zl_read_result (*map)(const zl_fs *fs, const char *path, char **data, size_t *len,
                          size_t *mapped, char **err);
    /* A key equal for two paths naming the same file, to detect include loops. */
    char *(*identity)(const zl_fs *fs, const char *path);
    /* The names of the files (not directories) in directory dir ("" for the
     * top), unsorted, into *names (caller frees each and the array); false
     * when it cannot be listed. NULL where nothing can be listed. Terraform
     * modules are directories: the .tf reader asks for a file's siblings. */
    bool (*list)(const zl_fs *fs, const char *dir, char ***names, size_t *n);
    /* read, for a file that is often absent (a configuration looked for
     * beside a zone): absent, it fails at once, without a message and
     * without first looking for the repository's work tree. NULL: read. */
    zl_read_result (*probe)(const zl_fs *fs, const char *path, char **data, size_t *len,
                            char **err);
    void *ctx;
};

/* fs->probe, else fs->read. */
zl_read_result zl_fs_probe(const zl_fs *fs, const char *path, char **data, size_t *len,
                           char **err);

/* The file system (and "-" for standard input), anywhere: for files the
 * command line names. Input's own references go through lint/io/confine.h. */
extern const zl_fs zl_fs_posix;
/* The files of directory dir of the work tree (dir "" or ending in '/'). */
bool zl_fs_list_dir(const char *dir, char ***names, size_t *n);

/* Largest input accepted: offsets into a text are 32-bit. */
#define ZL_MAX_FILE_SIZE ((size_t)0xFFFFFFF0u)
/* What one zone may read in all (its file, each $INCLUDE, each $GENERATE
 * expansion, a file included twice counting twice) and the records it may
 * hold; what one run may read from files. Documented in SECURITY.md. */
#define ZL_MAX_ZONE_BYTES ((size_t)64 << 20)
#define ZL_MAX_ZONE_RECORDS 4000000u
#define ZL_MAX_RUN_BYTES ((size_t)1 << 30)

/* Read the regular file at path (no FIFO, device or directory: they are
 * refused, and a FIFO is never opened for long enough to block), at most
 * max bytes. */
zl_read_result zl_fs_read_regular(const char *path, const char *shown, size_t max, char **data,
                                  size_t *len, char **err);
/* The same, mapping a file of ZL_MAP_AT_LEAST bytes or more (zl_fs.map).
 * Should the file shrink while it is mapped, reading past its new end
 * stops the run with a message and exit status 2. */
#define ZL_MAP_AT_LEAST ((size_t)1 << 20)
zl_read_result zl_fs_map_regular(const char *path, const char *shown, size_t max, char **data,
                                 size_t *len, size_t *mapped, char **err);
void zl_fs_unmap(char *data, size_t mapped);

/* The reason a read's message gives, without the path the reader resolved
 * that it starts with ("PATH: reason"): readers name the path as written. */
const char *zl_read_reason(const char *err, const char *path);

/* rel resolved against the directory of base_file (rel itself when absolute). */
char *zl_path_beside(const char *base_file, const char *rel);
/* Path with "." and "x/.." components and repeated slashes removed. */
char *zl_path_normalize(const char *path);
/* The last component of a path. */
const char *zl_path_base(const char *path);

#endif
