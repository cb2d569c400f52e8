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

#include "lint/util/group.h"
#include "parser/exports/emit.h"
#include "parser/exports/plan_index.h"
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
    } *recs;
    size_t nrecs, rcap;
    /* The zones by zone_id, and by address whole and before each index
     * ("[0]"): the names a record's configuration may give its zone by. */
    zl_sindex zone_ids, zone_refs;
    /* The configured modules asked of, each's resources by type and name. */
    struct tf_module {
        json_t *config;
        zl_jval *resources;
        char **keys; /* "TYPE\0NAME" of each resource, as the index holds them */
        size_t n;
        zl_sindex by_name;
    } *mods;
    size_t nmods, mcap;
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

static void index_zones(tf *t)
{
    for (size_t z = 0; z < t->nzones; z++) {
        const tf_zone *tz = &t->zones[z];
        if (tz->id)
            zl_sindex_add(&t->zone_ids, tz->id, strlen(tz->id), (uint32_t)z);
        for (const char *b = strchr(tz->address, '['); b; b = strchr(b + 1, '['))
            zl_sindex_add(&t->zone_refs, tz->address, (size_t)(b - tz->address), (uint32_t)z);
        zl_sindex_add(&t->zone_refs, tz->address, strlen(tz->address), (uint32_t)z);
    }
}

/* type and name as a module's index keys them (a separator no JSON
 * string value holds). */
static char *resource_key(const char *type, const char *name, size_t *len)
{
    size_t tl = strlen(type), nl = strlen(name);
    char *k = zl_xmalloc(tl + nl + 2);
    memcpy(k, type, tl);
    k[tl] = '\0';
    memcpy(k + tl + 1, name, nl + 1);
    *len = tl + 1 + nl;
    return k;
}

/* The configured module at module_address, its resources indexed. */
static struct tf_module *module_of(tf *t, const char *module_address)
{
    zl_jval config = config_module(t, module_address);
    for (size_t k = 0; k < t->nmods; k++)
        if (t->mods[k].config == config.v)
            return &t->mods[k];
    ZL_GROW(t->mods, t->mcap, t->nmods + 1);
    struct tf_module *m = &t->mods[t->nmods++];
    *m = (struct tf_module){.config = config.v};
    zl_jval res = zl_jget(&t->d, config, "resources", false), r;
    size_t i = 0, cap = 0;
    while (zl_jnext(&t->d, res, &i, &r)) {
        const char *rt = str(t, r, "type"), *rn = str(t, r, "name");
        if (!rt || !rn)
            continue;
        if (m->n == cap) {
            cap = cap ? 2 * cap : 16;
            m->resources = zl_xrealloc(m->resources, cap * sizeof *m->resources);
            m->keys = zl_xrealloc(m->keys, cap * sizeof *m->keys);
        }
        size_t len;
        m->keys[m->n] = resource_key(rt, rn, &len);
        m->resources[m->n] = r;
        zl_sindex_add(&m->by_name, m->keys[m->n], len, (uint32_t)m->n);
        m->n++;
    }
    return m;
}

/* The zone ref (in module_address) names, or nzones. */
static size_t zone_named(tf *t, const char *module_address, const char *ref)
{
    char *full = module_address && *module_address ? zl_xasprintf("%s.%s", module_address, ref)
                                                   : zl_xstrdup(ref);
    size_t at = 0;
    uint32_t z = zl_sindex_next(&t->zone_refs, full, strlen(full), &at);
    free(full);
    return z == ZL_NONE ? t->nzones : z;
}

/* The zone a record belongs to: by its zone_id, else by the reference in
 * its configuration; t->nzones when neither tells. */
static size_t find_zone(tf *t, zl_jval rc, zl_jval after)
{
    const char *id = str(t, after, "zone_id");
    size_t at = 0;
    uint32_t by_id = id ? zl_sindex_next(&t->zone_ids, id, strlen(id), &at) : ZL_NONE;
    if (by_id != ZL_NONE)
        return by_id;
    const char *module = str(t, rc, "module_address"), *type = str(t, rc, "type"),
               *name = str(t, rc, "name");
    if (!type || !name)
        return t->nzones;
    struct tf_module *m = module_of(t, module);
    size_t len;
    char *key = resource_key(type, name, &len);
    at = 0;
    size_t z = t->nzones;
    uint32_t i;
    while (z == t->nzones && (i = zl_sindex_next(&m->by_name, key, len, &at)) != ZL_NONE) {
        zl_jval refs = zl_jget(&t->d, zl_jget(&t->d, zl_jget(&t->d, m->resources[i], "expressions",
                                                             false),
                                              "zone_id", false),
                               "references", false);
        for (size_t k = 0; z == t->nzones && k < json_array_size(refs.v); k++) {
            const char *ref = json_string_value(json_array_get(refs.v, k));
            if (ref)
                z = zone_named(t, module, ref);
        }
    }
    free(key);
    return z;
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
    zl_sindex_free(&t->zone_ids);
    zl_sindex_free(&t->zone_refs);
    for (size_t k = 0; k < t->nmods; k++) {
        for (size_t i = 0; i < t->mods[k].n; i++)
            free(t->mods[k].keys[i]);
        free(t->mods[k].keys);
        free(t->mods[k].resources);
        zl_sindex_free(&t->mods[k].by_name);
    }
    free(t->mods);
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
            t.recs[t.nrecs++] = (struct tf_rec){rc, after};
        }
    }
    /* Every zone is known now: each record's, then one zone of records each. */
    index_zones(&t);
    size_t *zone_of = zl_xmallocn(t.nrecs + 1, sizeof *zone_of); /* nzones: unknown */
    for (size_t k = 0; k < t.nrecs; k++)
        zone_of[k] = find_zone(&t, t.recs[k].change, t.recs[k].after);
    char *forced = in->o->origin_forced ? zl_names_str(&in->zs->names, in->o->origin) : NULL;
    if (forced && *forced)
        forced[strlen(forced) - 1] = '\0';
    /* The records by zone, in plan order within each. */
    zl_groups by;
    zl_group_by(&by, zone_of, t.nrecs, t.nzones + 1);
    uint32_t first = ZL_NONE; /* the first zone's source, whose file copy the others share */
    for (size_t z = 0; z <= t.nzones; z++) {
        if (by.start[z] == by.start[z + 1])
            continue;
        const char *zone = z < t.nzones ? t.zones[z].name : forced;
        zl_synth s;
        zl_synth_init(&s, in->text, in->len);
        if (first != ZL_NONE)
            zl_synth_share(&s, in->zs, first);
        if (zone) {
            zl_synth_glue(&s, "$ORIGIN ");
            zl_lstr zn = {zone, strlen(zone), zl_xcalloc(strlen(zone) + 1, sizeof *zn.raw)};
            zl_emit_name(&s, &zn, ZL_EMIT_ABSOLUTE);
            zl_lstr_free(&zn);
            zl_synth_glue(&s, "\n");
        }
        for (size_t k = by.start[z]; k < by.start[z + 1]; k++)
            record(&t, &s, t.recs[by.order[k]].after, zone);
        zl_zone *read = zl_synth_read(&s, in->zs, in->path, "terraform-plan", in->o);
        if (first == ZL_NONE)
            first = read->src;
    }
    zl_groups_free(&by);
    free(zone_of);
    free(forced);
    free_tf(&t);
    free(in->text);
    return true;
}
