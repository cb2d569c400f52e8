/* Azure DNS: `az network dns zone export` (a zone file) and `az network dns
 * record-set list` (JSON: record sets with their records under ARecords,
 * MXRecords, TXTRecords ...; older CLIs spell the keys arecords, txtRecords;
 * the REST API nests them under "properties").
 *
 * Names are relative to the zone ("@" for the apex); a name that already
 * ends with the zone is completed once more by Azure (duplicated-origin).
 * Targets are absolute with or without a final dot.
 *
 * A TXT record's strings: Azure publishes a value in strings of at most 255
 * octets, splitting longer text itself, and the zone export joins all
 * strings of a record into one quoted string, often longer than 255. Both
 * are read split, as Azure serves them. Alias record sets (targetResource)
 * have no records of their own, and types outside the table below (DS,
 * TLSA, NAPTR) are not read: neither is linted. */
#include <ldns/ldns.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "parser/exports/emit.h"
#include "parser/master/lexer.h"
#include "parser/master/rdata.h"
#include "parser/exports/readers.h"

/* Where each record type keeps its records, and their fields in rdata
 * order: '#' a number, '^' a name, '"' a text, '*' a list of texts (the
 * strings of one TXT record), '=' as written. */
static const struct azure_type {
    const char *type, *key;
    bool list;
    const char *fields[8];
} types[] = {
    {"A", "ARecords", true, {"=ipv4Address"}},
    {"AAAA", "AAAARecords", true, {"=ipv6Address"}},
    {"CAA", "caaRecords", true, {"#flags", "=tag", "\"value"}},
    {"CNAME", "CNAMERecord", false, {"^cname"}},
    {"MX", "MXRecords", true, {"#preference", "^exchange"}},
    {"NS", "NSRecords", true, {"^nsdname"}},
    {"PTR", "PTRRecords", true, {"^ptrdname"}},
    {"SOA", "SOARecord", false,
     {"^host", "^email", "#serialNumber", "#refreshTime", "#retryTime", "#expireTime",
      "#minimumTtl"}},
    {"SRV", "SRVRecords", true, {"#priority", "#weight", "#port", "^target"}},
    {"TXT", "TXTRecords", true, {"*value"}},
};

static void field(zl_jreader *a, zl_jval rec, const char *spec)
{
    const zl_jdoc *d = a->d;
    zl_jval v = zl_jget(d, rec, spec + 1, true);
    zl_lstr str;
    if (spec[0] == '#') {
        zl_jemit_number(&a->s, d, v, 0, zl_jstart(d, rec));
    } else if (spec[0] == '*') {
        size_t i = 0;
        zl_jval item;
        while (zl_jnext(d, v, &i, &item)) {
            if (i > 1)
                zl_synth_glue(&a->s, " ");
            if (zl_jstr(d, item, &str))
                zl_emit_text(&a->s, &str, ZL_EMIT_CHUNK);
            zl_lstr_free(&str);
        }
    } else if (zl_jstr(d, v, &str)) {
        if (spec[0] == '^')
            zl_emit_name(&a->s, &str, ZL_EMIT_ABSOLUTE);
        else if (spec[0] == '"')
            zl_emit_text(&a->s, &str, 0);
        else
            zl_emit_rdata(&a->s, &str, 0);
        zl_lstr_free(&str);
    } else {
        zl_synth_diag_raw(&a->s, "syntax-error", zl_jstart(d, rec), 1,
                          zl_xasprintf("record without %s", spec + 1), NULL);
    }
}

static void record(zl_jreader *a, const struct azure_type *at, zl_jval props, const zl_lstr *name,
                   const zl_lstr *type, zl_jval rec)
{
    zl_emit_relative_owner(&a->s, name, a->zone);
    zl_jval ttl = zl_jget(a->d, props, "TTL", true);
    zl_emit_ttl_type(&a->s, json_integer_value(ttl.v), ttl.v ? zl_jstart(a->d, ttl) : name->raw[0],
                     zl_jlen(a->d, ttl), type);
    for (int f = 0; f < 8 && at->fields[f]; f++) {
        if (f)
            zl_synth_glue(&a->s, " ");
        field(a, rec, at->fields[f]);
    }
    zl_synth_glue(&a->s, "\n");
}

