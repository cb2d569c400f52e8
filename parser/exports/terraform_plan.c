/* Terraform: `terraform show -json PLAN`, the aws_route53_record resources
 * the plan creates or keeps (resource_changes[].change.after), linted before
 * they are applied. Each record's zone comes from its zone_id: a zone of the
 * plan (aws_route53_zone, or the data source) by id, or the one its
 * configuration refers to; records of each zone become one zone here.
 * The AWS provider's conventions are in parser/iac/aws_record.h; records
 * are absolute without a final dot, like Route 53's. Records whose name or
 * records are unknown until apply, and aliases, are left out. */
#include <ldns/ldns.h>
#include <stdlib.h>
#include <string.h>

#include "parser/exports/emit.h"
#include "parser/exports/readers.h"
#include "parser/iac/aws_record.h"

typedef struct tf_zone {
    char *address; /* as in the plan, with module path and index */
    char *id;      /* zone_id when known */
    char *name;    /* without a final dot */
} tf_zone;

typedef struct tf {
    zl_jdoc d;
    tf_zone *zones;
    size_t nzones, zcap;
    struct tf_rec {
        zl_jval change; /* the resource change */
        zl_jval after;  /* the record as planned */
        size_t zone;    /* index into zones, nzones when unknown */
    } *recs;
    size_t nrecs, rcap;
} tf;

static const char *str(const tf *t, zl_jval obj, const char *key)
{
    return json_string_value(zl_jget(&t->d, obj, key, false).v);
}

static bool str_is(json_t *v, const char *s)
{
    const char *x = json_string_value(v);
    return x && strcmp(x, s) == 0;
}

static void add_zone(tf *t, const char *address, zl_jval values)
{
    const char *name = str(t, values, "name"), *id = str(t, values, "zone_id");
    if (!address || !name || !*name)
        return;
    size_t n = strlen(name);
    ZL_GROW(t->zones, t->zcap, t->nzones + 1);
    t->zones[t->nzones++] = (tf_zone){zl_xstrdup(address), id ? zl_xstrdup(id) : NULL,
                                      zl_xstrndup(name, name[n - 1] == '.' ? n - 1 : n)};
}

static bool is_zone(const tf *t, zl_jval res)
{
    return str_is(zl_jget(&t->d, res, "type", false).v, "aws_route53_zone");
}

/* Zones the state already has (data sources above all), every module. */
static void state_zones(tf *t, zl_jval module)
{
    zl_jval r;
    size_t i = 0;
    zl_jval res = zl_jget(&t->d, module, "resources", false);
    while (zl_jnext(&t->d, res, &i, &r))
        if (is_zone(t, r))
            add_zone(t, str(t, r, "address"), zl_jget(&t->d, r, "values", false));
    i = 0;
    zl_jval kids = zl_jget(&t->d, module, "child_modules", false);
    while (zl_jnext(&t->d, kids, &i, &r))
        state_zones(t, r);
}

static bool deleted(const tf *t, zl_jval change)
{
    zl_jval actions = zl_jget(&t->d, change, "actions", false);
    return json_array_size(actions.v) == 1 &&
           str_is(json_array_get(actions.v, 0), "delete");
}

/* The configuration block of the module at module_address. */
static zl_jval config_module(const tf *t, const char *module_address)
{
    zl_jval m = zl_jget(&t->d, zl_jget(&t->d, zl_jdoc_root(&t->d), "configuration", false),
                        "root_module", false);
    for (const char *p = module_address; p && *p;) {
        if (strncmp(p, "module.", 7) != 0)
            break;
        p += 7;
        size_t n = strcspn(p, ".[");
        char *call = zl_xstrndup(p, n);
        m = zl_jget(&t->d, zl_jget(&t->d, zl_jget(&t->d, m, "module_calls", false), call, false),
                    "module", false);
        free(call);
        p += n;
        if (*p == '[')
            p += strcspn(p, "]") + (*p ? 1 : 0);
        if (*p == '.')
            p++;
    }
    return m;
}

/* Whether a zone's address is ref in module_address (any index). */
static bool same_resource(const char *zone_address, const char *module_address, const char *ref)
{
    char *full = module_address && *module_address ? zl_xasprintf("%s.%s", module_address, ref)
                                                   : zl_xstrdup(ref);
    size_t n = strlen(full);
    bool same = strncmp(zone_address, full, n) == 0 &&
                (zone_address[n] == '\0' || zone_address[n] == '[');
    free(full);
    return same;
}

/* The zone a record belongs to: by its zone_id, else by the reference in
 * its configuration; t->nzones when neither tells. */
static size_t find_zone(const tf *t, zl_jval rc, zl_jval after)
{
    const char *id = str(t, after, "zone_id");
    for (size_t z = 0; id && z < t->nzones; z++)
        if (t->zones[z].id && strcmp(t->zones[z].id, id) == 0)
            return z;
    const char *module = str(t, rc, "module_address"), *type = str(t, rc, "type"),
               *name = str(t, rc, "name");
    zl_jval res = zl_jget(&t->d, config_module(t, module), "resources", false), r;
    size_t i = 0;
    while (type && name && zl_jnext(&t->d, res, &i, &r)) {
        const char *rt = str(t, r, "type"), *rn = str(t, r, "name");
        if (!rt || !rn || strcmp(rt, type) || strcmp(rn, name))
            continue;
        zl_jval refs = zl_jget(&t->d, zl_jget(&t->d, zl_jget(&t->d, r, "expressions", false),
                                              "zone_id", false),
                               "references", false);
        for (size_t k = 0; k < json_array_size(refs.v); k++) {
            const char *ref = json_string_value(json_array_get(refs.v, k));
            for (size_t z = 0; ref && z < t->nzones; z++)
                if (same_resource(t->zones[z].address, module, ref))
                    return z;
        }
    }
    return t->nzones;
}

