/* Which zone files a change touches. A git diff gives the changed paths;
 * the zone files to read on each side are the changed paths that are zone
 * files (.zonelint.json patterns, else the default names) and the zone
 * files that $INCLUDE a changed file, directly or through other includes. */
#ifndef ZL_GIT_SELECT_H
#define ZL_GIT_SELECT_H

#include <stdbool.h>

#include "lint/config/config.h"
#include "lint/git/libgit2.h"
#include "lint/git/tree_fs.h"

/* One changed path on each side; NULL where the side holds no file there
 * (added, deleted, or a submodule or symbolic link rather than a file). */
typedef struct zl_git_change {
    char *old_path, *new_path;
} zl_git_change;

typedef struct zl_git_changes {
    zl_git_change *v;
    size_t n, cap;
} zl_git_changes;

/* One side of a change: how to read its files and where to list them all. */
typedef struct zl_git_side {
    zl_git_fs fs;
    git_tree *tree;   /* the side's files are this tree's, or */
    git_index *index; /* the index's (also for the work tree: its tracked files) */
    const char *top;  /* the work tree, where the configuration's patterns
                         start; NULL in a bare repository */
} zl_git_side;

typedef struct zl_git_paths {
    char **v;
    size_t n, cap;
} zl_git_paths;

void zl_git_changes_from_diff(const git_diff *diff, zl_git_changes *out);
void zl_git_changes_free(zl_git_changes *c);

/* Whether the repository path names a zone file that is not ignored; top as
 * in zl_git_side. */
bool zl_git_is_zone(const zl_config *cfg, const char *top, const char *path);

/* The zone files to read on one side (new_side: the changed paths' new
 * names), sorted. */
void zl_git_select(const zl_git_changes *c, bool new_side, zl_git_side *s,
                   const zl_config *cfg, zl_git_paths *out);
void zl_git_paths_free(zl_git_paths *p);

#endif
