/* CloudFormation templates, YAML or JSON (CDK writes NAME.template.json
 * into cdk.out): the records that AWS::Route53::RecordSet and AWS::Route53::RecordSetGroup
 * resources create, linted before the stack is deployed.
 *
 * CloudFormation hands each record set to Route 53 as it is written, so
 * Route 53's conventions hold (see parser/exports/route53.c): names and
 * targets are absolute with or without a final dot, a TXT value must be in
 * quotes. A record's zone is its HostedZoneName, or the hosted zone its
 * HostedZoneId refers to (!Ref or {"Ref": ...} to an AWS::Route53::HostedZone
 * of the template); the records of each zone become one zone here.
 *
 * A parameter with a Default reads as its default where a name, type, value
 * or zone name refers to it (parser/iac/cfn_params.h). What is known only
 * when the stack is deployed stays unknown and is never guessed: a record
 * set whose Name, Type, TTL or values need anything else (!GetAtt, pseudo
 * parameters, !Join, ...) is left out, as are alias record sets and the
 * second and later members of a routing-policy set (they repeat a name and
 * type; the first is linted). */
#include <ldns/ldns.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "parser/exports/emit.h"
#include "parser/exports/readers.h"
#include "parser/exports/yaml_pos.h"
#include "parser/iac/cdk_region.h"
#include "parser/iac/cfn_params.h"
#include "parser/iac/cfn_ses.h"

typedef struct cfn_zone {
    const char *id; /* the HostedZone's logical id, NULL for HostedZoneName */
    char *name;     /* without a final dot */
} cfn_zone;

typedef struct cfn_set {
    zl_ynode rs;      /* the record set's properties */
    size_t zone;      /* index into zones; nzones when unknown */
    zl_ynode zone_at; /* where its zone is given (its group's HostedZoneName or Id) */
} cfn_set;

typedef struct cfn {
    zl_ydoc d;
    cfn_zone *zones;
    size_t nzones, zcap;
    cfn_set *sets;
    size_t nsets, scap;
    cfn_ses ses;
    cfn_params params;
} cfn;

/* A string known before deployment: false for a missing, computed or other node. */
static bool literal(cfn *c, zl_ynode n, zl_lstr *out)
{
    return cfn_value(&c->params, n, out);
}

/* The same as a string of its own, or NULL. */
static char *text_of(cfn *c, zl_ynode n)
{
    zl_lstr v;
    if (!literal(c, n, &v))
        return NULL;
    char *t = zl_xstrndup(v.p, v.n);
    zl_lstr_free(&v);
    return t;
}

static size_t add_zone(cfn *c, const char *id, const char *name)
{
    size_t len = strlen(name);
    while (len && name[len - 1] == '.')
        len--;
    for (size_t i = 0; i < c->nzones; i++)
        if (!id && !c->zones[i].id && strlen(c->zones[i].name) == len &&
            strncmp(c->zones[i].name, name, len) == 0)
            return i;
    ZL_GROW(c->zones, c->zcap, c->nzones + 1);
    c->zones[c->nzones] = (cfn_zone){id, zl_xasprintf("%.*s", (int)len, name)};
    return c->nzones++;
}

/* The zone of a record set or group: HostedZoneName, or the hosted zone of
 * the template that HostedZoneId refers to; nzones when unknown. */
static size_t zone_of(cfn *c, zl_ynode props)
{
    char *name = text_of(c, zl_yget(props, "HostedZoneName"));
    if (name && *name) {
        size_t z = add_zone(c, NULL, name);
        free(name);
        return z;
    }
    free(name);
    zl_ynode id = zl_yget(props, "HostedZoneId");
    zl_ynode ref = zl_yis(id, YAML_MAPPING_NODE) ? zl_yget(id, "Ref") : id;
    const char *tag = id.n ? (const char *)id.n->tag : NULL;
    bool is_ref = ref.n != id.n || (tag && strcmp(tag, "!Ref") == 0);
    const char *target = is_ref ? cfn_scalar(ref) : NULL;
    for (size_t i = 0; target && i < c->nzones; i++)
        if (c->zones[i].id && strcmp(c->zones[i].id, target) == 0)
            return i;
    return c->nzones;
}