static void record(tf *t, zl_synth *s, zl_jval after, const char *zone)
{
    zl_jdoc *d = &t->d;
    zl_lstr name = {0}, type = {0};
    zl_jval recs = zl_jget(d, after, "records", false), ttl = zl_jget(d, after, "ttl", false);
    bool ok = zl_jstr(d, zl_jget(d, after, "name", false), &name) &&
              zl_jstr(d, zl_jget(d, after, "type", false), &type);
    if (ok && zl_emit_is_type(&type) && json_is_array(recs.v) &&
        json_array_size(zl_jget(d, after, "alias", false).v) == 0) {
        size_t i = 0;
        zl_jval r;
        while (zl_jnext(d, recs, &i, &r)) {
            zl_lstr v;
            if (!zl_jstr(d, r, &v))
                continue;
            zl_appended_owner(s, &name, zone, "the AWS provider");
            uint16_t code = zl_emit_ttl_type(s, json_integer_value(ttl.v),
                                             ttl.v ? zl_jstart(d, ttl) : name.raw[name.n],
                                             zl_jlen(d, ttl), &type);
            if (code == LDNS_RR_TYPE_TXT || code == LDNS_RR_TYPE_SPF)
                zl_aws_txt(s, &v);
            else
                zl_emit_value(s, code, 0, &v, 0);
            zl_synth_glue(s, "\n");
            zl_lstr_free(&v);
        }
    }
    zl_lstr_free(&name);
    zl_lstr_free(&type);
}

static void free_tf(tf *t)
{
    for (size_t z = 0; z < t->nzones; z++) {
        free(t->zones[z].address);
        free(t->zones[z].id);
        free(t->zones[z].name);
    }
    free(t->zones);
    free(t->recs);
    zl_jdoc_free(&t->d);
}

bool zl_read_terraform_plan(zl_input *in, char **err)
{
    tf t = {0};
    if (!zl_input_decode(in, "terraform-plan", &t.d, NULL, err))
        return false;
    zl_jval root = zl_jdoc_root(&t.d);
    zl_jval changes = zl_jget(&t.d, root, "resource_changes", false);
    if (!json_is_object(root.v) || !zl_jget(&t.d, root, "format_version", false).v) {
        free_tf(&t);
        return zl_input_fail(in, 0, "terraform-plan",
                             zl_xstrdup("no format_version: not the output of terraform show "
                                        "-json"),
                             err);
    }
    state_zones(&t, zl_jget(&t.d, zl_jget(&t.d, zl_jget(&t.d, root, "prior_state", false),
                                          "values", false),
                            "root_module", false));
    size_t i = 0;
    zl_jval rc;
    while (zl_jnext(&t.d, changes, &i, &rc)) {
        zl_jval change = zl_jget(&t.d, rc, "change", false);
        zl_jval after = zl_jget(&t.d, change, "after", false);
        if (!json_is_object(after.v) || deleted(&t, change))
            continue;
        if (is_zone(&t, rc)) {
            add_zone(&t, str(&t, rc, "address"), after);
        } else if (str_is(zl_jget(&t.d, rc, "type", false).v, "aws_route53_record")) {
            ZL_GROW(t.recs, t.rcap, t.nrecs + 1);
            t.recs[t.nrecs++] = (struct tf_rec){rc, after, 0};
        }
    }
    /* Every zone is known now: each record's, then one zone of records each. */
    for (size_t k = 0; k < t.nrecs; k++)
        t.recs[k].zone = find_zone(&t, t.recs[k].change, t.recs[k].after);
    char *forced = in->o->origin_forced ? zl_names_str(&in->zs->names, in->o->origin) : NULL;
    if (forced && *forced)
        forced[strlen(forced) - 1] = '\0';
    for (size_t z = 0; z <= t.nzones; z++) {
        bool any = false;
        for (size_t k = 0; k < t.nrecs && !any; k++)
            any = t.recs[k].zone == z;
        if (!any)
            continue;
        const char *zone = z < t.nzones ? t.zones[z].name : forced;
        zl_synth s;
        zl_synth_init(&s, in->text, in->len);
        if (zone) {
            zl_synth_glue(&s, "$ORIGIN ");
            zl_lstr zn = {zone, strlen(zone), zl_xcalloc(strlen(zone) + 1, sizeof *zn.raw)};
            zl_emit_name(&s, &zn, ZL_EMIT_ABSOLUTE);
            zl_lstr_free(&zn);
            zl_synth_glue(&s, "\n");
        }
        for (size_t k = 0; k < t.nrecs; k++)
            if (t.recs[k].zone == z)
                record(&t, &s, t.recs[k].after, zone);
        zl_synth_read(&s, in->zs, in->path, "terraform-plan", in->o);
    }
    free(forced);
    free_tf(&t);
    free(in->text);
    return true;
}
