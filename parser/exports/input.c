#include "parser/exports/input.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "parser/exports/json_stream.h"
#include "parser/master/origin.h"

char *zl_format_error(const zl_input *in, size_t off, const char *format, const char *fmt, ...)
{
    zl_source view = {.text = in->text, .len = in->len};
    uint32_t line, col;
    zl_source_position(&view, (uint32_t)(off > in->len ? in->len : off), &line, &col);
    free(view.lines);
    zl_buf b = {0};
    zl_buf_printf(&b, "%s:%u:%u: cannot read as %s: ", in->path, line, col, format);
    va_list ap;
    va_start(ap, fmt);
    zl_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    return zl_buf_take(&b);
}

bool zl_input_fail(zl_input *in, size_t off, const char *format, char *why, char **err)
{
    *err = zl_format_error(in, off, format, "%s", why);
    free(why);
    free(in->text);
    return false;
}

bool zl_input_decode(zl_input *in, const char *format, zl_jdoc *json, zl_ydoc *yaml,
                     char **err)
{
    char *why = NULL;
    size_t off = 0;
    bool ok = json ? zl_jdoc_load(json, in->text, in->len, &why, &off)
                   : zl_ydoc_load(yaml, in->text, in->len, &why, &off);
    if (!ok && yaml)
        zl_ydoc_free(yaml);
    return ok || zl_input_fail(in, off, format, why, err);
}

/* The records' list and the zone they name, found before any is read. */
typedef struct jlist {
    zl_jstream js;
    const char *zone_key;
    char *(*zone)(const char *value);
    zl_jreader r;
    void (*record)(zl_jreader *r, zl_jval rec);
    bool named; /* a record had zone_key */
    char *name;
} jlist;

static void read_record(const zl_jdoc *d, zl_jspan at, void *ctx)
{
    (void)at;
    jlist *l = ctx;
    l->r.d = d;
    l->record(&l->r, zl_jdoc_root(d));
}

/* The zone's name, from the first record that has zone_key; the walk stops
 * there (on a record named in the first, most exports). */
static void find_zone(jlist *l, zl_jspan list)
{
    zl_jwalk w;
    zl_jspan key, v;
    if (!zl_jstream_open(&l->js, &w, list, '['))
        return;
    while (!l->named && zl_jstream_next(&l->js, &w, &key, &v)) {
        zl_jdoc d;
        if (!zl_jdoc_load_span(&d, l->js.text, v, &l->js.err, &l->js.err_off))
            return;
        const char *name = json_string_value(zl_jget(&d, zl_jdoc_root(&d), l->zone_key, false).v);
        if (name) {
            l->named = true;
            l->name = l->zone(name);
        }
        zl_jdoc_free(&d);
    }
}

bool zl_read_json_records(zl_input *in, const char *format, const char *key,
                          const char *zone_key, char *(*zone)(const char *value),
                          void (*record)(zl_jreader *r, zl_jval rec), char **err)
{
    jlist l = {.js = {.text = in->text, .decode_skipped = true},
               .zone_key = zone_key,
               .zone = zone,
               .record = record};
    zl_jspan root, list;
    char *why = NULL;
    size_t off = 0;
    if (!zl_jwalk_root(in->text, in->len, &root, &why, &off))
        return zl_input_fail(in, off, format, why, err);
    list = in->text[root.start] == '[' ? root : zl_jstream_member(&l.js, root, key);
    bool listed = list.end && in->text[list.start] == '[';
    if (!listed)
        zl_jstream_skip(&l.js, list);
    else
        find_zone(&l, list);
    if (l.js.err || !listed) {
        free(l.name);
        why = l.js.err ? l.js.err
                       : zl_xasprintf("no array of records, nor a \"%s\" array", key);
        return zl_input_fail(in, l.js.err ? l.js.err_off : root.start, format, why, err);
    }
    zl_synth_init(&l.r.s, in->text, in->len);
    zl_name_id id =
        l.name ? zl_origin_intern(&in->zs->names, l.name, strlen(l.name)) : ZL_NAME_NONE;
    free(l.name);
    if (id != ZL_NAME_NONE) {
        /* The zone's name as the origin: the apex, as these exports have no SOA. */
        l.r.zone = zl_names_str(&in->zs->names, id);
        zl_synth_glue(&l.r.s, "$ORIGIN ");
        zl_synth_glue(&l.r.s, l.r.zone);
        zl_synth_glue(&l.r.s, "\n");
    }
    zl_jstream_each(&l.js, list, read_record, &l);
    if (l.js.err) {
        zl_synth_free(&l.r.s);
        free(l.r.zone);
        return zl_input_fail(in, l.js.err_off, format, l.js.err, err);
    }
    zl_synth_read(&l.r.s, in->zs, in->path, format, in->o);
    free(l.r.zone);
    free(in->text);
    return true;
}
