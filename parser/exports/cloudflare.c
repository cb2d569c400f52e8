/* Cloudflare: the API's dns_records JSON (GET /zones/{id}/dns_records, the
 * whole response or its result array) and the dashboard's BIND-style export.
 *
 * JSON: names and targets are absolute without a final dot; an MX or SRV
 * priority is a field of its own; TXT content is quoted strings (older
 * records: unquoted text), and Cloudflare splits strings longer than 255
 * octets when it publishes them, so they are read split. ttl 1 is "auto".
 *
 * Export: every owner has its final dot except the SOA's, and there is no
 * $ORIGIN, so a reader would take the SOA owner for zone.zone. That is how
 * every export looks, not a mistake of the zone: the SOA owner is read as
 * absolute, and the ";; Domain:" header gives the zone. The SOA's names are
 * placeholders without their dots (example.com root.example.com) and the NS
 * targets say REPLACE&ME$WITH^YOUR@NAMESERVER.: Cloudflare serves its own,
 * so they are read as the exporter means them. Proxied records carry
 * "; cf_tags=cf-proxied:true", an ordinary comment. */
#include <ldns/ldns.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "parser/exports/emit.h"
#include "parser/master/lexer.h"
#include "parser/master/origin.h"
#include "parser/master/rrtype.h"
#include "parser/exports/readers.h"

static void diag(zl_jreader *c, zl_jval at, const char *message)
{
    zl_synth_diag_raw(&c->s, "syntax-error", zl_jstart(c->d, at),
                      zl_jlen(c->d, at) ? zl_jlen(c->d, at) : 1, zl_xstrdup(message), NULL);
}

/* The rdata: content, with the priority (MX, SRV, URI) kept apart. */
static void rdata(zl_jreader *c, zl_jval rec, uint16_t type, const zl_lstr *content)
{
    const zl_jdoc *d = c->d;
    zl_jval prio = zl_jget(d, rec, "priority", false);
    zl_jval data = zl_jget(d, rec, "data", false);
    if (type == LDNS_RR_TYPE_TXT || type == LDNS_RR_TYPE_SPF) {
        size_t i = 0;
        while (i < content->n && content->p[i] == ' ')
            i++;
        if (i < content->n && content->p[i] == '"')
            zl_emit_rdata(&c->s, content, ZL_EMIT_CHUNK);
        else
            zl_emit_text(&c->s, content, ZL_EMIT_CHUNK);
        return;
    }
    unsigned field = 0;
    if (type == LDNS_RR_TYPE_MX || type == LDNS_RR_TYPE_SRV || type == LDNS_RR_TYPE_URI) {
        /* SRV content is "weight port target" beside data.priority. */
        zl_jval p = prio.v ? prio : zl_jget(d, data, "priority", false);
        zl_jemit_number(&c->s, d, p, 0, content->raw[0]);
        zl_synth_glue(&c->s, " ");
        field = 1;
    }
    zl_emit_value(&c->s, type, field, content, 0);
}

/* The fields of "data", in rdata order, for records whose content the API
 * leaves out or derives (CAA, SRV, LOC, ...): '#' as written, '"' a text,
 * '^' a target (absolute without its final dot). */
static const struct cf_data {
    uint16_t type;
    const char *fields[12];
} data_fields[] = {
    {LDNS_RR_TYPE_CAA, {"#flags", "#tag", "\"value"}},
    {LDNS_RR_TYPE_SRV, {"#priority", "#weight", "#port", "^target"}},
    {LDNS_RR_TYPE_URI, {"#priority", "#weight", "\"target"}},
    {LDNS_RR_TYPE_LOC,
     {"#lat_degrees", "#lat_minutes", "#lat_seconds", "#lat_direction", "#long_degrees",
      "#long_minutes", "#long_seconds", "#long_direction", "#altitude", "#size",
      "#precision_horz", "#precision_vert"}},
    {LDNS_RR_TYPE_SSHFP, {"#algorithm", "#type", "#fingerprint"}},
    {LDNS_RR_TYPE_TLSA, {"#usage", "#selector", "#matching_type", "#certificate"}},
    {LDNS_RR_TYPE_SMIMEA, {"#usage", "#selector", "#matching_type", "#certificate"}},
    {LDNS_RR_TYPE_DS, {"#key_tag", "#algorithm", "#digest_type", "#digest"}},
    {LDNS_RR_TYPE_DNSKEY, {"#flags", "#protocol", "#algorithm", "#public_key"}},
    {LDNS_RR_TYPE_CERT, {"#type", "#key_tag", "#algorithm", "#certificate"}},
    {LDNS_RR_TYPE_NAPTR,
     {"#order", "#preference", "\"flags", "\"service", "\"regex", "^replacement"}},
};