static void record_set(zl_jreader *a, zl_jval rs)
{
    const zl_jdoc *d = a->d;
    zl_jval props = zl_jget(d, rs, "properties", false);
    if (!props.v)
        props = rs;
    zl_lstr name = {0}, full = {0};
    if (!zl_jstr(d, zl_jget(d, rs, "name", false), &name) ||
        !zl_jstr(d, zl_jget(d, rs, "type", false), &full)) {
        zl_synth_diag_raw(&a->s, "syntax-error", zl_jstart(d, rs), 1,
                          zl_xstrdup("record set without name and type strings"), NULL);
        zl_lstr_free(&name);
        return;
    }
    /* Microsoft.Network/dnszones/TXT */
    size_t cut = full.n;
    while (cut > 0 && full.p[cut - 1] != '/')
        cut--;
    zl_lstr type = zl_lstr_sub(&full, cut, full.n);
    const struct azure_type *at = NULL;
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        if (zl_ascii_ieq(type.p, type.n, types[i].type))
            at = &types[i];
    zl_jval target = zl_jget(d, zl_jget(d, props, "targetResource", true), "id", false);
    a->s.skipped = a->s.skipped || !at || json_is_string(target.v);
    if (at && !json_is_string(target.v)) {
        zl_jval recs = zl_jget(d, props, at->key, true);
        if (!at->list) {
            if (recs.v)
                record(a, at, props, &name, &type, recs);
        } else {
            size_t i = 0;
            zl_jval rec;
            while (zl_jnext(d, recs, &i, &rec))
                record(a, at, props, &name, &type, rec);
        }
    }
    zl_lstr_free(&name);
    zl_lstr_free(&full);
}

/* The zone of a record set's id: .../dnszones/ZONE/TYPE/NAME. */
/* The zone of a record set's resource id (".../dnszones/NAME/..."). */
static char *zone_of(const char *id)
{
    const char *p = id;
    for (; *p; p++)
        if (strncasecmp(p, "/dnszones/", 10) == 0)
            break;
    if (!*p)
        return NULL;
    p += 10;
    return zl_xstrndup(p, strcspn(p, "/"));
}

bool zl_read_azure_json(zl_input *in, char **err)
{
    return zl_read_json_records(in, "azure-json", "value", "id", zone_of, record_set, err);
}

/* The export: copied, with each TXT string over 255 octets split. */
bool zl_read_azure_zone(zl_input *in, char **err)
{
    (void)err;
    zl_synth s;
    zl_synth_init(&s, in->text, in->len);
    zl_lexer lx;
    zl_lexer_init(&lx, in->text, in->len, NULL, NULL);
    zl_entry e = {0};
    uint32_t done = 0;
    while (zl_lex_entry(&lx, &e)) {
        size_t k = 0;
        while (k < e.n && k < 4 && !zl_ascii_ieq(in->text + e.toks[k].off, e.toks[k].len, "TXT"))
            k++;
        for (size_t i = k + 1; !e.err && k < 4 && i < e.n; i++) {
            const zl_lex_tok *t = &e.toks[i];
            zl_tok tok = {in->text + t->off, t->off, t->len, t->quoted};
            if (!t->quoted || t->len < 2 || zl_charstr_len(&tok) <= 255)
                continue;
            zl_synth_verbatim(&s, done, t->off);
            zl_lstr inner = {in->text + t->off + 1, t->len - 2,
                             zl_xmalloc((t->len - 1) * sizeof *inner.raw)};
            for (uint32_t b = 0; b + 1 < t->len; b++)
                inner.raw[b] = t->off + 1 + b;
            zl_emit_text(&s, &inner, ZL_EMIT_ESCAPED | ZL_EMIT_CHUNK);
            zl_lstr_free(&inner);
            done = t->off + t->len;
        }
    }
    zl_entry_free(&e);
    zl_synth_verbatim(&s, done, (uint32_t)in->len);
    zl_synth_read(&s, in->zs, in->path, "azure-zone", in->o);
    free(in->text);
    return true;
}
