/* DNSControl: the normalised configuration that `dnscontrol print-ir`
 * writes as JSON without asking any provider. zonelint cannot run
 * dnsconfig.js (JavaScript); print-ir evaluates it, so its output is what
 * DNSControl will publish. One file holds every domain:
 *   {"registrars": [...], "dns_providers": [...],
 *    "domains": [{"name": "example.com", "records": [{"type", "name",
 *                 "target", "ttl", "mxpreference", ...}]}]}
 *
 * DNSControl's conventions, as its models state them:
 * - a record's name is relative to the domain ("@" for the apex; "foo.com"
 *   in foo.com means foo.com.foo.com.), and a "subdomain" (D_EXTEND) stands
 *   between name and domain; a domain "example.com!inside" is the
 *   "inside" view of a split horizon, for the zone example.com;
 * - a target that is a name is absolute when it ends with a dot, else
 *   relative to the domain, as in a zone file (print-ir has completed them);
 * - the fields of each type's rdata are members of their own (mxpreference,
 *   srvport, caatag, ...), left out when 0; the TTL defaults to 300;
 * - a TXT value is one string ("target"), split into strings of 255 octets
 *   when published; older versions list the strings in "txtstrings";
 * - pseudo-types (ALIAS, R53_ALIAS, CF_REDIRECT, URL, ...) are provider
 *   features, not records of the zone, and are skipped, as are the types
 *   whose rdata zonelint does not compose from DNSControl's members (LOC). */
#include <stdlib.h>
#include <string.h>

#include "parser/exports/emit.h"
#include "parser/exports/json_stream.h"
#include "parser/exports/readers.h"

/* Members of each type's rdata, in order: '#' a number (0 when absent), '^'
 * a name, '"' a text string, '=' rdata as written. */
static const struct dc_type {
    const char *type;
    const char *fields[7];
} types[] = {
    {"A", {"=target"}},
    {"AAAA", {"=target"}},
    {"CAA", {"#caaflag", "=caatag", "\"target"}},
    {"CNAME", {"^target"}},
    {"DHCID", {"=target"}},
    {"DNAME", {"^target"}},
    {"DS", {"#dskeytag", "#dsalgorithm", "#dsdigesttype", "=dsdigest"}},
    {"HTTPS", {"#svcpriority", "^target", "=svcparams"}},
    {"MX", {"#mxpreference", "^target"}},
    {"NAPTR",
     {"#naptrorder", "#naptrpreference", "\"naptrflags", "\"naptrservice", "\"naptrregexp",
      "^target"}},
    {"NS", {"^target"}},
    {"OPENPGPKEY", {"=target"}},
    {"PTR", {"^target"}},
    {"SOA",
     {"^target", "^soambox", "#soaserial", "#soarefresh", "#soaretry", "#soaexpire",
      "#soaminttl"}},
    {"SPF", {0}},
    {"SRV", {"#srvpriority", "#srvweight", "#srvport", "^target"}},
    {"SSHFP", {"#sshfpalgorithm", "#sshfpfingerprint", "=target"}},
    {"SVCB", {"#svcpriority", "^target", "=svcparams"}},
    {"TLSA", {"#tlsausage", "#tlsaselector", "#tlsamatchingtype", "=target"}},
    {"TXT", {0}}, /* text: "target" or "txtstrings" */
};

/* The file is walked twice (parser/exports/json_stream.h), each record
 * decoded alone: first to hold every value to JSON, writing nothing, so
 * that a broken file is refused before any of its zones is read; then to
 * write the zones. Decoded whole it took twenty times its size. */
typedef struct dc {
    zl_jstream js;
    zl_input *in;
    bool emit;         /* the second walk */
    const zl_jdoc *d;  /* the record being written */
    zl_synth s;
    zl_jval rec;
    char *zone;     /* with its final dot */
    uint32_t first; /* the source of the first domain read, whose file copy the others share */
} dc;

/* Start the synthesised text of one more domain. */
static void start_domain(dc *c)
{
    zl_input *in = c->in;
    zl_synth_init(&c->s, in->text, in->len);
    if (c->first != ZL_NONE)
        zl_synth_share(&c->s, in->zs, c->first);
}

static void read_domain(dc *c)
{
    zl_input *in = c->in;
    zl_zone *z = zl_synth_read(&c->s, in->zs, in->path, "dnscontrol", in->o);
    if (c->first == ZL_NONE)
        c->first = z->src;
}