static const struct cf_data *data_of(uint16_t type)
{
    for (size_t i = 0; i < sizeof data_fields / sizeof data_fields[0]; i++)
        if (data_fields[i].type == type)
            return &data_fields[i];
    return NULL;
}

/* Every field of data is there, a number or a string; else the first
 * one that is not, reported. */
static bool data_complete(zl_jreader *c, zl_jval data, const struct cf_data *f)
{
    for (size_t i = 0; i < sizeof f->fields / sizeof f->fields[0] && f->fields[i]; i++) {
        zl_jval v = zl_jget(c->d, data, f->fields[i] + 1, false);
        if (!json_is_number(v.v) && !json_is_string(v.v)) {
            zl_buf m = {0};
            zl_buf_printf(&m, "data has no %s (a number or a string)", f->fields[i] + 1);
            diag(c, v.v ? v : data, zl_buf_str(&m));
            zl_buf_free(&m);
            return false;
        }
    }
    return true;
}

/* The rdata from "data", field by field (data_complete said they are there). */
static void data_rdata(zl_jreader *c, zl_jval data, const struct cf_data *f)
{
    const zl_jdoc *d = c->d;
    for (size_t i = 0; i < sizeof f->fields / sizeof f->fields[0] && f->fields[i]; i++) {
        const char *spec = f->fields[i];
        zl_jval v = zl_jget(d, data, spec + 1, false);
        if (i)
            zl_synth_glue(&c->s, " ");
        zl_lstr str;
        if (json_is_number(v.v)) {
            uint32_t at = zl_jstart(d, v);
            zl_synth_put(&c->s, c->s.real.text + at, zl_jlen(d, v), at, zl_jlen(d, v));
        } else if (zl_jstr(d, v, &str)) {
            if (spec[0] == '^')
                zl_emit_name(&c->s, &str, ZL_EMIT_ABSOLUTE);
            else if (spec[0] == '"')
                zl_emit_text(&c->s, &str, 0);
            else
                zl_emit_rdata(&c->s, &str, 0);
            zl_lstr_free(&str);
        }
    }
}

static void record(zl_jreader *c, zl_jval rec)
{
    const zl_jdoc *d = c->d;
    zl_jval name = zl_jget(d, rec, "name", false), type = zl_jget(d, rec, "type", false);
    zl_jval content = zl_jget(d, rec, "content", false);
    zl_jval data = zl_jget(d, rec, "data", false);
    zl_lstr n = {0}, t = {0}, v = {0};
    bool named = zl_jstr(d, name, &n) && zl_jstr(d, type, &t);
    uint16_t code = named && zl_emit_is_type(&t) ? zl_rrtype_lookup(t.p, t.n) : 0;
    const struct cf_data *df = json_is_object(data.v) ? data_of(code) : NULL;
    bool has_content = named && zl_jstr(d, content, &v);
    if (has_content)
        df = NULL; /* content is what the API derives from data: judge it as shown */
    bool ok = named && (has_content || df);
    if (ok && df && !data_complete(c, data, df)) {
        /* reported: the field that is missing */
    } else if (!ok) {
        diag(c, rec, "record without name, type and content strings");
    } else if (!zl_emit_is_type(&t)) {
        diag(c, type, "not a record type");
    } else {
        zl_emit_name(&c->s, &n, ZL_EMIT_ABSOLUTE);
        zl_jval ttl = zl_jget(d, rec, "ttl", false);
        long long secs = json_is_integer(ttl.v) ? json_integer_value(ttl.v) : 1; /* 1: auto */
        code = zl_emit_ttl_type(&c->s, secs, ttl.v ? zl_jstart(d, ttl) : n.raw[n.n],
                                zl_jlen(d, ttl), &t);
        if (df)
            data_rdata(c, data, df);
        else
            rdata(c, rec, code, &v);
        zl_synth_glue(&c->s, "\n");
    }
    zl_lstr_free(&n);
    zl_lstr_free(&t);
    zl_lstr_free(&v);
}

bool zl_read_cloudflare_json(zl_input *in, char **err)
{
    return zl_read_json_records(in, "cloudflare-json", "result", "zone_name", zl_xstrdup, record,
                                err);
}

