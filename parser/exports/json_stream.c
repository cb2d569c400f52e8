#include "parser/exports/json_stream.h"

#include <string.h>

void zl_jstream_skip(zl_jstream *s, zl_jspan v)
{
    zl_jdoc d;
    if (s->err || !v.end)
        return;
    if (!s->decode_skipped)
        zl_jwalk_check(s->text, v, &s->err, &s->err_off);
    else if (zl_jdoc_load_span(&d, s->text, v, &s->err, &s->err_off))
        zl_jdoc_free(&d);
}

bool zl_jstream_open(zl_jstream *s, zl_jwalk *w, zl_jspan v, char kind)
{
    if (!s->err && zl_jwalk_open(w, s->text, v) && s->text[v.start] == kind)
        return true;
    zl_jstream_skip(s, v);
    return false;
}

bool zl_jstream_next(zl_jstream *s, zl_jwalk *w, zl_jspan *key, zl_jspan *value)
{
    return !s->err && zl_jwalk_next(w, key, value, &s->err, &s->err_off) == 1;
}

void zl_jstream_members(zl_jstream *s, zl_jspan obj, const char *const *keys, size_t n,
                        zl_jspan *out)
{
    memset(out, 0, n * sizeof *out);
    zl_jwalk w;
    if (!zl_jstream_open(s, &w, obj, '{'))
        return;
    zl_jspan key, v;
    while (zl_jstream_next(s, &w, &key, &v)) {
        size_t k = 0;
        while (k < n && !zl_jkey_is(s->text, obj.end, key.start, keys[k], false))
            k++;
        if (k < n && out[k].end) /* a duplicate: the earlier value is skipped */
            zl_jstream_skip(s, out[k]);
        if (k < n)
            out[k] = v;
        else
            zl_jstream_skip(s, v);
    }
}

zl_jspan zl_jstream_member(zl_jstream *s, zl_jspan obj, const char *key)
{
    zl_jspan v;
    zl_jstream_members(s, obj, &key, 1, &v);
    return v;
}

void zl_jstream_each(zl_jstream *s, zl_jspan arr,
                     void (*fn)(const zl_jdoc *d, zl_jspan at, void *ctx), void *ctx)
{
    zl_jwalk w;
    if (!zl_jstream_open(s, &w, arr, '['))
        return;
    zl_jspan key, v;
    while (zl_jstream_next(s, &w, &key, &v)) {
        zl_jdoc d;
        if (!zl_jdoc_load_span(&d, s->text, v, &s->err, &s->err_off))
            return;
        fn(&d, v, ctx);
        zl_jdoc_free(&d);
    }
}
