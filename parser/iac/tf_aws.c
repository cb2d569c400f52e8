/* aws_route53_record: zone_id (resolved to the zone's name), name, type,
 * ttl, records, with count and for_each; alias records carry no records
 * and are left out. The provider's conventions are in aws_record.h. */
#include <ldns/ldns.h>
#include <stdlib.h>
#include <string.h>

#include "parser/exports/emit.h"
#include "parser/iac/aws_record.h"
#include "parser/iac/tf_read.h"
#include "lint/model/tld.h"

typedef struct attr {
    const zl_hcl_item *item;
    tf_val *v;
} attr;

static attr get(tf_reader *r, const tf_block *b, const tf_scope *sc, const char *name)
{
    attr a = {zl_hcl_attr(b->item->body, name), NULL};
    a.v = a.item ? tf_eval(&r->m, b->file, a.item->expr, sc) : &tf_null_val;
    return a;
}

static bool has_block(const tf_block *b, const char *name)
{
    const zl_hcl_body *body = b->item->body;
    for (size_t i = 0; i < body->n; i++)
        if (body->items[i].body && zl_hcl_is(body->items[i].name, body->items[i].nname, name))
            return true;
    return false;
}

/* A name that reads as a whole domain (two labels or more, under a
 * top-level domain): the only kind placed when the zone is not known. */
static bool looks_absolute(const tf_val *name)
{
    size_t n = name->n;
    if (n && name->s[n - 1] == '.')
        n--;
    const char *dot = NULL;
    for (size_t i = 0; i < n; i++)
        if (name->s[i] == '.')
            dot = name->s + i;
    return dot && zl_is_tld(dot + 1, (size_t)(name->s + n - dot - 1));
}

static bool ttl_of(const tf_val *v, long long *ttl)
{
    if (v->kind == TF_NUMBER && v->num >= 0 && v->num <= 4294967295.0 && v->num == (double)(long long)v->num) {
        *ttl = (long long)v->num;
        return true;
    }
    if (v->kind == TF_STRING && v->n && v->n < 11 && strspn(v->s, "0123456789") == v->n) {
        *ttl = strtoll(v->s, NULL, 10);
        return true;
    }
    return false;
}

static void instance(tf_reader *r, tf_block *b, const tf_scope *sc)
{
    attr zone_id = get(r, b, sc, "zone_id"), name = get(r, b, sc, "name"),
         type = get(r, b, sc, "type"), ttl = get(r, b, sc, "ttl"),
         records = get(r, b, sc, "records");
    if (name.v->kind != TF_STRING || type.v->kind != TF_STRING ||
        records.v->kind != TF_LIST || has_block(b, "alias"))
        return;
    size_t known = 0;
    for (size_t i = 0; i < records.v->nitems; i++)
        known += records.v->items[i]->kind == TF_STRING;
    char *zone = known ? tf_zone_name(r, zone_id.v) : NULL;
    if (!known || (!zone && !looks_absolute(name.v))) {
        free(zone);
        return; /* relative to a zone only known after apply */
    }
    long long seconds = 300;
    bool ttl_known = ttl_of(ttl.v, &seconds);
    zl_synth *s = tf_group_for(r, zone);
    zl_lstr nm = tf_lstr(r, name.v, name.item->expr->start, name.item->expr->end);
    zl_lstr ty = tf_lstr(r, type.v, type.item->expr->start, type.item->expr->end);
    for (size_t i = 0; i < records.v->nitems; i++) {
        const tf_val *v = records.v->items[i];
        if (v->kind != TF_STRING)
            continue; /* known after apply */
        const zl_hx *at = records.item->expr->kind == ZL_HX_TUPLE &&
                                  i < records.item->expr->nkids
                              ? records.item->expr->kids[i]
                              : records.item->expr;
        zl_lstr val = tf_lstr(r, v, at->start, at->end);
        zl_aws_owner(s, &nm, zone);
        uint16_t code =
            zl_emit_ttl_type(s, seconds, ttl_known ? ttl.item->expr->start : nm.raw[nm.n],
                             ttl_known ? ttl.item->expr->end - ttl.item->expr->start : 0, &ty);
        if (code == LDNS_RR_TYPE_TXT || code == LDNS_RR_TYPE_SPF)
            zl_aws_txt(s, &val);
        else
            zl_emit_value(s, code, 0, &val, 0);
        zl_synth_glue(s, "\n");
        zl_lstr_free(&val);
    }
    zl_lstr_free(&nm);
    zl_lstr_free(&ty);
    free(zone);
}

void tf_aws_records(tf_reader *r, tf_block *b)
{
    if (strcmp(b->type, "aws_route53_record") != 0)
        return;
    const tf_scope **scopes;
    size_t n;
    if (!tf_instances(&r->m, b, &scopes, &n))
        return;
    for (size_t i = 0; i < n; i++)
        instance(r, b, scopes[i]);
}
