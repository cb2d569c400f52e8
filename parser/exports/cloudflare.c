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
 * absolute, and the ";; Domain:" header gives the zone. Proxied records
 * carry "; cf_tags=cf-proxied:true", an ordinary comment. */
#include <ldns/ldns.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "parser/exports/emit.h"
#include "parser/master/lexer.h"
#include "parser/master/origin.h"
#include "parser/exports/readers.h"

static void diag(zl_jreader *c, zl_jval at, const char *message)
{
    zl_synth_diag_raw(&c->s, "syntax-error", zl_jstart(&c->d, at),
                      zl_jlen(&c->d, at) ? zl_jlen(&c->d, at) : 1, zl_xstrdup(message), NULL);
}

/* The rdata: content, with the priority (MX, SRV, URI) kept apart. */
static void rdata(zl_jreader *c, zl_jval rec, uint16_t type, const zl_lstr *content)
{
    zl_jdoc *d = &c->d;
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

static void record(zl_jreader *c, zl_jval rec)
{
    zl_jdoc *d = &c->d;
    zl_jval name = zl_jget(d, rec, "name", false), type = zl_jget(d, rec, "type", false);
    zl_jval content = zl_jget(d, rec, "content", false);
    zl_lstr n = {0}, t = {0}, v = {0};
    bool ok = zl_jstr(d, name, &n) && zl_jstr(d, type, &t) && zl_jstr(d, content, &v);
    if (!ok) {
        diag(c, rec, "record without name, type and content strings");
    } else if (!zl_emit_is_type(&t)) {
        diag(c, type, "not a record type");
    } else {
        zl_emit_name(&c->s, &n, ZL_EMIT_ABSOLUTE);
        zl_jval ttl = zl_jget(d, rec, "ttl", false);
        long long secs = json_is_integer(ttl.v) ? json_integer_value(ttl.v) : 1; /* 1: auto */
        uint16_t code = zl_emit_ttl_type(&c->s, secs, ttl.v ? zl_jstart(d, ttl) : n.raw[n.n],
                                         zl_jlen(d, ttl), &t);
        rdata(c, rec, code, &v);
        zl_synth_glue(&c->s, "\n");
    }
    zl_lstr_free(&n);
    zl_lstr_free(&t);
    zl_lstr_free(&v);
}

static char *zone_name(zl_jreader *c, zl_jval list)
{
    const char *z = json_string_value(zl_jfirst_string(&c->d, list, "zone_name").v);
    return z ? zl_xstrdup(z) : NULL;
}

bool zl_read_cloudflare_json(zl_input *in, char **err)
{
    return zl_read_json_records(in, "cloudflare-json", "result", zone_name, record, err);
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

/* Offset just past the SOA owner written as the domain without its dot, or
 * ZL_NONE. */
static uint32_t dotless_soa_owner(const char *text, size_t len, const char *dom, size_t dn)
{
    if (dn && dom[dn - 1] == '.')
        dn--;
    zl_lexer lx;
    zl_lexer_init(&lx, text, len, NULL, NULL);
    zl_entry e = {0};
    uint32_t at = ZL_NONE;
    while (at == ZL_NONE && zl_lex_entry(&lx, &e)) {
        if (e.err || e.blank_start || e.n < 3)
            continue;
        const zl_lex_tok *o = &e.toks[0];
        bool soa = false;
        for (size_t k = 1; k < e.n && k < 4; k++)
            soa = soa || zl_ascii_ieq(text + e.toks[k].off, e.toks[k].len, "SOA");
        if (soa && dn && o->len == dn && strncasecmp(text + o->off, dom, dn) == 0)
            at = o->off + o->len;
    }
    zl_entry_free(&e);
    return at;
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
    uint32_t at = dom ? dotless_soa_owner(in->text, in->len, dom, dn) : ZL_NONE;
    if (at != ZL_NONE) {
        zl_synth_verbatim(&s, 0, at);
        zl_synth_glue(&s, ".");
        zl_synth_verbatim(&s, at, (uint32_t)in->len);
    } else {
        zl_synth_verbatim(&s, 0, (uint32_t)in->len);
    }
    zl_synth_read(&s, in->zs, in->path, "cloudflare-bind", &o);
    free(in->text);
    return true;
}
