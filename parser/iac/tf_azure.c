/* azurerm_dns_*_record: zone_name (the zone itself), name relative to it
 * ("@" the apex; a name that already ends with the zone gets it once more,
 * as in Azure's exports), ttl, and the records: a list (records) for A,
 * AAAA, NS and PTR, one target (record) for CNAME, record blocks with their
 * fields for MX, TXT, SRV and CAA. Azure splits a TXT value longer than 255
 * octets into strings itself. Alias records (target_resource_id) have no
 * records of their own and are left out. */
#include <ldns/ldns.h>
#include <stdlib.h>
#include <string.h>

#include "parser/exports/emit.h"
#include "lint/util/util.h"
#include "parser/iac/tf_record.h"

/* Fields of each type in rdata order: '#' a number, '^' a name, '"' a text,
 * '=' as written. A type with no fields lists its values in records. */
static const struct az_type {
    const char *resource, *type;
    const char *fields[5];
} types[] = {
    {"azurerm_dns_a_record", "A", {0}},
    {"azurerm_dns_aaaa_record", "AAAA", {0}},
    {"azurerm_dns_ns_record", "NS", {0}},
    {"azurerm_dns_ptr_record", "PTR", {0}},
    {"azurerm_dns_cname_record", "CNAME", {0}},
    {"azurerm_dns_mx_record", "MX", {"#preference", "^exchange"}},
    {"azurerm_dns_txt_record", "TXT", {"\"value"}},
    {"azurerm_dns_srv_record", "SRV", {"#priority", "#weight", "#port", "^target"}},
    {"azurerm_dns_caa_record", "CAA", {"#flags", "=tag", "\"value"}},
};

typedef struct az {
    tf_reader *r;
    tf_block *b;
    const tf_scope *sc;
    zl_synth *s;
    const struct az_type *t;
    zl_lstr name;
    const char *zone; /* with its final dot */
    tf_attr ttl, type;
} az;

static void head(az *a)
{
    zl_emit_relative_owner(a->s, &a->name, a->zone);
    tf_ttl_type(a->r, a->s, &a->ttl, 3600, &a->type, a->name.raw[a->name.n]);
}

/* One value of a list, or the target of a CNAME. */
static void value(az *a, const tf_val *v, const zl_hx *e)
{
    if (v->kind != TF_STRING)
        return;
    zl_lstr val = tf_value_lstr(a->r, v, e);
    head(a);
    zl_emit_value(a->s, ldns_get_rr_type_by_name(a->t->type), 0, &val, 0);
    zl_synth_glue(a->s, "\n");
    zl_lstr_free(&val);
}

/* A record block: its fields in order; false when one is not known. */
static bool fields(az *a, const zl_hcl_body *rec, zl_lstr *parts, size_t *n)
{
    for (size_t f = 0; f < 5 && a->t->fields[f]; f++) {
        tf_attr x = tf_attr_get(a->r, a->b, rec, a->sc, a->t->fields[f] + 1);
        tf_val *v = x.item ? tf_to_string(&a->r->m.arena, x.v,
                                          tf_at(&a->r->m, a->b->file, x.item->expr->start))
                           : NULL;
        if (!v)
            return false;
        parts[(*n)++] = tf_value_lstr(a->r, v, x.item->expr);
    }
    return true;
}

static void block(az *a, const zl_hcl_body *rec)
{
    zl_lstr parts[5];
    size_t n = 0;
    uint16_t code = ldns_get_rr_type_by_name(a->t->type);
    if (fields(a, rec, parts, &n)) {
        head(a);
        for (size_t f = 0; f < n; f++) {
            char kind = a->t->fields[f][0];
            if (f)
                zl_synth_glue(a->s, " ");
            if (kind == '"')
                zl_emit_text(a->s, &parts[f], ZL_EMIT_CHUNK);
            else if (kind == '^')
                zl_emit_value(a->s, code, (unsigned)f, &parts[f], 0);
            else
                zl_synth_copy(a->s, &parts[f], 0, parts[f].n);
        }
        zl_synth_glue(a->s, "\n");
    }
    for (size_t f = 0; f < n; f++)
        zl_lstr_free(&parts[f]);
}

static void instance(az *a)
{
    tf_reader *r = a->r;
    const zl_hcl_body *body = a->b->item->body;
    tf_attr zone = tf_attr_get(r, a->b, body, a->sc, "zone_name"),
            name = tf_attr_get(r, a->b, body, a->sc, "name"),
            records = tf_attr_get(r, a->b, body, a->sc, "records"),
            record = tf_attr_get(r, a->b, body, a->sc, "record");
    a->ttl = tf_attr_get(r, a->b, body, a->sc, "ttl");
    char *z = tf_zone_name(r, zone.v, "azurerm_dns_zone", "name", true);
    if (!z || name.v->kind != TF_STRING)
        goto done;
    /* The type as a value of its own, standing for the resource's type label. */
    tf_val *type = tf_string(&r->m.arena, a->t->type, strlen(a->t->type),
                             tf_at(&r->m, a->b->file, a->b->item->labels[0].start));
    zl_hcl_item type_item = {.expr = &(zl_hx){.start = a->b->item->labels[0].start,
                                              .end = a->b->item->labels[0].start +
                                                     a->b->item->labels[0].n}};
    a->type = (tf_attr){&type_item, type};
    char *zone_dot = zl_xasprintf("%s.", z);
    a->zone = zone_dot;
    a->s = tf_group_for(r, z);
    a->name = tf_value_lstr(r, name.v, name.item->expr);
    if (records.v->kind == TF_LIST)
        for (size_t i = 0; i < records.v->nitems; i++)
            value(a, records.v->items[i], tf_element(&records, i));
    else if (record.item)
        value(a, record.v, record.item->expr);
    for (size_t i = 0; a->t->fields[0] && i < body->n; i++)
        if (body->items[i].body && zl_text_eq(body->items[i].name, body->items[i].nname, "record"))
            block(a, body->items[i].body);
    zl_lstr_free(&a->name);
    free(zone_dot);
done:
    free(z);
}

static const struct az_type *type_of(const tf_block *b)
{
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        if (strcmp(b->type, types[i].resource) == 0)
            return &types[i];
    return NULL;
}

static void each(tf_reader *r, tf_block *b, const tf_scope *sc)
{
    az a = {.r = r, .b = b, .sc = sc, .t = type_of(b)};
    instance(&a);
}

void tf_azure_records(tf_reader *r, tf_block *b)
{
    if (type_of(b))
        tf_each_instance(r, b, each);
}