static void add_set(cfn *c, zl_ynode rs, size_t zone, zl_ynode props)
{
    zl_ynode at = zl_yget(props, "HostedZoneName");
    ZL_GROW(c->sets, c->scap, c->nsets + 1);
    c->sets[c->nsets++] = (cfn_set){rs, zone, at.n ? at : zl_yget(props, "HostedZoneId")};
    cfn_ses_count(&c->ses, rs);
}

/* Whether an earlier routing-policy set of this zone has the same name and
 * type (the model holds one RRset per name and type). */
static bool routed_before(cfn *c, size_t k)
{
    const cfn_set *s = &c->sets[k];
    if (!zl_yget(s->rs, "SetIdentifier").n)
        return false;
    char *name = text_of(c, zl_yget(s->rs, "Name")), *type = text_of(c, zl_yget(s->rs, "Type"));
    bool seen = false;
    for (size_t i = 0; i < k && name && type && !seen; i++) {
        const cfn_set *o = &c->sets[i];
        if (o->zone != s->zone || !zl_yget(o->rs, "SetIdentifier").n)
            continue;
        char *on = text_of(c, zl_yget(o->rs, "Name")), *ot = text_of(c, zl_yget(o->rs, "Type"));
        seen = on && ot && strcasecmp(on, name) == 0 && strcasecmp(ot, type) == 0;
        free(on);
        free(ot);
    }
    free(name);
    free(type);
    return seen;
}

static bool is_known(cfn *c, zl_ynode n)
{
    zl_lstr v;
    if (!n.n || !cfn_computed(n))
        return true;
    bool ok = literal(c, n, &v);
    zl_lstr_free(&v);
    return ok;
}

/* Whether every part of the record set is known before deployment. */
static bool known(cfn *c, zl_ynode rs)
{
    zl_ynode recs = zl_yget(rs, "ResourceRecords");
    if (!is_known(c, zl_yget(rs, "Name")) || !is_known(c, zl_yget(rs, "Type")) ||
        cfn_computed(zl_yget(rs, "TTL")) || cfn_computed(recs))
        return false;
    for (size_t i = 0; i < zl_ycount(recs); i++)
        if (!is_known(c, zl_yitem(recs, i)))
            return false;
    return true;
}

static void record_set(cfn *c, zl_synth *s, zl_ynode rs)
{
    zl_lstr n = {0}, t = {0};
    zl_ynode name = zl_yget(rs, "Name"), type = zl_yget(rs, "Type");
    zl_ynode ttl = zl_yget(rs, "TTL"), recs = zl_yget(rs, "ResourceRecords");
    if (!literal(c, name, &n) || !literal(c, type, &t) || !zl_emit_is_type(&t)) {
        zl_ynode at = n.p ? type : rs;
        zl_synth_diag_raw(s, "syntax-error", zl_ystart(at), at.n ? zl_ylen(at) : 1,
                          zl_xstrdup(n.p ? "not a record type"
                                         : "record set without a Name and a Type"),
                          NULL);
    } else if (!zl_yis(recs, YAML_SEQUENCE_NODE)) {
        zl_synth_diag_raw(s, "syntax-error", zl_ystart(name), zl_ylen(name),
                          zl_xstrdup("record set without ResourceRecords or AliasTarget"), NULL);
    } else {
        long long secs = 0;
        if (!zl_yint(ttl, &secs))
            zl_synth_diag_raw(s, "syntax-error", zl_ystart(ttl.n ? ttl : name),
                              zl_ylen(ttl.n ? ttl : name),
                              zl_xstrdup(ttl.n ? "TTL is not a number"
                                               : "record set without a TTL: Route 53 requires "
                                                 "one unless it is an alias"),
                              NULL);
        for (size_t i = 0; i < zl_ycount(recs); i++) {
            zl_lstr v;
            zl_ynode item = zl_yitem(recs, i);
            if (!literal(c, item, &v)) {
                zl_synth_diag_raw(s, "syntax-error", zl_ystart(item), 1,
                                  zl_xstrdup("resource record that is not a string"), NULL);
                continue;
            }
            zl_emit_name(s, &n, ZL_EMIT_ABSOLUTE | ZL_EMIT_OCTAL);
            uint32_t ttl_at = ttl.n ? zl_ystart(ttl) : n.raw[n.n];
            uint16_t code = zl_emit_ttl_type(s, secs, ttl_at, zl_ylen(ttl), &t);
            zl_route53_value(s, code, &v, true);
            zl_synth_glue(s, "\n");
            zl_lstr_free(&v);
        }
    }
    zl_lstr_free(&n);
    zl_lstr_free(&t);
}

