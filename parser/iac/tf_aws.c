/* aws_route53_record: zone_id (resolved to the zone's name), name, type,
 * ttl, records, with count and for_each; alias records carry no records
 * and are left out. Record sets with a set_identifier (weighted, latency,
 * failover, geolocation routing) share their name and type by design: the
 * first of them is read, as in Route 53 exports. The provider's conventions
 * are in aws_record.h. */
#include <ctype.h>
#include <ldns/ldns.h>
#include <stdlib.h>
#include <string.h>

#include "parser/exports/emit.h"
#include "parser/iac/aws_record.h"
#include "parser/iac/tf_record.h"

/* Whether a routing-policy record set of this zone, name and type was read
 * (names and types in any case). */
static bool policy_seen(tf_reader *r, const char *zone, const tf_val *name, const tf_val *type)
{
    size_t n = name->n;
    if (n && name->s[n - 1] == '.')
        n--;
    char *key = zl_xasprintf("%s %.*s %s", zone ? zone : "", (int)n, name->s, type->s);
    for (char *p = key; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    bool seen = !zl_strset_add(&r->policies, key, strlen(key));
    free(key);
    return seen;
}

static void instance(tf_reader *r, tf_block *b, const tf_scope *sc)
{
    const zl_hcl_body *body = b->item->body;
    tf_attr zone_id = tf_attr_get(r, b, body, sc, "zone_id"),
            name = tf_attr_get(r, b, body, sc, "name"), type = tf_attr_get(r, b, body, sc, "type"),
            ttl = tf_attr_get(r, b, body, sc, "ttl"),
            records = tf_attr_get(r, b, body, sc, "records");
    if (name.v->kind != TF_STRING || type.v->kind != TF_STRING || records.v->kind != TF_LIST ||
        tf_has_block(body, "alias"))
        return;
    size_t known = 0;
    for (size_t i = 0; i < records.v->nitems; i++)
        known += records.v->items[i]->kind == TF_STRING;
    char *zone = known ? tf_zone_name(r, zone_id.v, "aws_route53_zone", "name", false) : NULL;
    if (!known || (!zone && !tf_looks_absolute(name.v)) ||
        (zl_hcl_attr(body, "set_identifier") && policy_seen(r, zone, name.v, type.v))) {
        free(zone);
        return; /* relative to a zone only known after apply, or a policy's sibling */
    }
    zl_synth *s = tf_group_for(r, zone);
    zl_lstr nm = tf_value_lstr(r, name.v, name.item->expr);
    for (size_t i = 0; i < records.v->nitems; i++) {
        const tf_val *v = records.v->items[i];
        if (v->kind != TF_STRING)
            continue; /* known after apply */
        zl_lstr val = tf_value_lstr(r, v, tf_element(&records, i));
        zl_appended_owner(s, &nm, zone, "the AWS provider");
        uint16_t code = tf_ttl_type(r, s, &ttl, 300, &type, nm.raw[nm.n]);
        if (code == LDNS_RR_TYPE_TXT || code == LDNS_RR_TYPE_SPF)
            zl_aws_txt(s, &val);
        else
            zl_emit_value(s, code, 0, &val, 0);
        zl_synth_glue(s, "\n");
        zl_lstr_free(&val);
    }
    zl_lstr_free(&nm);
    free(zone);
}

void tf_aws_records(tf_reader *r, tf_block *b)
{
    if (strcmp(b->type, "aws_route53_record") == 0)
        tf_each_instance(r, b, instance);
}
