/* Writing fixed files in place: the new content goes to a temporary file
 * beside the original, with its permissions, and is renamed over it, so a
 * reader sees the old file or the new one, never half of one. A file whose
 * content is no longer what was linted (an editor saved it meanwhile) is
 * left alone. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lint/fix/session.h"
#include "lint/util/util.h"

static bool unchanged(const zl_fix_file *f, char **why)
{
    char *data = NULL, *err = NULL;
    size_t len = 0;
    if (zl_fs_posix.read(&zl_fs_posix, f->path, &data, &len, &err) != ZL_READ_OK) {
        *why = err;
        return false;
    }
    bool same = len == f->orig_len && memcmp(data, f->orig, len) == 0;
    free(data);
    if (!same)
        *why = zl_xasprintf("%s: changed since it was read; not fixed", f->path);
    return same;
}

static bool write_all(int fd, const char *p, size_t n)
{
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return false;
        p += w;
        n -= (size_t)w;
    }
    return true;
}

/* A symbolic link stays one: the file it names is replaced. */
static bool replace(const zl_fix_file *f, char **why)
{
    struct stat st;
    char *real = realpath(f->path, NULL);
    if (!real || stat(real, &st) != 0 || !S_ISREG(st.st_mode)) {
        *why = zl_xasprintf("%s: not a regular file; not fixed", f->path);
        free(real);
        return false;
    }
    char *tmp = zl_xasprintf("%s.zonelint-XXXXXX", real);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        *why = zl_xasprintf("%s: cannot create a temporary file beside it: %s", f->path,
                            strerror(errno));
        free(tmp);
        return false;
    }
    bool ok = fchmod(fd, st.st_mode & 07777) == 0 && write_all(fd, f->text, f->len) &&
              fsync(fd) == 0;
    ok = close(fd) == 0 && ok;
    /* Checked last, just before the rename: the window is as small as it gets. */
    ok = ok && unchanged(f, why);
    if (ok && rename(tmp, real) != 0) {
        *why = zl_xasprintf("%s: cannot replace it: %s", f->path, strerror(errno));
        ok = false;
    } else if (!ok && !*why) {
        *why = zl_xasprintf("%s: cannot write the fixed file: %s", f->path, strerror(errno));
    }
    if (!ok)
        unlink(tmp);
    free(tmp);
    free(real);
    return ok;
}

bool zl_fix_write(const zl_fix_session *s, char **err)
{
    zl_buf msg = {0};
    for (size_t i = 0; i < s->n; i++) {
        const zl_fix_file *f = &s->v[i];
        if (f->len == f->orig_len && memcmp(f->text, f->orig, f->len) == 0)
            continue;
        char *why = NULL;
        if (!replace(f, &why)) {
            zl_buf_printf(&msg, "%s%s", msg.len ? "\nzonelint: " : "", why);
            free(why);
        }
    }
    if (!msg.len)
        return true;
    *err = zl_buf_take(&msg);
    return false;
}
