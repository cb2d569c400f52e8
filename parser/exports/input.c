#include "parser/exports/input.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

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

bool zl_input_json_list(zl_input *in, const char *format, const char *key, zl_jdoc *d,
                        zl_jval *list, char **err)
{
    if (!zl_input_decode(in, format, d, NULL, err))
        return false;
    zl_jval root = zl_jdoc_root(d);
    *list = json_is_array(root.v) ? root : zl_jget(d, root, key, false);
    if (json_is_array(list->v))
        return true;
    uint32_t off = zl_jstart(d, root);
    zl_jdoc_free(d);
    return zl_input_fail(in, off, format,
                         zl_xasprintf("no array of records, nor a \"%s\" array", key), err);
}

bool zl_read_json_records(zl_input *in, const char *format, const char *key,
                          char *(*zone)(zl_jreader *r, zl_jval list),
                          void (*record)(zl_jreader *r, zl_jval rec), char **err)
{
    zl_jreader r = {0};
    zl_jval list;
    if (!zl_input_json_list(in, format, key, &r.d, &list, err))
        return false;
    zl_synth_init(&r.s, in->text, in->len);
    char *name = zone ? zone(&r, list) : NULL;
    zl_name_id id = name ? zl_origin_intern(&in->zs->names, name, strlen(name)) : ZL_NAME_NONE;
    free(name);
    if (id != ZL_NAME_NONE) {
        /* The zone's name as the origin: the apex, as these exports have no SOA. */
        r.zone = zl_names_str(&in->zs->names, id);
        zl_synth_glue(&r.s, "$ORIGIN ");
        zl_synth_glue(&r.s, r.zone);
        zl_synth_glue(&r.s, "\n");
    }
    size_t i = 0;
    zl_jval rec;
    while (zl_jnext(&r.d, list, &i, &rec))
        record(&r, rec);
    zl_synth_read(&r.s, in->zs, in->path, format, in->o);
    zl_jdoc_free(&r.d);
    free(r.zone);
    free(in->text);
    return true;
}
