/* google_dns_record_set: managed_zone (the name of a google_dns_managed_zone
 * of the module, whose dns_name is the zone), name, type, ttl, rrdatas.
 * Google Cloud DNS takes only absolute names, with their final dot; rrdatas
 * are rdata in zone-file syntax (a TXT rrdata carries its own quotes), read
 * as written, as the gcloud export reader reads them. Record sets with a
 * routing_policy instead of rrdatas are left out. */
#include <stdlib.h>
#include <string.h>

#include "parser/exports/emit.h"
#include "parser/iac/tf_record.h"

/* The dns_name of the managed zone whose name is managed_zone. */
static char *zone_of(tf_reader *r, const tf_val *managed_zone)
{
    if (managed_zone->kind != TF_STRING)
        return tf_zone_name(r, managed_zone, "google_dns_managed_zone", "dns_name", false);
    for (size_t i = 0; i < r->m.nblocks; i++) {
        tf_block *b = &r->m.blocks[i];
        if (b->kind != TF_RESOURCE || strcmp(b->type, "google_dns_managed_zone") != 0)
            continue;
        tf_attr name = tf_attr_get(r, b, b->item->body, NULL, "name");
        if (name.v->kind == TF_STRING && name.v->n == managed_zone->n &&
            memcmp(name.v->s, managed_zone->s, name.v->n) == 0)
            return tf_zone_name(r, tf_attr_get(r, b, b->item->body, NULL, "dns_name").v, "", "",
                                true);
    }
    return NULL;
}

static void instance(tf_reader *r, tf_block *b, const tf_scope *sc)
{
    const zl_hcl_body *body = b->item->body;
    tf_attr zone_at = tf_attr_get(r, b, body, sc, "managed_zone"),
            name = tf_attr_get(r, b, body, sc, "name"), type = tf_attr_get(r, b, body, sc, "type"),
            ttl = tf_attr_get(r, b, body, sc, "ttl"),
            rrdatas = tf_attr_get(r, b, body, sc, "rrdatas");
    if (name.v->kind != TF_STRING || type.v->kind != TF_STRING || rrdatas.v->kind != TF_LIST)
        return;
    char *zone = zone_of(r, zone_at.v);
    if (!zone && !tf_looks_absolute(name.v)) {
        free(zone);
        return;
    }
    zl_synth *s = tf_group_for(r, zone);
    zl_lstr nm = tf_value_lstr(r, name.v, name.item->expr);
    for (size_t i = 0; i < rrdatas.v->nitems; i++) {
        const tf_val *v = rrdatas.v->items[i];
        if (v->kind != TF_STRING)
            continue;
        zl_lstr val = tf_value_lstr(r, v, tf_element(&rrdatas, i));
        zl_emit_name(s, &nm, 0); /* without its dot, relative: as Google would not take it */
        tf_ttl_type(r, s, &ttl, 300, &type, nm.raw[nm.n]);
        zl_emit_rdata(s, &val, 0);
        zl_synth_glue(s, "\n");
        zl_lstr_free(&val);
    }
    zl_lstr_free(&nm);
    free(zone);
}

void tf_google_records(tf_reader *r, tf_block *b)
{
    if (strcmp(b->type, "google_dns_record_set") == 0)
        tf_each_instance(r, b, instance);
}
