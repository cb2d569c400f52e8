/* reviewdog's Diagnostic Format (rdjson, reviewdog -f=rdjson): a source, and
 * a diagnostic per finding with its range, severity and rule (code, with
 * the rule's documentation when --docs-url is given), and its fix as
 * suggestions (one per edit: a range and its new text). Columns are UTF-8
 * bytes from 1, as the format defines them; a finding about a whole file
 * has a path and no range. */
#include <jansson.h>
#include <stdlib.h>

#include "lint/output/columns.h"
#include "lint/output/json_text.h"
#include "lint/output/output.h"
#include "lint/util/util.h"

static const char *severity(zl_severity s)
{
    return s == ZL_SEV_ERROR ? "ERROR" : s == ZL_SEV_WARNING ? "WARNING" : "INFO";
}

static json_t *position(uint32_t line, uint32_t col)
{
    return json_pack("{s:i,s:i}", "line", (json_int_t)line, "column", (json_int_t)col);
}

static json_t *suggestions(const zl_report *r, const zl_fix *fix)
{
    json_t *list = json_array();
    for (size_t i = 0; i < fix->n; i++) {
        const zl_edit *e = &fix->edits[i];
        json_t *range = json_object();
        json_object_set_new(
            range, "start",
            position(e->line, zl_column_at(r->zs, e->src, e->line, e->col, ZL_COLUMN_BYTE)));
        json_object_set_new(range, "end",
                            position(e->end_line, zl_column_at(r->zs, e->src, e->end_line,
                                                               e->end_col, ZL_COLUMN_BYTE)));
        json_t *s = json_object();
        json_object_set_new(s, "range", range);
        json_object_set_new(s, "text", zl_json_text(e->text));
        json_array_append_new(list, s);
    }
    return list;
}

static bool write_rdjson(FILE *f, const zl_report *r)
{
    const zl_findings *fs = r->fs;
    json_t *list = json_array();
    for (size_t i = 0; i < fs->n; i++) {
        const zl_finding *x = &fs->v[i];
        json_t *o = json_object();
        char *msg = zl_xasprintf("%s\nhint: %s", x->message, x->hint ? x->hint : x->rule->hint);
        json_object_set_new(o, "message", zl_json_text(msg));
        free(msg);
        json_t *loc = json_object();
        json_object_set_new(loc, "path", zl_json_text(x->path));
        if (x->line) {
            json_t *range = json_object();
            json_object_set_new(
                range, "start",
                position(x->line, zl_column_in(r->zs, x, x->col, ZL_COLUMN_BYTE)));
            json_object_set_new(
                range, "end",
                position(x->line, zl_column_in(r->zs, x, x->end_col, ZL_COLUMN_BYTE)));
            json_object_set_new(loc, "range", range);
        }
        json_object_set_new(o, "location", loc);
        json_object_set_new(o, "severity", json_string(severity(x->severity)));
        json_t *code = json_object();
        json_object_set_new(code, "value", json_string(x->rule->id));
        if (r->docs_url) {
            char *url = zl_xasprintf("%s#%s", r->docs_url, x->rule->id);
            json_object_set_new(code, "url", zl_json_text(url));
            free(url);
        }
        json_object_set_new(o, "code", code);
        /* A suggestion is a person's to accept: unsafe fixes are offered too. */
        if (x->fix)
            json_object_set_new(o, "suggestions", suggestions(r, x->fix));
        json_array_append_new(list, o);
    }
    json_t *source = json_object();
    json_object_set_new(source, "name", json_string("zonelint"));
    if (r->docs_url)
        json_object_set_new(source, "url", zl_json_text(r->docs_url));
    json_t *root = json_object();
    json_object_set_new(root, "source", source);
    json_object_set_new(root, "diagnostics", list);
    int rc = json_dumpf(root, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII);
    fputc('\n', f);
    json_decref(root);
    return rc == 0 && !ferror(f);
}

const zl_writer zl_writer_rdjson = {.name = "rdjson", .write = write_rdjson, .columns = ZL_COLUMN_FIXED};
