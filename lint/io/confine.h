/* The confined reader: every file zonelint reads because an input names it
 * ($INCLUDE, a zone file found in a folder, the configuration's SES data)
 * goes through here. A path may be read when it resolves, after symbolic
 * links, inside one of the allowed folders (the repository's work tree, or
 * the folder of the argument outside a repository, and each --include-root),
 * names a regular file, and the run's byte budget allows it. Anything else
 * is refused with a message that names the path as written and nothing of
 * what it holds. */
#ifndef ZL_CONFINE_H
#define ZL_CONFINE_H

#include "lint/io/fs.h"

typedef struct zl_confine {
    zl_fs fs; /* hand &fs to the readers; fs.ctx points here, so never copy one */
    char **roots; /* real paths of the allowed folders */
    size_t nroots;
    char *trusted; /* real path of the file the command line names: read wherever it is */
    size_t *run_bytes; /* bytes this run has read, shared by every confine of the run */
    /* A folder whose enclosing tree (top_of's answer) is allowed too, found
     * only when a path outside the roots asks: most runs read nothing
     * outside the folder given, and finding the tree starts libgit2. */
    char *widen;
    char *(*top_of)(const char *dir);
} zl_confine;

void zl_confine_init(zl_confine *c, size_t *run_bytes);
/* Allow dir and everything below it. False when dir does not exist. */
bool zl_confine_allow(zl_confine *c, const char *dir);
/* Allow dir, and the tree top_of(dir) finds above it (NULL: none), which
 * holds dir. */
void zl_confine_allow_tree(zl_confine *c, const char *dir, char *(*top_of)(const char *dir));
/* Read path (the command line's own argument) even when it lies outside. */
void zl_confine_trust(zl_confine *c, const char *path);
void zl_confine_free(zl_confine *c);

/* ZL_READ_OK when path may be read; otherwise why not in *err. */
zl_read_result zl_confine_check(zl_confine *c, const char *path, char **err);

#endif