/* The zone named by the ";; Domain:" header, as written; NULL when absent. */
static const char *domain_header(const char *text, size_t len, size_t *n)
{
    static const char key[] = ";; Domain:";
    for (const char *p = text, *end = text + len; p < end;) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        const char *stop = eol ? eol : end;
        if ((size_t)(stop - p) > sizeof key - 1 && memcmp(p, key, sizeof key - 1) == 0) {
            const char *a = p + sizeof key - 1;
            while (a < stop && (*a == ' ' || *a == '\t'))
                a++;
            const char *b = a;
            while (b < stop && *b != ' ' && *b != '\t' && *b != '\r')
                b++;
            *n = (size_t)(b - a);
            return *n ? a : NULL;
        }
        p = eol ? eol + 1 : end;
    }
    return NULL;
}

/* Where the export's SOA needs a final dot: after its owner when that is the
 * domain without its dot, and after its server and mailbox names, which the
 * export writes without theirs (placeholders, example.com
 * root.example.com). The SOA is the exporter's boilerplate, not the owner's
 * mistake: Cloudflare serves its own. Offsets in *at (at most 3), sorted. */
static size_t soa_dots(const char *text, size_t len, const char *dom, size_t dn, uint32_t at[3])
{
    if (dn && dom[dn - 1] == '.')
        dn--;
    zl_lexer lx;
    zl_lexer_init(&lx, text, len, NULL, NULL);
    zl_entry e = {0};
    size_t n = 0;
    bool done = false;
    while (!done && zl_lex_entry(&lx, &e)) {
        if (e.err || e.blank_start || e.n < 3)
            continue;
        size_t soa = 0;
        for (size_t k = 1; k < e.n && k < 4 && !soa; k++)
            if (zl_ascii_ieq(text + e.toks[k].off, e.toks[k].len, "SOA"))
                soa = k;
        if (!soa)
            continue;
        done = true;
        const zl_lex_tok *o = &e.toks[0];
        if (dn && o->len == dn && strncasecmp(text + o->off, dom, dn) == 0)
            at[n++] = o->off + o->len;
        for (size_t k = soa + 1; k < e.n && k <= soa + 2; k++) {
            const zl_lex_tok *t = &e.toks[k];
            if (!t->quoted && t->len && text[t->off + t->len - 1] != '.' &&
                !(t->len == 1 && text[t->off] == '@'))
                at[n++] = t->off + t->len;
        }
    }
    zl_entry_free(&e);
    return n;
}

/* The export's NS records name a placeholder, REPLACE&ME$WITH^YOUR@NAMESERVER.:
 * Cloudflare serves its own name servers, so these lines are the exporter's
 * boilerplate, not records of the zone. Copies [from, to) without them (each
 * such line ends up empty, so every other line keeps its place). */
static void copy_without_placeholders(zl_synth *s, const char *text, uint32_t from,
                                      uint32_t to)
{
    static const char mark[] = "REPLACE&ME$WITH^YOUR@NAMESERVER";
    while (from < to) {
        const char *hit = zl_find(text + from, to - from, mark);
        if (!hit) {
            zl_synth_verbatim(s, from, to);
            return;
        }
        uint32_t line = (uint32_t)(hit - text), end = line;
        while (line > from && text[line - 1] != '\n')
            line--;
        while (end < to && text[end] != '\n')
            end++;
        zl_synth_verbatim(s, from, line);
        from = end;
    }
}

bool zl_read_cloudflare_bind(zl_input *in, char **err)
{
    (void)err;
    size_t dn = 0;
    const char *dom = domain_header(in->text, in->len, &dn);
    zl_name_id domain = dom ? zl_origin_intern(&in->zs->names, dom, dn) : ZL_NAME_NONE;
    /* The header names the zone as --origin would; old exports set $ORIGIN .
     * and write the SOA at "@", and still name it there. */
    zl_master_opts o = *in->o;
    if (!o.origin_forced && domain != ZL_NAME_NONE) {
        o.origin = domain;
        o.origin_forced = true;
    }
    zl_synth s;
    zl_synth_init(&s, in->text, in->len);
    uint32_t at[3];
    size_t ndots = dom ? soa_dots(in->text, in->len, dom, dn, at) : 0;
    uint32_t from = 0;
    for (size_t i = 0; i <= ndots; i++) {
        uint32_t to = i < ndots ? at[i] : (uint32_t)in->len;
        copy_without_placeholders(&s, in->text, from, to);
        if (i < ndots)
            zl_synth_glue(&s, ".");
        from = to;
    }
    zl_synth_read(&s, in->zs, in->path, "cloudflare-bind", &o);
    free(in->text);
    return true;
}
