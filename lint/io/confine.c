#include "lint/io/confine.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "lint/io/fs.h"
#include "lint/util/util.h"

static bool inside(const char *real, const char *root)
{
    size_t n = strlen(root);
    if (n == 1 && root[0] == '/')
        return true;
    return strncmp(real, root, n) == 0 && (real[n] == '/' || real[n] == '\0');
}

static bool in_roots(const zl_confine *c, const char *real)
{
    for (size_t i = 0; i < c->nroots; i++)
        if (inside(real, c->roots[i]))
            return true;
    return false;
}

/* Inside the roots, once widened to the tree above the folder if need be. */
static bool allowed(zl_confine *c, const char *real)
{
    if (in_roots(c, real))
        return true;
    if (!c->widen)
        return false;
    char *top = c->top_of(c->widen);
    free(c->widen);
    c->widen = NULL;
    if (top)
        zl_confine_allow(c, top);
    free(top);
    return in_roots(c, real);
}

/* Where a path that does not resolve would be: its deepest folder that
 * exists, resolved, and the rest as written ("x/.." taken away first), or
 * NULL. So a missing file outside the roots is refused like a present one:
 * input may not learn what exists outside them. */
static char *where_missing(const char *path)
{
    char *norm = zl_path_normalize(path);
    char *real = NULL;
    for (size_t cut = strlen(norm); !real && cut > 0;) {
        while (cut > 0 && norm[cut - 1] != '/')
            cut--;
        char *dir = cut > 1 ? zl_xstrndup(norm, cut - 1) : zl_xstrdup(cut ? "/" : ".");
        char *up = realpath(dir, NULL);
        if (up)
            real = zl_xasprintf("%s/%s", strcmp(up, "/") == 0 ? "" : up, norm + cut);
        free(up);
        free(dir);
        if (cut)
            cut--;
    }
    free(norm);
    return real;
}

zl_read_result zl_confine_check(zl_confine *c, const char *path, char **err)
{
    char *real = realpath(path, NULL);
    int why = errno;
    bool ok;
    if (real) {
        ok = (c->trusted && strcmp(real, c->trusted) == 0) || allowed(c, real);
        free(real);
    } else {
        char *would = where_missing(path);
        ok = !would || allowed(c, would);
        free(would);
        if (ok) {
            /* Missing: an ordinary failure, said as the reader would. */
            *err = zl_xasprintf("%s: %s", path, strerror(why));
            return ZL_READ_FAILED;
        }
    }
    if (!ok) {
        *err = zl_xasprintf("%s: resolves outside the folders zonelint reads (the "
                            "repository, or the folder of the file given; widen with "
                            "--include-root DIR)",
                            path);
        return ZL_READ_REFUSED;
    }
    return ZL_READ_OK;
}

/* mapped is NULL when the text must be copied. */
static zl_read_result confined_open(const zl_fs *fs, const char *path, char **data, size_t *len,
                                    size_t *mapped, char **err)
{
    zl_confine *c = fs->ctx;
    if (strcmp(path, "-") == 0)
        return zl_fs_posix.read(&zl_fs_posix, path, data, len, err);
    zl_read_result r = zl_confine_check(c, path, err);
    if (r != ZL_READ_OK)
        return r;
    size_t left = ZL_MAX_RUN_BYTES - (*c->run_bytes < ZL_MAX_RUN_BYTES ? *c->run_bytes
                                                                       : ZL_MAX_RUN_BYTES);
    if (left == 0) {
        *err = zl_xasprintf("%s: not read: this run has read %zu MiB, its limit", path,
                            ZL_MAX_RUN_BYTES >> 20);
        return ZL_READ_REFUSED;
    }
    size_t max = left < ZL_MAX_FILE_SIZE ? left : ZL_MAX_FILE_SIZE;
    r = mapped ? zl_fs_map_regular(path, path, max, data, len, mapped, err)
               : zl_fs_read_regular(path, path, max, data, len, err);
    if (r == ZL_READ_OK)
        *c->run_bytes += *len;
    return r;
}

static zl_read_result confined_read(const zl_fs *fs, const char *path, char **data,
                                    size_t *len, char **err)
{
    return confined_open(fs, path, data, len, NULL, err);
}

static zl_read_result confined_map(const zl_fs *fs, const char *path, char **data, size_t *len,
                                   size_t *mapped, char **err)
{
    *mapped = 0;
    return confined_open(fs, path, data, len, mapped, err);
}

/* An absent file (or a folder of that name) needs no answer to whether it
 * would be inside the folders: the work tree is looked for (libgit2,
 * 10 ms) only for a file that is there. */
static zl_read_result confined_probe(const zl_fs *fs, const char *path, char **data,
                                     size_t *len, char **err)
{
    struct stat st;
    if (strcmp(path, "-") != 0 && (stat(path, &st) != 0 || !S_ISREG(st.st_mode))) {
        *err = NULL;
        return ZL_READ_FAILED;
    }
    return confined_read(fs, path, data, len, err);
}

/* A folder is listed only inside the allowed folders ("" is the working
 * directory); its files are then read through confined_read. */
static bool confined_list(const zl_fs *fs, const char *dir, char ***names, size_t *n)
{
    zl_confine *c = fs->ctx;
    const char *d = *dir ? dir : ".";
    char *real = realpath(d, NULL);
    bool ok = real && allowed(c, real);
    free(real);
    return ok && zl_fs_list_dir(dir, names, n); /* "" itself: its names need no prefix */
}

static char *confined_identity(const zl_fs *fs, const char *path)
{
    (void)fs;
    return zl_fs_posix.identity(&zl_fs_posix, path);
}

void zl_confine_init(zl_confine *c, size_t *run_bytes)
{
    memset(c, 0, sizeof *c);
    c->fs = (zl_fs){.read = confined_read,
                    .map = confined_map,
                    .identity = confined_identity,
                    .list = confined_list,
                    .probe = confined_probe,
                    .ctx = c};
    c->run_bytes = run_bytes;
}

bool zl_confine_allow(zl_confine *c, const char *dir)
{
    char *real = realpath(dir, NULL);
    if (!real)
        return false;
    c->roots = zl_xrealloc(c->roots, (c->nroots + 1) * sizeof *c->roots);
    c->roots[c->nroots++] = real;
    return true;
}

void zl_confine_allow_tree(zl_confine *c, const char *dir, char *(*top_of)(const char *dir))
{
    if (!zl_confine_allow(c, dir))
        return;
    free(c->widen);
    c->widen = zl_xstrdup(dir);
    c->top_of = top_of;
}

void zl_confine_trust(zl_confine *c, const char *path)
{
    free(c->trusted);
    c->trusted = realpath(path, NULL);
}

void zl_confine_free(zl_confine *c)
{
    for (size_t i = 0; i < c->nroots; i++)
        free(c->roots[i]);
    free(c->roots);
    free(c->trusted);
    free(c->widen);
    memset(c, 0, sizeof *c);
}
