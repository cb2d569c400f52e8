#include "lint/git/library.h"

#include <git2.h>
#include <pthread.h>
#include <stdlib.h>

static pthread_once_t once = PTHREAD_ONCE_INIT;

static void shut_down(void)
{
    git_libgit2_shutdown();
}

static void start(void)
{
    git_libgit2_init();
    /* Reading a blob would hash it again to check it against its id: on a
     * large zone that costs as much as inflating it. git itself reads
     * without the check; a corrupt object still fails to inflate. */
    git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
    atexit(shut_down);
}

void zl_git_library(void)
{
    pthread_once(&once, start);
}
