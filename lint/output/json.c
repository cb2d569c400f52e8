#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "lint/output/json_text.h"
#include "lint/output/output.h"
#include "lint/util/util.h"

static json_t *line_or_null(uint32_t v)
{
    return v ? json_integer(v) : json_null();
}

/* The fix as data: its safety and its edits, with byte offsets in the file
 * and line/column ranges (the end just past the last byte replaced). */
static json_t *fix_json(const zl_report *r, const zl_fix *fix)
{
    zl_column_unit u = r->columns != ZL_COLUMN_FIXED ? r->columns : zl_writer_json.columns;
    if (!fix)
        return json_null();
    json_t *o = json_object();
    json_object_set_new(o, "safety", json_string(zl_fix_safety_name(fix->safety)));
    json_t *edits = json_array();
    for (size_t i = 0; i < fix->n; i++) {
        const zl_edit *e = &fix->edits[i];
        json_t *x = json_object();
        json_object_set_new(x, "path", zl_json_text(fix->path));
        json_object_set_new(x, "line", json_integer(e->line));
        json_object_set_new(x, "column",
                            json_integer(zl_column_at(r->zs, e->src, e->line, e->col, u)));
        json_object_set_new(x, "end_line", json_integer(e->end_line));
        json_object_set_new(
            x, "end_column", json_integer(zl_column_at(r->zs, e->src, e->end_line, e->end_col, u)));
        json_object_set_new(x, "start", json_integer(e->start));
        json_object_set_new(x, "end", json_integer(e->end));
        json_object_set_new(x, "replacement", zl_json_text(e->text));
        json_array_append_new(edits, x);
    }
    json_object_set_new(o, "edits", edits);
    return o;
}

static bool write_json(FILE *f, const zl_report *r)
{
    const zl_zoneset *zs = r->zs;
    const zl_findings *fs = r->fs;
    json_t *root = json_object();
    json_object_set_new(root, "version", json_integer(1));
    json_t *files = json_array();
    for (size_t i = 0; i < zs->nzones; i++) {
        const zl_zone *z = zs->zones[i];
        json_t *o = json_object();
        json_object_set_new(o, "path", zl_json_text(z->path));
        json_object_set_new(o, "format", json_string(z->format));
        if (z->apex != ZL_NAME_NONE) {
            char *apex = zl_names_str(&zs->names, z->apex);
            json_object_set_new(o, "origin", zl_json_text(apex));
            free(apex);
        } else {
            json_object_set_new(o, "origin", json_null());
        }
        json_object_set_new(o, "records", json_integer((json_int_t)z->nrecs));
        json_array_append_new(files, o);
    }
    json_object_set_new(root, "files", files);

    json_t *list = json_array();
    for (size_t i = 0; i < fs->n; i++) {
        const zl_finding *x = &fs->v[i];
        json_t *o = json_object();
        json_object_set_new(o, "rule", json_string(x->rule->id));
        json_object_set_new(o, "severity", json_string(zl_severity_name(x->severity)));
        json_object_set_new(o, "path", zl_json_text(x->path));
        json_object_set_new(o, "line", line_or_null(x->line));
        json_object_set_new(o, "column",
                            line_or_null(x->line ? zl_col(r, &zl_writer_json, x, x->col) : 0));
        json_object_set_new(
            o, "end_column",
            line_or_null(x->line ? zl_col(r, &zl_writer_json, x, x->end_col) : 0));
        json_object_set_new(o, "message", zl_json_text(x->message));
        const char *hint = x->hint ? x->hint : x->rule->hint;
        json_object_set_new(o, "hint", zl_json_text(hint));
        json_object_set_new(o, "fix", fix_json(r, x->fix));
        json_array_append_new(list, o);
    }
    json_object_set_new(root, "findings", list);

    size_t counts[4];
    zl_findings_count(fs, counts);
    json_t *sum = json_object();
    json_object_set_new(sum, "error", json_integer((json_int_t)counts[ZL_SEV_ERROR]));
    json_object_set_new(sum, "warning", json_integer((json_int_t)counts[ZL_SEV_WARNING]));
    json_object_set_new(sum, "note", json_integer((json_int_t)counts[ZL_SEV_NOTE]));
    json_object_set_new(sum, "fixable",
                        json_integer((json_int_t)zl_findings_fixable(fs, ZL_FIX_SAFE)));
    json_object_set_new(root, "summary", sum);

    int rc = json_dumpf(root, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII);
    fputc('\n', f);
    json_decref(root);
    return rc == 0;
}

const zl_writer zl_writer_json = {.name = "json", .write = write_json};
