/* digitalocean_record with digitalocean_domain (or its data source): domain
 * (the domain's name, which is also its id), name, type, value, ttl, and
 * priority, weight, port, flags and tag apart from the value.
 *
 * Confirmed from the provider's source (github.com/digitalocean/
 * terraform-provider-digitalocean, digitalocean/domain/resource_record.go):
 * - ConstructFqdn: "@" is the domain; a name ending with a dot is whole;
 *   any other name gets the domain appended, even one that already ends
 *   with it ("test.example.com" becomes test.example.com.example.com, the
 *   case its test TestDigitalOceanRecordConstructFqdn spells out): names
 *   are relative as in a zone file under $ORIGIN domain;
 * - the DiffSuppressFunc of value: a value without a final dot is completed
 *   with the domain ("foobar" is foobar.example.com.), and
 *   resourceDigitalOceanRecordRead gives CNAME, MX, NS, SRV and CAA values
 *   their final dot back: targets read as in a zone file too;
 * - expandDigitalOceanRecordResource sends priority, weight, port, flags and
 *   tag beside the data (the CustomizeDiff requires priority for MX and SRV,
 *   weight and port for SRV, flags and tag for CAA); a CAA issue value is
 *   written with a final dot that is not part of it (only iodef is not a
 *   name);
 * - resource_domain.go: the domain's id is its name; the TTL, when not
 *   written, is the API's default, 1800 seconds (docs/resources/record.md).
 * A TXT value is the text itself (TestAccDigitalOceanRecord_TXT); it is
 * split into strings of 255 octets here, as the other APIs do, not guessed
 * to be refused. */
#include <ldns/ldns.h>
#include <stdlib.h>
#include <string.h>

#include "parser/exports/emit.h"
#include "parser/iac/tf_record.h"

typedef struct dorec {
    tf_reader *r;
    zl_synth *s;
    tf_attr priority, weight, port, flags, tag;
} dorec;

static bool known_number(const tf_attr *a)
{
    long long n;
    return a->item && tf_ttl(a->v, &n);
}

/* Whether the fields the type keeps apart from the value are known. */
static bool fields_known(const dorec *d, uint16_t code)
{
    switch (code) {
    case LDNS_RR_TYPE_MX:
        return known_number(&d->priority);
    case LDNS_RR_TYPE_SRV:
        return known_number(&d->priority) && known_number(&d->weight) &&
               known_number(&d->port);
    case LDNS_RR_TYPE_CAA:
        return known_number(&d->flags) && d->tag.item && d->tag.v->kind == TF_STRING &&
               zl_emit_is_type(&(zl_lstr){d->tag.v->s, d->tag.v->n, NULL});
    default:
        return true;
    }
}

/* A number field (known) and a space. */
static void number(dorec *d, const tf_attr *a)
{
    long long n;
    tf_ttl(a->v, &n);
    zl_emit_number(d->s, n, a->item->expr->start, a->item->expr->end - a->item->expr->start);
    zl_synth_glue(d->s, " ");
}

/* The rdata: the fields kept apart, then the value. */
static void rdata(dorec *d, uint16_t code, const zl_lstr *v)
{
    switch (code) {
    case LDNS_RR_TYPE_SRV:
        number(d, &d->priority);
        number(d, &d->weight);
        number(d, &d->port);
        zl_emit_name(d->s, v, 0);
        break;
    case LDNS_RR_TYPE_MX:
        number(d, &d->priority);
        /* fall through */
    case LDNS_RR_TYPE_CNAME:
    case LDNS_RR_TYPE_NS:
        zl_emit_name(d->s, v, 0);
        break;
    case LDNS_RR_TYPE_CAA: {
        number(d, &d->flags);
        zl_lstr t = tf_value_lstr(d->r, d->tag.v, d->tag.item->expr);
        zl_synth_copy(d->s, &t, 0, t.n);
        zl_synth_glue(d->s, " ");
        zl_lstr_free(&t);
        size_t n = v->n;
        if (!tf_str_is(d->tag.v, "iodef") && n > 1 && v->p[n - 1] == '.')
            n--;
        zl_lstr inner = zl_lstr_sub(v, 0, n);
        zl_emit_text(d->s, &inner, 0);
        zl_synth_mark(d->s, v->raw[v->n]);
        break;
    }
    case LDNS_RR_TYPE_TXT:
        zl_emit_text(d->s, v, ZL_EMIT_CHUNK);
        break;
    default:
        zl_emit_rdata(d->s, v, 0);
    }
}

static void instance(tf_reader *r, tf_block *b, const tf_scope *sc)
{
    const zl_hcl_body *body = b->item->body;
    tf_attr domain = tf_attr_get(r, b, body, sc, "domain"),
            name = tf_attr_get(r, b, body, sc, "name"), type = tf_attr_get(r, b, body, sc, "type"),
            ttl = tf_attr_get(r, b, body, sc, "ttl"), value = tf_attr_get(r, b, body, sc, "value");
    dorec d = {r,
               NULL,
               tf_attr_get(r, b, body, sc, "priority"),
               tf_attr_get(r, b, body, sc, "weight"),
               tf_attr_get(r, b, body, sc, "port"),
               tf_attr_get(r, b, body, sc, "flags"),
               tf_attr_get(r, b, body, sc, "tag")};
    if (name.v->kind != TF_STRING || type.v->kind != TF_STRING || value.v->kind != TF_STRING)
        return; /* known only after apply */
    char *tn = zl_xstrndup(type.v->s, type.v->n);
    uint16_t code = ldns_get_rr_type_by_name(tn);
    free(tn);
    char *zone = tf_zone_name(r, domain.v, "digitalocean_domain", "name", true);
    if (!zone || !fields_known(&d, code)) {
        free(zone);
        return;
    }
    d.s = tf_group_for(r, zone);
    char *zone_dot = zl_xasprintf("%s.", zone);
    zl_lstr nm = tf_value_lstr(r, name.v, name.item->expr);
    zl_lstr val = tf_value_lstr(r, value.v, value.item->expr);
    zl_emit_relative_owner(d.s, &nm, zone_dot);
    tf_ttl_type(r, d.s, &ttl, 1800, &type, nm.raw[nm.n]);
    rdata(&d, code, &val);
    zl_synth_glue(d.s, "\n");
    zl_lstr_free(&val);
    zl_lstr_free(&nm);
    free(zone_dot);
    free(zone);
}

void tf_digitalocean_records(tf_reader *r, tf_block *b)
{
    if (strcmp(b->type, "digitalocean_record") == 0)
        tf_each_instance(r, b, instance);
}