/* Hosted zones and SES identities first, so that record sets may refer to
 * any of them. */
static void collect(cfn *c, zl_ynode resources)
{
    cfn_ses_init(&c->ses, resources);
    for (size_t i = 0; i < zl_ycount(resources); i++) {
        zl_ynode res = zl_yvalue(resources, i), props = zl_yget(res, "Properties");
        const char *type = cfn_scalar(zl_yget(res, "Type")), *id = cfn_scalar(zl_ykey(resources, i));
        char *name = type && id && strcmp(type, "AWS::Route53::HostedZone") == 0
                         ? text_of(c, zl_yget(props, "Name"))
                         : NULL;
        if (name)
            add_zone(c, id, name);
        free(name);
    }
    for (size_t i = 0; i < zl_ycount(resources); i++) {
        zl_ynode res = zl_yvalue(resources, i), props = zl_yget(res, "Properties");
        const char *type = cfn_scalar(zl_yget(res, "Type"));
        if (!type)
            continue;
        if (strcmp(type, "AWS::Route53::RecordSet") == 0) {
            add_set(c, props, zone_of(c, props), props);
        } else if (strcmp(type, "AWS::Route53::RecordSetGroup") == 0) {
            size_t zone = zone_of(c, props);
            zl_ynode sets = zl_yget(props, "RecordSets");
            for (size_t k = 0; k < zl_ycount(sets); k++)
                add_set(c, zl_yitem(sets, k), zone, props);
        }
    }
}

bool zl_read_cloudformation(zl_input *in, char **err)
{
    cfn c = {0};
    if (!zl_input_decode(in, "cloudformation", NULL, &c.d, err))
        return false;
    zl_ynode resources = zl_yget(c.d.n ? zl_yroot(&c.d, 0) : (zl_ynode){0}, "Resources");
    if (!zl_yis(resources, YAML_MAPPING_NODE)) {
        zl_ydoc_free(&c.d);
        return zl_input_fail(in, 0, "cloudformation", zl_xstrdup("no Resources mapping"), err);
    }
    cfn_params_init(&c.params, &c.d, zl_yroot(&c.d, 0));
    collect(&c, resources);
    c.ses.region = zl_cdk_region(in->o->fs, in->path);
    bool identities_done = false;
    for (size_t z = 0; z <= c.nzones; z++) {
        bool any = false;
        for (size_t k = 0; k < c.nsets && !any; k++)
            any = c.sets[k].zone == z;
        if (!any)
            continue;
        zl_synth s;
        zl_synth_init(&s, in->text, in->len);
        if (z < c.nzones) {
            /* The zone's name is the template's text: escaped as a name. */
            const char *zn = c.zones[z].name;
            zl_lstr v = {zn, strlen(zn), zl_xcalloc(strlen(zn) + 1, sizeof *v.raw)};
            zl_synth_glue(&s, "$ORIGIN ");
            zl_emit_name(&s, &v, ZL_EMIT_ABSOLUTE);
            zl_synth_glue(&s, "\n");
            zl_lstr_free(&v);
        }
        for (size_t k = 0; k < c.nsets; k++) {
            const cfn_set *set = &c.sets[k];
            if (set->zone != z || cfn_ses_check(&c.ses, &s, set->rs, set->zone_at,
                                                z < c.nzones ? c.zones[z].name : NULL))
                continue;
            if (!zl_yget(set->rs, "AliasTarget").n && known(&c, set->rs) && !routed_before(&c, k))
                record_set(&c, &s, set->rs);
        }
        if (!identities_done) {
            cfn_ses_identities(&c.ses, &s);
            identities_done = true;
        }
        zl_synth_carry_comments(&s, '#');
        zl_synth_read(&s, in->zs, in->path, "cloudformation", in->o);
    }
    for (size_t z = 0; z < c.nzones; z++)
        free(c.zones[z].name);
    free(c.zones);
    free(c.sets);
    cfn_ses_free(&c.ses);
    cfn_params_free(&c.params);
    zl_ydoc_free(&c.d);
    free(in->text);
    return true;
}
