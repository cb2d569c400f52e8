/* zl_fs over a git repository: the files of a commit's tree, of the index,
 * or of the work tree. Paths are relative to the top of the repository, so
 * findings name files as git does, and $INCLUDEs are read from the same
 * commit or index as the file that includes them. */
#ifndef ZL_GIT_FS_H
#define ZL_GIT_FS_H

#include "lint/git/libgit2.h"
#include "lint/io/confine.h"

typedef struct zl_git_fs {
    zl_fs fs; /* hand &fs to the readers; fs.ctx points here, so never copy one */
    git_repository *repo;
    git_tree *tree;   /* the files of a commit, or */
    git_index *index; /* those of the index, or (both NULL) */
    const char *root; /* those of the work tree: its directory, ending in '/', */
    const zl_confine *work; /* read through this */
    char what[48];    /* "commit 1a2b3c4d", "the index": for messages */
} zl_git_fs;

/* The objects stay owned by the caller and must outlive g. */
void zl_git_fs_tree(zl_git_fs *g, git_repository *repo, git_tree *tree, const git_oid *commit);
void zl_git_fs_index(zl_git_fs *g, git_repository *repo, git_index *index);
void zl_git_fs_workdir(zl_git_fs *g, const char *root, const zl_confine *work);

#endif
