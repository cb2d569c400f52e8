/* The top of the git work tree holding a path, through libgit2: the folder
 * zonelint confines a file's $INCLUDEs to. */
#ifndef ZL_GIT_TOP_H
#define ZL_GIT_TOP_H

/* The work tree (a real path, without a final '/') of the repository that
 * holds dir, or NULL when dir is in none, the repository is bare or
 * libgit2 cannot be loaded. */
char *zl_git_work_tree_of(const char *dir);

#endif