static void diag_at(dc *c, uint32_t start, uint32_t len, const char *message)
{
    zl_synth_diag_raw(&c->s, "syntax-error", start, len ? len : 1, zl_xstrdup(message), NULL);
}

static void diag(dc *c, zl_jval at, const char *message)
{
    diag_at(c, zl_jstart(c->d, at), zl_jlen(c->d, at), message);
}

/* Whether every string member the type needs is there; else the record is
 * reported once and left out. An absent "svcparams" is no parameters. */
static bool complete(dc *c, const struct dc_type *ty)
{
    for (int f = 0; f < 7 && ty->fields[f]; f++) {
        const char *spec = ty->fields[f];
        zl_jval v = zl_jget(c->d, c->rec, spec + 1, false);
        if (spec[0] == '#' || json_is_string(v.v) || (!v.v && strcmp(spec, "=svcparams") == 0))
            continue;
        zl_buf m = {0};
        zl_buf_printf(&m, "%s record without a \"%s\" string", ty->type, spec + 1);
        diag(c, v.v ? v : c->rec, zl_buf_str(&m));
        zl_buf_free(&m);
        return false;
    }
    return true;
}

/* One member of the record's rdata, as spec says. */
static void field(dc *c, const char *spec)
{
    zl_jval v = zl_jget(c->d, c->rec, spec + 1, false);
    if (spec[0] == '#') {
        zl_jemit_number(&c->s, c->d, v, 0, zl_jstart(c->d, c->rec));
        return;
    }
    zl_lstr s = {0};
    if (!zl_jstr(c->d, v, &s))
        return; /* an absent "svcparams" (complete() passed) */
    if (spec[0] == '^')
        zl_emit_name(&c->s, &s, 0);
    else if (spec[0] == '"')
        zl_emit_text(&c->s, &s, 0);
    else
        zl_emit_rdata(&c->s, &s, 0);
    zl_lstr_free(&s);
}

/* TXT and SPF: the strings DNSControl lists, else its one value, split as
 * it splits it when publishing. */
static void text(dc *c)
{
    zl_jval strings = zl_jget(c->d, c->rec, "txtstrings", false);
    zl_jval str;
    size_t i = 0;
    zl_lstr s = {0};
    if (json_is_array(strings.v) && json_array_size(strings.v)) {
        while (zl_jnext(c->d, strings, &i, &str)) {
            if (i > 1)
                zl_synth_glue(&c->s, " ");
            if (zl_jstr(c->d, str, &s))
                zl_emit_text(&c->s, &s, 0);
            else
                diag(c, str, "txtstrings holds a value that is not a string");
            zl_lstr_free(&s);
        }
        return;
    }
    zl_jval target = zl_jget(c->d, c->rec, "target", false);
    if (zl_jstr(c->d, target, &s))
        zl_emit_text(&c->s, &s, ZL_EMIT_CHUNK);
    else
        diag(c, target.v ? target : c->rec, "TXT record without a target string");
    zl_lstr_free(&s);
}

/* The owner: name, then the D_EXTEND subdomain, relative to the domain. */
static void owner(dc *c, const zl_lstr *name)
{
    zl_lstr sub = {0};
    if (!zl_jstr(c->d, zl_jget(c->d, c->rec, "subdomain", false), &sub) || !sub.n) {
        zl_emit_relative_owner(&c->s, name, c->zone);
    } else if (name->n == 1 && name->p[0] == '@') {
        zl_emit_relative_owner(&c->s, &sub, c->zone);
    } else {
        zl_emit_name(&c->s, name, 0);
        zl_synth_glue(&c->s, ".");
        zl_emit_relative_owner(&c->s, &sub, c->zone);
    }
    zl_lstr_free(&sub);
}

