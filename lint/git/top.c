#include "lint/git/top.h"

#include <stdlib.h>
#include <string.h>

#include "lint/git/libgit2.h"
#include "lint/git/library.h"
#include "lint/util/util.h"

char *zl_git_work_tree_of(const char *dir)
{
    /* Without libgit2 no repository is known: a plain run then confines
     * reads to the argument's folder and shows paths from the working
     * directory, and only the git modes need the library. */
    if (!zl_libgit2_try(NULL))
        return NULL;
    zl_git_library();
    git_repository *repo = NULL;
    char *top = NULL;
    if (git_repository_open_ext(&repo, dir, 0, NULL) == 0 && git_repository_workdir(repo)) {
        top = realpath(git_repository_workdir(repo), NULL);
    }
    git_repository_free(repo);
    return top;
}
