/* Route 53: `aws route53 list-resource-record-sets` output and change
 * batches (`change-resource-record-sets --change-batch`, also inside
 * --cli-input-json's ChangeBatch). Route 53's conventions:
 *
 * - names and targets are absolute whether or not they end with a dot, and
 *   characters other than a-z, 0-9, - and _ come back as \ooo OCTAL escapes
 *   (\052 is '*'): they are written here with the dot, in decimal;
 * - a TXT value must be one or more quoted strings ("\"v=spf1 ...\"" in the
 *   JSON): an unquoted one is rejected by the API (value-quoting here);
 * - alias record sets (AliasTarget) have no TTL and no records of their own:
 *   they are read, not linted;
 * - routing-policy sets (SetIdentifier) repeat a name and type; the model
 *   holds one RRset per name and type, so the first of them is linted. */
#include <ldns/ldns.h>
#include <stdlib.h>
#include <string.h>

#include "lint/util/strset.h"
#include "parser/exports/emit.h"
#include "parser/exports/json_stream.h"
#include "parser/exports/readers.h"

/* The export is walked (parser/exports/json_stream.h), each record set
 * decoded alone: decoded whole it took twelve times its size. */
typedef struct r53 {
    zl_jstream js;
    const zl_jdoc *d; /* the record set or change being read */
    bool changes;     /* a change batch */
    zl_synth s;
    zl_strset routed; /* "name type" of routing-policy sets already read */
} r53;

/* A routing-policy set whose name and type were read before. */
static bool routed_before(r53 *r, const zl_lstr *name, const zl_lstr *type, bool routed)
{
    if (!routed)
        return false;
    zl_buf key = {0};
    zl_buf_add(&key, name->p, name->n);
    zl_buf_addc(&key, ' ');
    zl_buf_add(&key, type->p, type->n);
    bool seen = !zl_strset_add(&r->routed, key.data, key.len);
    zl_buf_free(&key);
    return seen;
}

static bool is_txt(uint16_t type)
{
    return type == LDNS_RR_TYPE_TXT || type == LDNS_RR_TYPE_SPF;
}

void zl_route53_value(zl_synth *s, uint16_t type, const zl_lstr *v, bool yaml)
{
    size_t i = 0;
    while (i < v->n && (v->p[i] == ' ' || v->p[i] == '\t'))
        i++;
    if (is_txt(type) && (i == v->n || v->p[i] != '"')) {
        /* A long value is shown cut, and says so: a hint must never offer
         * part of a value as the whole of it. */
        bool cut = v->n > 60;
        zl_synth_diag_raw(s, "value-quoting", v->raw[0], v->raw[v->n] - v->raw[0],
                          zl_xstrdup("TXT value without quotes: Route 53 rejects it (\"Value "
                                     "should be enclosed in quotation marks\")"),
                          zl_xasprintf(yaml ? "write it in quotes, inside the YAML string: "
                                              "'\"%.*s%s\"'%s"
                                            : "write it in quotes, escaped in the JSON: "
                                              "\"\\\"%.*s%s\\\"\"%s",
                                       (int)(cut ? 40 : v->n), v->p, cut ? "..." : "",
                                       cut ? " (the whole value between the quotes)" : ""));
        zl_emit_text(s, v, 0);
    } else {
        zl_emit_value(s, type, 0, v, ZL_EMIT_OCTAL);
    }
}