static void record(dc *c, zl_jval rec)
{
    const zl_jdoc *d = c->d;
    c->rec = rec;
    zl_jval name = zl_jget(d, rec, "name", false), type = zl_jget(d, rec, "type", false);
    zl_lstr n = {0}, t = {0};
    if (!zl_jstr(d, name, &n) || !zl_jstr(d, type, &t)) {
        diag(c, rec, "record without name and type strings");
    } else {
        const struct dc_type *ty = NULL;
        for (size_t i = 0; i < sizeof types / sizeof types[0] && !ty; i++)
            if (zl_ascii_ieq(t.p, t.n, types[i].type))
                ty = &types[i];
        if (ty && complete(c, ty)) {
            owner(c, &n);
            zl_jval ttl = zl_jget(d, rec, "ttl", false);
            long long secs = json_is_integer(ttl.v) ? json_integer_value(ttl.v) : 300;
            zl_emit_ttl_type(&c->s, secs, ttl.v ? zl_jstart(d, ttl) : n.raw[n.n],
                             zl_jlen(d, ttl), &t);
            for (int f = 0; f < 7 && ty->fields[f]; f++) {
                if (f)
                    zl_synth_glue(&c->s, " ");
                field(c, ty->fields[f]);
            }
            if (!ty->fields[0])
                text(c);
            zl_synth_glue(&c->s, "\n");
        }
    }
    zl_lstr_free(&n);
    zl_lstr_free(&t);
}

static void record_at(const zl_jdoc *d, zl_jspan at, void *ctx)
{
    (void)at;
    dc *c = ctx;
    if (c->emit) {
        c->d = d;
        record(c, zl_jdoc_root(d));
    }
}

/* One domain: its records as one zone, named by the domain (without a
 * split-horizon tag). */
static void domain(dc *c, zl_jspan dom)
{
    zl_jstream *js = &c->js;
    static const char *const keys[] = {"name", "records"};
    zl_jspan m[2];
    zl_jstream_members(js, dom, keys, 2, m); /* records that are not a list: none */
    zl_jdoc name = {0};
    if (js->err || (m[0].end && !zl_jdoc_load_span(&name, js->text, m[0], &js->err, &js->err_off)))
        return;
    const char *n = m[0].end ? json_string_value(name.root) : NULL;
    if (!c->emit) {
        zl_jstream_each(js, m[1], record_at, c);
    } else if (!n || !*n) {
        start_domain(c);
        diag_at(c, dom.start, dom.end - dom.start, "domain without a name");
        read_domain(c);
    } else {
        size_t len = strcspn(n, "!");
        c->zone = zl_xasprintf("%.*s%s", (int)len, n, len && n[len - 1] == '.' ? "" : ".");
        start_domain(c);
        zl_synth_glue(&c->s, "$ORIGIN ");
        zl_synth_glue(&c->s, c->zone);
        zl_synth_glue(&c->s, "\n");
        zl_jstream_each(js, m[1], record_at, c);
        read_domain(c);
        free(c->zone);
        c->zone = NULL;
    }
    if (m[0].end)
        zl_jdoc_free(&name);
}

/* Each domain of the file; false when it has no "domains" array. */
static bool walk(dc *c, zl_jspan root)
{
    zl_jstream *js = &c->js;
    zl_jspan domains = zl_jstream_member(js, root, "domains"), key, dom;
    zl_jwalk w;
    if (!zl_jstream_open(js, &w, domains, '['))
        return false;
    while (zl_jstream_next(js, &w, &key, &dom))
        domain(c, dom);
    return true;
}

bool zl_read_dnscontrol(zl_input *in, char **err)
{
    dc c = {.js = {.text = in->text, .decode_skipped = true}, .in = in, .first = ZL_NONE};
    zl_jspan root;
    char *why = NULL;
    size_t off = 0;
    if (!zl_jwalk_root(in->text, in->len, &root, &why, &off))
        return zl_input_fail(in, off, "dnscontrol", why, err);
    bool listed = walk(&c, root);
    if (c.js.err || !listed) {
        why = c.js.err ? c.js.err : zl_xstrdup("no \"domains\" array");
        return zl_input_fail(in, c.js.err ? c.js.err_off : root.start, "dnscontrol", why, err);
    }
    /* The text is JSON: write the zones, checking no more than the walk does. */
    c.emit = true;
    c.js.decode_skipped = false;
    walk(&c, root);
    free(c.js.err); /* never expected: the same text walked before */
    free(in->text);
    return true;
}

bool zl_read_dnscontrol_js(zl_input *in, char **err)
{
    return zl_input_fail(in, 0, "dnscontrol",
                         zl_xstrdup("this is DNSControl's JavaScript configuration, which only "
                                    "DNSControl can evaluate: lint what it will publish, "
                                    "`dnscontrol print-ir --out dnscontrol.json` (no provider "
                                    "is asked), with `zonelint dnscontrol.json`"),
                         err);
}
