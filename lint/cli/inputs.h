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
} zl_input_opts;

/* Expand arguments into the list of files to read (sorted within each
 * directory). False with *err when an argument does not exist. */
bool zl_inputs_expand(const zl_input_opts *o, char **args, size_t nargs, char ***files,
                      size_t *nfiles, char **err);

/* Read one file into zs. False with *err on an I/O or usage problem (the
 * file cannot be read, or its names are relative and no origin is known). */
bool zl_inputs_read(zl_zoneset *zs, const zl_input_opts *o, const char *path, char **err);

#endif