static void record_set(r53 *r, zl_jval rs)
{
    const zl_jdoc *d = r->d;
    zl_jval name = zl_jget(d, rs, "Name", false), type = zl_jget(d, rs, "Type", false);
    zl_jval ttl = zl_jget(d, rs, "TTL", false), recs = zl_jget(d, rs, "ResourceRecords", false);
    zl_lstr n = {0}, t = {0};
    bool ok = zl_jstr(d, name, &n) && zl_jstr(d, type, &t);
    if (!ok || !zl_emit_is_type(&t)) {
        zl_jval at = ok ? type : rs;
        zl_synth_diag_raw(&r->s, "syntax-error", zl_jstart(d, at), ok ? zl_jlen(d, at) : 1,
                          zl_xstrdup(ok ? "not a record type"
                                        : "record set without a Name and a Type"),
                          NULL);
    } else if (zl_jget(d, rs, "AliasTarget", false).v ||
               routed_before(r, &n, &t, zl_jget(d, rs, "SetIdentifier", false).v != NULL)) {
        /* read, not linted (see above); an alias name exists all the same */
        r->s.skipped = r->s.skipped || zl_jget(d, rs, "AliasTarget", false).v;
    } else if (!json_is_array(recs.v)) {
        zl_synth_diag_raw(&r->s, "syntax-error", zl_jstart(d, name), zl_jlen(d, name),
                          zl_xstrdup("record set without ResourceRecords or AliasTarget"), NULL);
    } else {
        if (!json_is_integer(ttl.v))
            zl_synth_diag_raw(&r->s, "syntax-error", zl_jstart(d, name), zl_jlen(d, name),
                              zl_xstrdup("record set without a TTL: Route 53 requires one "
                                         "unless it is an alias"),
                              NULL);
        size_t i = 0;
        zl_jval rr;
        while (zl_jnext(d, recs, &i, &rr)) {
            zl_lstr v;
            if (!zl_jstr(d, zl_jget(d, rr, "Value", false), &v)) {
                zl_synth_diag_raw(&r->s, "syntax-error", zl_jstart(d, rr), 1,
                                  zl_xstrdup("resource record without a Value string"), NULL);
                continue;
            }
            zl_emit_name(&r->s, &n, ZL_EMIT_ABSOLUTE | ZL_EMIT_OCTAL);
            uint32_t ttl_at = ttl.v ? zl_jstart(d, ttl) : n.raw[n.n];
            uint16_t code = zl_emit_ttl_type(&r->s, json_integer_value(ttl.v), ttl_at,
                                             zl_jlen(d, ttl), &t);
            zl_route53_value(&r->s, code, &v, false);
            zl_synth_glue(&r->s, "\n");
            zl_lstr_free(&v);
        }
    }
    zl_lstr_free(&n);
    zl_lstr_free(&t);
}

static void item(const zl_jdoc *d, zl_jspan at, void *ctx)
{
    (void)at;
    r53 *r = ctx;
    zl_jval it = zl_jdoc_root(d);
    r->d = d;
    if (!r->changes) {
        record_set(r, it);
        return;
    }
    /* A deletion takes a record set away: nothing to lint. */
    const char *action = json_string_value(zl_jget(d, it, "Action", false).v);
    zl_jval rs = zl_jget(d, it, "ResourceRecordSet", false);
    if (!action || strcmp(action, "DELETE") != 0)
        record_set(r, rs.v ? rs : it);
}

/* The list of record sets or changes in the export at root; empty with
 * *missing where the message about it points when there is none. */
static zl_jspan list_of(r53 *r, zl_jspan root, uint32_t *missing)
{
    zl_jstream *js = &r->js;
    zl_jspan list;
    *missing = root.start;
    if (!r->changes)
        return zl_jstream_member(js, root, "ResourceRecordSets");
    static const char *const keys[] = {"Changes", "ChangeBatch"};
    zl_jspan m[2];
    zl_jstream_members(js, root, keys, 2, m);
    if (m[0].end) {
        zl_jstream_skip(js, m[1]);
        list = m[0];
    } else {
        list = zl_jstream_member(js, m[1], "Changes");
    }
    return list;
}

static bool read_r53(zl_input *in, const char *format, bool changes, char **err)
{
    r53 r = {.js = {.text = in->text, .decode_skipped = true}, .changes = changes};
    zl_jspan root;
    char *why = NULL;
    size_t off = 0;
    if (!zl_jwalk_root(in->text, in->len, &root, &why, &off))
        return zl_input_fail(in, off, format, why, err);
    uint32_t missing;
    zl_jspan list = list_of(&r, root, &missing);
    bool listed = list.end && in->text[list.start] == '[';
    if (listed) {
        zl_synth_init(&r.s, in->text, in->len);
        zl_jstream_each(&r.js, list, item, &r);
    } else {
        zl_jstream_skip(&r.js, list);
        if (list.end)
            missing = list.start;
    }
    if (r.js.err || !listed) {
        if (listed)
            zl_synth_free(&r.s);
        zl_strset_free(&r.routed);
        why = r.js.err ? r.js.err
                       : zl_xstrdup(changes ? "no Changes array (or ChangeBatch.Changes)"
                                            : "no ResourceRecordSets array");
        return zl_input_fail(in, r.js.err ? r.js.err_off : missing, format, why, err);
    }
    zl_synth_read(&r.s, in->zs, in->path, changes ? "route53-changes" : "route53", in->o);
    zl_strset_free(&r.routed);
    free(in->text);
    return true;
}

bool zl_read_route53(zl_input *in, char **err)
{
    return read_r53(in, "route53", false, err);
}

bool zl_read_route53_changes(zl_input *in, char **err)
{
    return read_r53(in, "route53-changes", true, err);
}
