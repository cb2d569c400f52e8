/* Loading libgit2 on first use (libgit2.h says why). */
#define ZL_LIBGIT2_LOADER
#include "lint/git/libgit2.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lint/output/escape.h"

/* The soname the headers we compiled against belong to: another libgit2
 * release may change the functions' types. */
static const char soname[] = "libgit2.so." LIBGIT2_SOVERSION;

static pthread_once_t once = PTHREAD_ONCE_INIT;
static zl_libgit2 table;
static const char *failure;
/* dlerror's text is the loading thread's, and goes with it: the warming
 * thread may load, and another thread say why it failed. */
static char failure_text[512];

static void load(void)
{
    /* RTLD_NODELETE: libgit2 registers its shutdown with atexit. */
    void *lib = dlopen(soname, RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE);
    if (!lib) {
        const char *why = dlerror();
        snprintf(failure_text, sizeof failure_text, "%s", why ? why : "unknown error");
        failure = failure_text;
        return;
    }
    /* A void * to function pointer through memcpy: ISO C has no cast
     * between them, POSIX guarantees they have the same representation. */
#define ZL_LIBGIT2_BIND(f)                                                                      \
    {                                                                                           \
        void *sym = dlsym(lib, #f);                                                             \
        if (!sym) {                                                                             \
            failure = "a function zonelint calls is missing (" #f ")";                          \
            return;                                                                             \
        }                                                                                       \
        memcpy(&table.f, &sym, sizeof sym);                                                     \
    }
    ZL_LIBGIT2_FUNCTIONS(ZL_LIBGIT2_BIND)
#undef ZL_LIBGIT2_BIND
}

bool zl_libgit2_try(const char **why)
{
    pthread_once(&once, load);
    if (why)
        *why = failure;
    return failure == NULL;
}

const zl_libgit2 *zl_libgit2_get(void)
{
    if (!zl_libgit2_try(NULL)) {
        zl_warn("cannot load %s, which reading git repositories needs: %s", soname, failure);
        exit(2);
    }
    return &table;
}
