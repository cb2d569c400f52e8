/* The JSON report, laid out as jansson's JSON_INDENT(2) lays it out. A tree
 * of 100k findings cost more to build, dump and free than the linting, so
 * the layout is written here and jansson encodes each string value; values
 * that repeat from one finding to the next (rule, path, hint) are encoded
 * once. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "lint/output/json_text.h"
#include "lint/output/output.h"
#include "lint/util/util.h"

#define FLUSH_AT 65536

typedef struct writer {
    FILE *f;
    zl_buf b;
    bool failed;
} writer;

static void flush(writer *w)
{
    if (w->b.len)
        w->failed |= fwrite(w->b.data, 1, w->b.len, w->f) != w->b.len;
    w->b.len = 0;
}

/* One string's encoding, kept while the next value is the same text. */
typedef struct encoded {
    char *text;
    zl_buf json;
} encoded;

static void add_string(writer *w, encoded *e, const char *s)
{
    if (!e->text || strcmp(e->text, s) != 0) {
        free(e->text);
        e->text = zl_xstrdup(s);
        json_t *v = zl_json_text(s);
        size_t flags = JSON_ENCODE_ANY | JSON_ENSURE_ASCII;
        size_t n = json_dumpb(v, NULL, 0, flags);
        ZL_GROW(e->json.data, e->json.cap, n + 1);
        e->json.len = json_dumpb(v, e->json.data, n, flags);
        json_decref(v);
    }
    zl_buf_add(&w->b, e->json.data, e->json.len);
}

/* "key": at the indentation of depth, after a comma when not the first.
 * Every key is a literal: key() takes its length from sizeof. */
#define key(w, depth, first, k) add_key(w, depth, first, "" k, sizeof k - 1)
static void add_key(writer *w, int depth, bool first, const char *k, size_t klen)
{
    size_t indent = 2 * (size_t)depth;
    char *p = zl_buf_room(&w->b, 2 + indent + 1 + klen + 3), *start = p;
    if (!first)
        *p++ = ',';
    *p++ = '\n';
    memset(p, ' ', indent);
    p += indent;
    *p++ = '"';
    memcpy(p, k, klen);
    p += klen;
    memcpy(p, "\": ", 3);
    zl_buf_used(&w->b, (size_t)(p + 3 - start));
}

static void close_at(writer *w, int depth, char c)
{
    size_t indent = 2 * (size_t)depth;
    char *p = zl_buf_room(&w->b, indent + 2);
    p[0] = '\n';
    memset(p + 1, ' ', indent);
    p[1 + indent] = c;
    zl_buf_used(&w->b, indent + 2);
}

static void line_or_null(writer *w, uint32_t v)
{
    if (v)
        zl_buf_add_uint(&w->b, v);
    else
        zl_buf_add(&w->b, "null", 4);
}

enum { E_PATH, E_FORMAT, E_ORIGIN, E_RULE, E_SEVERITY, E_MESSAGE, E_HINT, E_SAFETY, E_EDIT,
       E_COUNT };

static void files(writer *w, encoded *e, const zl_zoneset *zs)
{
    key(w, 1, false, "files");
    if (!zs->nzones) {
        zl_buf_add(&w->b, "[]", 2);
        return;
    }
    zl_buf_addc(&w->b, '[');
    for (size_t i = 0; i < zs->nzones; i++) {
        const zl_zone *z = zs->zones[i];
        zl_buf_adds(&w->b, i ? ",\n    {" : "\n    {");
        key(w, 3, true, "path");
        add_string(w, &e[E_PATH], z->path);
        key(w, 3, false, "format");
        add_string(w, &e[E_FORMAT], z->format);
        key(w, 3, false, "origin");
        if (z->apex != ZL_NAME_NONE) {
            char *apex = zl_names_str(&zs->names, z->apex);
            add_string(w, &e[E_ORIGIN], apex);
            free(apex);
        } else {
            zl_buf_add(&w->b, "null", 4);
        }
        key(w, 3, false, "records");
        zl_buf_add_uint(&w->b, z->nrecs);
        close_at(w, 2, '}');
    }
    close_at(w, 1, ']');
}

/* The fix as data: its safety and its edits, with byte offsets in the file
 * and line/column ranges (the end just past the last byte replaced; columns
 * in the unit the report asks for). */
