#include "lint/git/library.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>

#include "lint/git/libgit2.h"

static pthread_once_t once = PTHREAD_ONCE_INIT;
static pthread_once_t joined = PTHREAD_ONCE_INIT;
static pthread_t warmer;
static bool warming;

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

static void *warm(void *arg)
{
    (void)arg;
    /* A library that cannot be loaded is said by the thread that needs it
     * (zl_libgit2_get), not from here while the files are read. */
    if (zl_libgit2_try(NULL))
        pthread_once(&once, start);
    return NULL;
}

static void join_warmer(void)
{
    if (warming)
        pthread_join(warmer, NULL);
}

void zl_git_library_warm(void)
{
    warming = pthread_create(&warmer, NULL, warm, NULL) == 0;
}

void zl_git_library(void)
{
    /* The warming thread is joined first: atexit must not run while it
     * still initialises. */
    pthread_once(&joined, join_warmer);
    pthread_once(&once, start);
}

void zl_git_library_done(void)
{
    pthread_once(&joined, join_warmer);
}
