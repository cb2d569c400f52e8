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
    atexit(shut_down);
}

void zl_git_library(void)
{
    pthread_once(&once, start);
}