static void fix(writer *w, encoded *e, const zl_report *r, const zl_fix *fx)
{
    key(w, 3, false, "fix");
    if (!fx) {
        zl_buf_add(&w->b, "null", 4);
        return;
    }
    zl_column_unit u = r->columns != ZL_COLUMN_FIXED ? r->columns : zl_writer_json.columns;
    zl_buf_addc(&w->b, '{');
    key(w, 4, true, "safety");
    add_string(w, &e[E_SAFETY], zl_fix_safety_name(fx->safety));
    key(w, 4, false, "edits");
    zl_buf_addc(&w->b, '[');
    for (size_t i = 0; i < fx->n; i++) {
        const zl_edit *d = &fx->edits[i];
        zl_buf_adds(&w->b, i ? ",\n          {" : "\n          {");
        key(w, 6, true, "path");
        add_string(w, &e[E_PATH], fx->path);
        key(w, 6, false, "line");
        zl_buf_add_uint(&w->b, d->line);
        key(w, 6, false, "column");
        zl_buf_add_uint(&w->b, zl_column_at(r->zs, d->src, d->line, d->col, u));
        key(w, 6, false, "end_line");
        zl_buf_add_uint(&w->b, d->end_line);
        key(w, 6, false, "end_column");
        zl_buf_add_uint(&w->b, zl_column_at(r->zs, d->src, d->end_line, d->end_col, u));
        key(w, 6, false, "start");
        zl_buf_add_uint(&w->b, d->start);
        key(w, 6, false, "end");
        zl_buf_add_uint(&w->b, d->end);
        key(w, 6, false, "replacement");
        add_string(w, &e[E_EDIT], d->text);
        close_at(w, 5, '}');
    }
    close_at(w, 4, ']');
    close_at(w, 3, '}');
}

static void findings(writer *w, encoded *e, const zl_report *r)
{
    const zl_findings *fs = r->fs;
    key(w, 1, false, "findings");
    if (!fs->n) {
        zl_buf_add(&w->b, "[]", 2);
        return;
    }
    zl_buf_addc(&w->b, '[');
    for (size_t i = 0; i < fs->n; i++) {
        const zl_finding *x = &fs->v[i];
        zl_buf_adds(&w->b, i ? ",\n    {" : "\n    {");
        key(w, 3, true, "rule");
        add_string(w, &e[E_RULE], x->rule->id);
        key(w, 3, false, "severity");
        add_string(w, &e[E_SEVERITY], zl_severity_name(x->severity));
        key(w, 3, false, "path");
        add_string(w, &e[E_PATH], x->path);
        key(w, 3, false, "line");
        line_or_null(w, x->line);
        key(w, 3, false, "column");
        line_or_null(w, x->line ? zl_col(r, &zl_writer_json, x, x->col) : 0);
        key(w, 3, false, "end_column");
        line_or_null(w, x->line ? zl_col(r, &zl_writer_json, x, x->end_col) : 0);
        key(w, 3, false, "message");
        add_string(w, &e[E_MESSAGE], x->message);
        const char *hint = x->hint ? x->hint : x->rule->hint;
        if (hint) {
            key(w, 3, false, "hint");
            add_string(w, &e[E_HINT], hint);
        }
        fix(w, e, r, x->fix);
        close_at(w, 2, '}');
        if (w->b.len >= FLUSH_AT)
            flush(w);
    }
    close_at(w, 1, ']');
}

static bool write_json(FILE *f, const zl_report *r)
{
    const zl_zoneset *zs = r->zs;
    const zl_findings *fs = r->fs;
    writer w = {.f = f};
    encoded e[E_COUNT] = {0};
    zl_buf_addc(&w.b, '{');
    key(&w, 1, true, "version");
    zl_buf_add_uint(&w.b, 1);
    files(&w, e, zs);
    findings(&w, e, r);

    size_t counts[4];
    zl_findings_count(fs, counts);
    key(&w, 1, false, "summary");
    zl_buf_addc(&w.b, '{');
    key(&w, 2, true, "error");
    zl_buf_add_uint(&w.b, counts[ZL_SEV_ERROR]);
    key(&w, 2, false, "warning");
    zl_buf_add_uint(&w.b, counts[ZL_SEV_WARNING]);
    key(&w, 2, false, "note");
    zl_buf_add_uint(&w.b, counts[ZL_SEV_NOTE]);
    key(&w, 2, false, "fixable");
    zl_buf_add_uint(&w.b, zl_findings_fixable(fs, ZL_FIX_SAFE));
    close_at(&w, 1, '}');
    close_at(&w, 0, '}');
    zl_buf_addc(&w.b, '\n');
    flush(&w);
    zl_buf_free(&w.b);
    for (int i = 0; i < E_COUNT; i++) {
        free(e[i].text);
        zl_buf_free(&e[i].json);
    }
    return !w.failed;
}

const zl_writer zl_writer_json = {.name = "json", .write = write_json};
