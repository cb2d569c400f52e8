#include "lint/fix/session.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "lint/util/util.h"

/* A fixed file's contents, or false when the session did not fix it. */
static bool overlay_text(const zl_fix_session *s, const char *path, char **data, size_t *len)
{
    for (size_t i = 0; i < s->n; i++)
        if (strcmp(s->v[i].path, path) == 0) {
            *data = zl_xstrndup(s->v[i].text, s->v[i].len);
            *len = s->v[i].len;
            return true;
        }
    return false;
}

static zl_read_result overlay_read(const zl_fs *fs, const char *path, char **data,
                                   size_t *len, char **err)
{
    const zl_fix_session *s = fs->ctx;
    if (overlay_text(s, path, data, len))
        return ZL_READ_OK;
    return s->base->read(s->base, path, data, len, err);
}

static zl_read_result overlay_probe(const zl_fs *fs, const char *path, char **data,
                                    size_t *len, char **err)
{
    const zl_fix_session *s = fs->ctx;
    if (overlay_text(s, path, data, len))
        return ZL_READ_OK;
    return zl_fs_probe(s->base, path, data, len, err);
}

static char *overlay_identity(const zl_fs *fs, const char *path)
{
    const zl_fix_session *s = fs->ctx;
    return s->base->identity(s->base, path);
}

void zl_fix_session_init(zl_fix_session *s, zl_fix_safety upto, const zl_fs *base)
{
    memset(s, 0, sizeof *s);
    s->upto = upto;
    s->base = base;
    s->fs = (zl_fs){
        .read = overlay_read, .identity = overlay_identity, .probe = overlay_probe, .ctx = s};
}

void zl_fix_session_free(zl_fix_session *s)
{
    for (size_t i = 0; i < s->n; i++) {
        free(s->v[i].path);
        free(s->v[i].orig);
        free(s->v[i].text);
    }
    free(s->v);
    memset(s, 0, sizeof *s);
}

/* The edits accepted for one file in this round, sorted by start. */
typedef struct round_file {
    const zl_source *src; /* the text the edits are offsets into */
    const char *path;
    const zl_edit **e;
    size_t n, cap;
    size_t fixes;
} round_file;

/* Index of the first accepted edit starting at or after start. */
static size_t lower_bound(const round_file *f, uint32_t start)
{
    size_t lo = 0, hi = f->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (f->e[mid]->start < start)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* An edit conflicts with an accepted one when their bytes intersect or even
 * touch: a final dot inserted just after a target another fix rewrites would
 * double the dot. The later fix waits for the next round, which sees the text
 * the first one made. */
static bool conflicts(const round_file *f, const zl_edit *e)
{
    size_t k = lower_bound(f, e->start);
    if (k < f->n && f->e[k]->start <= e->end)
        return true;
    return k > 0 && f->e[k - 1]->end >= e->start;
}

static void accept(round_file *f, const zl_fix *fix)
{
    for (size_t i = 0; i < fix->n; i++) {
        size_t k = lower_bound(f, fix->edits[i].start);
        ZL_GROW(f->e, f->cap, f->n + 1);
        memmove(f->e + k + 1, f->e + k, (f->n - k) * sizeof *f->e);
        f->e[k] = &fix->edits[i];
        f->n++;
    }
    f->fixes++;
}

static zl_fix_file *file_entry(zl_fix_session *s, const round_file *rf)
{
    for (size_t i = 0; i < s->n; i++)
        if (strcmp(s->v[i].path, rf->path) == 0)
            return &s->v[i];
    size_t len;
    const char *text = zl_source_file_text(rf->src, &len);
    ZL_GROW(s->v, s->cap, s->n + 1);
    zl_fix_file *f = &s->v[s->n++];
    *f = (zl_fix_file){.path = zl_xstrdup(rf->path),
                       .orig = zl_xstrndup(text, len),
                       .orig_len = len};
    return f;
}

size_t zl_fix_session_apply(zl_fix_session *s, const zl_findings *fs)
{
    round_file *files = NULL;
    size_t nfiles = 0, fcap = 0, applied = 0;
    for (size_t i = 0; i < fs->n; i++) {
        const zl_fix *fix = fs->v[i].fix;
        if (!fix || fix->safety > s->upto)
            continue;
        round_file *rf = NULL;
        for (size_t k = 0; k < nfiles && !rf; k++)
            if (strcmp(files[k].path, fix->path) == 0)
                rf = &files[k];
        if (!rf) {
            ZL_GROW(files, fcap, nfiles + 1);
            rf = &files[nfiles++];
            *rf = (round_file){.src = fix->file, .path = fix->path};
        }
        bool ok = true;
        for (size_t k = 0; ok && k < fix->n; k++)
            ok = !conflicts(rf, &fix->edits[k]);
        if (ok)
            accept(rf, fix);
    }
    for (size_t k = 0; k < nfiles; k++) {
        round_file *rf = &files[k];
        size_t len;
        const char *text = zl_source_file_text(rf->src, &len);
        zl_buf out = {0};
        uint32_t at = 0;
        for (size_t i = 0; i < rf->n; i++) {
            zl_buf_add(&out, text + at, rf->e[i]->start - at);
            zl_buf_adds(&out, rf->e[i]->text);
            at = rf->e[i]->end;
        }
        zl_buf_add(&out, text + at, len - at);
        zl_fix_file *f = file_entry(s, rf);
        free(f->text);
        f->len = out.len;
        f->text = zl_buf_take(&out);
        f->fixes += rf->fixes;
        applied += rf->fixes;
        free(rf->e);
    }
    free(files);
    return applied;
}

size_t zl_fix_session_fixes(const zl_fix_session *s)
{
    size_t n = 0;
    for (size_t i = 0; i < s->n; i++)
        n += s->v[i].fixes;
    return n;
}

size_t zl_fix_session_changed(const zl_fix_session *s)
{
    size_t n = 0;
    for (size_t i = 0; i < s->n; i++)
        n += s->v[i].len != s->v[i].orig_len || memcmp(s->v[i].text, s->v[i].orig, s->v[i].len);
    return n;
}
