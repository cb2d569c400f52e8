#include "lint/io/real_path.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "lint/util/util.h"

/* Folders as written, and what they resolve to (NULL: they do not, with
 * the errno realpath gave), taken in turn. */
enum { KEPT = 8 };
static struct folder {
    char *written;
    char *real;
    int err;
} kept[KEPT];
static unsigned next_kept;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

/* realpath of the folder written in its n octets ("." for none), from
 * kept or resolved now; a copy, or NULL with errno. */
static char *folder_real(const char *dir, size_t n)
{
    pthread_mutex_lock(&lock);
    for (unsigned k = 0; k < KEPT; k++) {
        const struct folder *f = &kept[k];
        if (f->written && zl_text_eq(dir, n, f->written)) {
            char *real = f->real ? zl_xstrdup(f->real) : NULL;
            int err = f->err;
            pthread_mutex_unlock(&lock);
            errno = err;
            return real;
        }
    }
    char *written = zl_xstrndup(dir, n);
    char *real = realpath(written, NULL);
    struct folder *f = &kept[next_kept++ % KEPT];
    free(f->written);
    free(f->real);
    *f = (struct folder){.written = written, .real = real, .err = real ? 0 : errno};
    char *copy = real ? zl_xstrdup(real) : NULL;
    int err = f->err;
    pthread_mutex_unlock(&lock);
    errno = err;
    return copy;
}

char *zl_real_path(const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    /* "x/", "x/." and "x/..", and the root itself: resolved whole. */
    if (!*base || strcmp(base, ".") == 0 || strcmp(base, "..") == 0 || slash == path)
        return realpath(path, NULL);
    char *dir = slash ? folder_real(path, (size_t)(slash - path)) : folder_real(".", 1);
    if (!dir)
        return NULL;
    char *real = zl_xasprintf("%s/%s", strcmp(dir, "/") ? dir : "", base);
    free(dir);
    struct stat st;
    if (lstat(real, &st) != 0) {
        int err = errno;
        free(real);
        errno = err;
        return NULL;
    }
    if (S_ISLNK(st.st_mode)) {
        free(real);
        return realpath(path, NULL);
    }
    return real;
}

void zl_real_path_forget(void)
{
    pthread_mutex_lock(&lock);
    for (unsigned k = 0; k < KEPT; k++) {
        free(kept[k].written);
        free(kept[k].real);
        kept[k] = (struct folder){0};
    }
    next_kept = 0;
    pthread_mutex_unlock(&lock);
}
