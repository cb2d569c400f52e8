/* cloudflare_record (provider v4: value or content) and cloudflare_dns_record
 * (v5: content): zone_id resolved through cloudflare_zone (zone in v4, name
 * in v5) or the data source (name in v4, filter.name in v5); priority apart
 * for MX; ttl 1 is automatic.
 * Cloudflare's API completes a name that does not end with the zone as the
 * AWS provider does ("@" is the apex). TXT content is read as the dashboard
 * export's: quoted strings, or text that Cloudflare splits at 255 octets.
 * A proxied record is answered with Cloudflare's own addresses: a proxied
 * DKIM CNAME is never seen by SES or any receiver. */
#include <ldns/ldns.h>
#include <stdlib.h>
#include <string.h>

#include "parser/exports/emit.h"
#include "parser/iac/aws_record.h"
#include "parser/iac/tf_record.h"

/* The zone's name: cloudflare_zone's zone (v4) or name (v5); the data
 * source's name (v4) or filter = { name = ... } (v5: its name attribute is
 * computed; internal/services/zone/data_source_model.go,
 * ZoneFindOneByDataSourceModel); v4's cloudflare_zones, whose filter block
 * names it (zones[0].id). id and zone_id name the same zone. */
char *tf_cloudflare_zone(tf_reader *r, const tf_val *zone_id)
{
    static const char *const from[][2] = {{"cloudflare_zone", "zone"},
                                          {"cloudflare_zone", "name"},
                                          {"cloudflare_zone", "filter.name"},
                                          {"cloudflare_zones", "filter.name"}};
    char *z = NULL;
    for (size_t i = 0; !z && i < sizeof from / sizeof from[0]; i++)
        z = tf_zone_name(r, zone_id, from[i][0], from[i][1], false);
    return z;
}

static void content(zl_synth *s, uint16_t code, const zl_lstr *v, const tf_attr *priority)
{
    if (code == LDNS_RR_TYPE_TXT || code == LDNS_RR_TYPE_SPF) {
        size_t i = 0;
        while (i < v->n && v->p[i] == ' ')
            i++;
        if (i < v->n && v->p[i] == '"')
            zl_emit_rdata(s, v, ZL_EMIT_CHUNK);
        else
            zl_emit_text(s, v, ZL_EMIT_CHUNK);
        return;
    }
    unsigned field = 0;
    long long prio;
    if (code == LDNS_RR_TYPE_MX && priority->item && tf_ttl(priority->v, &prio)) {
        const zl_hx *e = priority->item->expr; /* a number, or a string of digits */
        zl_emit_number(s, prio, e->start, e->end - e->start);
        zl_synth_glue(s, " ");
        field = 1;
    }
    zl_emit_value(s, code, field, v, 0);
}

static void proxied_dkim(zl_synth *s, const tf_attr *proxied, const tf_val *type,
                         const tf_val *value)
{
    if (proxied->v->kind != TF_BOOL || !proxied->v->b || !tf_str_is(type, "CNAME") ||
        !strstr(value->s, "amazonses.com"))
        return;
    const zl_hx *e = proxied->item->expr;
    zl_synth_diag_raw(s, "ses-dkim-mismatch", e->start, e->end - e->start, zl_sym_proxied(),
                      zl_xstrdup("set proxied = false"));
}

static void instance(tf_reader *r, tf_block *b, const tf_scope *sc)
{
    const zl_hcl_body *body = b->item->body;
    tf_attr zone_id = tf_attr_get(r, b, body, sc, "zone_id"),
            name = tf_attr_get(r, b, body, sc, "name"), type = tf_attr_get(r, b, body, sc, "type"),
            ttl = tf_attr_get(r, b, body, sc, "ttl"),
            value = tf_attr_get(r, b, body, sc, "content"),
            priority = tf_attr_get(r, b, body, sc, "priority"),
            proxied = tf_attr_get(r, b, body, sc, "proxied");
    if (!value.item)
        value = tf_attr_get(r, b, body, sc, "value");
    if (name.v->kind != TF_STRING || type.v->kind != TF_STRING || value.v->kind != TF_STRING)
        return; /* SRV and the like in a data block, or known after apply */
    char *zone = tf_cloudflare_zone(r, zone_id.v);
    if (!zone && !tf_looks_absolute(name.v))
        return;
    zl_synth *s = tf_group_for(r, zone);
    zl_lstr nm = tf_value_lstr(r, name.v, name.item->expr);
    zl_lstr val = tf_value_lstr(r, value.v, value.item->expr);
    zl_appended_owner(s, &nm, zone, "Cloudflare");
    long long seconds = 300;
    if (ttl.item && tf_ttl(ttl.v, &seconds) && seconds == 1)
        ttl.item = NULL; /* automatic: 300 seconds */
    uint16_t code = tf_ttl_type(r, s, &ttl, 300, &type, nm.raw[nm.n]);
    content(s, code, &val, &priority);
    zl_synth_glue(s, "\n");
    proxied_dkim(s, &proxied, type.v, value.v);
    zl_lstr_free(&val);
    zl_lstr_free(&nm);
    free(zone);
}

void tf_cloudflare_records(tf_reader *r, tf_block *b)
{
    if (strcmp(b->type, "cloudflare_record") == 0 || strcmp(b->type, "cloudflare_dns_record") == 0)
        tf_each_instance(r, b, instance);
}
