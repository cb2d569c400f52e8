/* From command-line arguments to zones: directories are searched for zone
 * files, every file gets its origin (configuration, --origin, or its name)
 * and is read by the reader of its format. */
#ifndef ZL_INPUTS_H
#define ZL_INPUTS_H

#include <stdbool.h>
#include <stddef.h>

#include "lint/config/config.h"
#include "lint/io/fs.h"
#include "lint/model/model.h"

/* Whether a folder has a gdnsd configuration beside it, for the last folder
 * asked about (files come folder by folder): two reads per folder, not per
 * file. What is read depends on the confinement, so the memo holds for one
 * scope (the folder an argument confines reads to; NULL for one zl_fs).
 * Zeroed before the first file; zl_beside_memo_free after the last. */
typedef struct zl_beside_memo {
    char *scope;
    char *folder; /* as written, ending in '/', or "" */
    bool gdnsd;
} zl_beside_memo;

/* Enter scope (malloc'd, taken over): the memo is forgotten when it differs
 * from the last one. */
void zl_beside_memo_scope(zl_beside_memo *m, char *scope);
void zl_beside_memo_free(zl_beside_memo *m);

typedef struct zl_input_opts {
    const zl_config *cfg;
    const zl_fs *fs;
    const char *origin; /* --origin, or NULL */
    const char *input_format; /* --input-format, or NULL to recognise each file's */
    zl_publisher publisher;   /* --publisher; ZL_PUB_AUTO: configuration, else detected */
    /* The directory paths are relative to, ending in '/', for matching the
     * configuration's patterns (a repository's work tree); NULL: the
     * working directory. */
    const char *root;
    /* --stdin-filename: the name standard input stands for (its origin,
     * the configuration's patterns, the path in findings); NULL: <stdin> */
    const char *stdin_name;
    /* NULL: each file looks for itself. */
    zl_beside_memo *beside;
} zl_input_opts;

/* Expand arguments into the list of files to read (sorted within each
 * directory). False with *err when an argument does not exist. A folder or
 * entry below one that cannot be read is reported on stderr and counted in
 * *unreadable. */
bool zl_inputs_expand(const zl_input_opts *o, char **args, size_t nargs, char ***files,
                      size_t *nfiles, size_t *unreadable, char **err);

/* Read one file into zs. False with *err on an I/O or usage problem (the
 * file cannot be read, or its names are relative and no origin is known). */
bool zl_inputs_read(zl_zoneset *zs, const zl_input_opts *o, const char *path, char **err);

#endif
