/* Terraform: `terraform show -json PLAN`, the aws_route53_record resources
 * the plan creates or keeps (resource_changes[].change.after), linted before
 * they are applied. Each record's zone comes from its zone_id: a zone of the
 * plan (aws_route53_zone, or the data source) by id, or the one its
 * configuration refers to; records of each zone become one zone here.
 * The AWS provider's conventions are in parser/iac/aws_record.h; records
 * are absolute without a final dot, like Route 53's. Records whose name or
 * records are unknown until apply, and aliases, are left out.
 *
 * A plan repeats every resource two or three times (planned_values,
 * prior_state, resource_changes) and decoded whole it took fifteen times its
 * size. It is walked instead (parser/exports/json_walk.h): each resource is
 * decoded alone and let go, and a record is decoded again when its zone is
 * known. */
#include <ldns/ldns.h>
#include <stdlib.h>
#include <string.h>

#include "lint/util/group.h"
#include "parser/exports/emit.h"
#include "parser/exports/json_stream.h"
#include "parser/exports/plan_index.h"
#include "parser/exports/readers.h"
#include "parser/iac/aws_record.h"

typedef struct tf_zone {
    char *address; /* as in the plan, with module path and index */
    char *id;      /* zone_id when known */
    char *name;    /* without a final dot */
} tf_zone;

/* A record the plan creates or keeps: where its resource change is, and
 * what tells its zone. */
typedef struct tf_rec {
    zl_jspan at;
    char *zone_id; /* NULL until apply */
    char *module;  /* module_address, NULL in the root module */
    char *type, *name;
} tf_rec;

/* A configured aws_route53_record: the references of its zone_id. */
typedef struct tf_conf {
    char *key; /* module path, type and name (conf_key) */
    size_t len;
    char **refs;
    size_t nrefs;
} tf_conf;

typedef struct tf {
    zl_jstream js;
    size_t len;
    tf_zone *zones;
    size_t nzones, zcap;
    tf_rec *recs;
    size_t nrecs, rcap;
    tf_conf *confs;
    size_t nconfs, ccap;
    /* The zones by zone_id, and by address whole and before each index
     * ("[0]"): the names a record's configuration may give its zone by; the
     * configured records by conf_key. */
    zl_sindex zone_ids, zone_refs, conf_keys;
} tf;

static const char *str(const zl_jdoc *d, zl_jval obj, const char *key)
{
    return json_string_value(zl_jget(d, obj, key, false).v);
}

static char *dup_or_null(const char *s)
{
    return s ? zl_xstrdup(s) : NULL;
}

static bool str_is(json_t *v, const char *s)
{
    const char *x = json_string_value(v);
    return x && strcmp(x, s) == 0;
}

static void add_zone(tf *t, const zl_jdoc *d, const char *address, zl_jval values)
{
    const char *name = str(d, values, "name"), *id = str(d, values, "zone_id");
    if (!address || !name || !*name)
        return;
    size_t n = strlen(name);
    ZL_GROW(t->zones, t->zcap, t->nzones + 1);
    t->zones[t->nzones++] = (tf_zone){zl_xstrdup(address), dup_or_null(id),
                                      zl_xstrndup(name, name[n - 1] == '.' ? n - 1 : n)};
}

static bool is_zone(const zl_jdoc *d, zl_jval res)
{
    return str_is(zl_jget(d, res, "type", false).v, "aws_route53_zone");
}

static void state_resource(const zl_jdoc *d, zl_jspan at, void *ctx)
{
    (void)at;
    tf *t = ctx;
    zl_jval r = zl_jdoc_root(d);
    if (is_zone(d, r))
        add_zone(t, d, str(d, r, "address"), zl_jget(d, r, "values", false));
}

/* Zones the state already has (data sources above all), every module. */
static void state_zones(tf *t, zl_jspan module)
{
    static const char *const keys[] = {"resources", "child_modules"};
    zl_jspan m[2];
    zl_jstream_members(&t->js, module, keys, 2, m);
    zl_jstream_each(&t->js, m[0], state_resource, t);
    zl_jwalk w;
    zl_jspan key, kid;
    if (zl_jstream_open(&t->js, &w, m[1], '['))
        while (zl_jstream_next(&t->js, &w, &key, &kid))
            state_zones(t, kid);
}

static bool deleted(const zl_jdoc *d, zl_jval change)
{
    zl_jval actions = zl_jget(d, change, "actions", false);
    return json_array_size(actions.v) == 1 && str_is(json_array_get(actions.v, 0), "delete");
}

/* The planned record of a resource change, or a missing value. */
static zl_jval planned(const zl_jdoc *d, zl_jval rc)
{
    zl_jval change = zl_jget(d, rc, "change", false);
    zl_jval after = zl_jget(d, change, "after", false);
    return json_is_object(after.v) && !deleted(d, change) ? after : (zl_jval){NULL, ZL_NONE};
}

static void resource_change(const zl_jdoc *d, zl_jspan at, void *ctx)
{
    tf *t = ctx;
    zl_jval rc = zl_jdoc_root(d), after = planned(d, rc);
    if (!after.v)
        return;
    if (is_zone(d, rc)) {
        add_zone(t, d, str(d, rc, "address"), after);
    } else if (str_is(zl_jget(d, rc, "type", false).v, "aws_route53_record")) {
        ZL_GROW(t->recs, t->rcap, t->nrecs + 1);
        t->recs[t->nrecs++] = (tf_rec){at, dup_or_null(str(d, after, "zone_id")),
                                       dup_or_null(str(d, rc, "module_address")),
                                       dup_or_null(str(d, rc, "type")),
                                       dup_or_null(str(d, rc, "name"))};
    }
}

/* A configured resource's key: its module's path (each call's name and a
 * dot), its type and its name, apart by NULs, which no JSON string value
 * holds. */
static char *conf_key(const char *path, size_t plen, const char *type, const char *name,
                      size_t *len)
{
    size_t tl = strlen(type), nl = strlen(name);
    char *k = zl_xmalloc(plen + tl + nl + 3);
    memcpy(k, path, plen);
    k[plen] = '\0';
    memcpy(k + plen + 1, type, tl);
    k[plen + 1 + tl] = '\0';
    memcpy(k + plen + tl + 2, name, nl + 1);
    *len = plen + tl + nl + 2;
    return k;
}

/* A module's configuration being walked. */
typedef struct tf_module {
    tf *t;
    const char *path;
} tf_module;

static void conf_resource(const zl_jdoc *d, zl_jspan at, void *ctx)
{
    (void)at;
    tf *t = ((tf_module *)ctx)->t;
    const char *path = ((tf_module *)ctx)->path;
    zl_jval r = zl_jdoc_root(d);
    const char *type = str(d, r, "type"), *name = str(d, r, "name");
    if (!type || !name || strcmp(type, "aws_route53_record") != 0)
        return;
    zl_jval refs = zl_jget(d, zl_jget(d, zl_jget(d, r, "expressions", false), "zone_id", false),
                           "references", false);
    ZL_GROW(t->confs, t->ccap, t->nconfs + 1);
    tf_conf *c = &t->confs[t->nconfs++];
    size_t len;
    char *key = conf_key(path, strlen(path), type, name, &len);
    *c = (tf_conf){.key = key, .len = len};
    c->refs = zl_xmallocn(json_array_size(refs.v) + 1, sizeof *c->refs);
    for (size_t k = 0; k < json_array_size(refs.v); k++) {
        const char *ref = json_string_value(json_array_get(refs.v, k));
        if (ref)
            c->refs[c->nrefs++] = zl_xstrdup(ref);
    }
}

/* The configured records of the module at path, and of the modules it
 * calls (module_calls.NAME.module). */
static void conf_module(tf *t, zl_jspan module, const char *path)
{
    static const char *const keys[] = {"resources", "module_calls"};
    zl_jspan m[2];
    zl_jstream_members(&t->js, module, keys, 2, m);
    zl_jstream_each(&t->js, m[0], conf_resource, &(tf_module){t, path});
    zl_jwalk w;
    zl_jspan key, call;
    if (!zl_jstream_open(&t->js, &w, m[1], '{'))
        return;
    while (zl_jstream_next(&t->js, &w, &key, &call)) {
        zl_jdoc k;
        if (!zl_jdoc_load_span(&k, t->js.text, key, &t->js.err, &t->js.err_off))
            return;
        char *sub = zl_xasprintf("%s%s.", path, json_string_value(k.root));
        zl_jdoc_free(&k);
        conf_module(t, zl_jstream_member(&t->js, call, "module"), sub);
        free(sub);
    }
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
    for (size_t c = 0; c < t->nconfs; c++)
        zl_sindex_add(&t->conf_keys, t->confs[c].key, t->confs[c].len, (uint32_t)c);
}

/* The configuration path of the module at module_address: each call's name
 * and a dot, indexes ("[0]", "[\"a\"]") left out. */
static char *module_path(const char *module_address)
{
    zl_buf b = {0};
    zl_buf_printf(&b, "%s", "");
    for (const char *p = module_address; p && *p;) {
        if (strncmp(p, "module.", 7) != 0)
            break;
        p += 7;
        size_t n = strcspn(p, ".[");
        zl_buf_printf(&b, "%.*s.", (int)n, p);
        p += n;
        if (*p == '[')
            p += strcspn(p, "]") + (*p ? 1 : 0);
        if (*p == '.')
            p++;
    }
    return zl_buf_take(&b);
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
static size_t find_zone(tf *t, const tf_rec *r)
{
    size_t at = 0;
    uint32_t by_id = r->zone_id ? zl_sindex_next(&t->zone_ids, r->zone_id, strlen(r->zone_id), &at)
                                : ZL_NONE;
    if (by_id != ZL_NONE)
        return by_id;
    if (!r->type || !r->name)
        return t->nzones;
    char *path = module_path(r->module);
    size_t len;
    char *key = conf_key(path, strlen(path), r->type, r->name, &len);
    free(path);
    at = 0;
    size_t z = t->nzones;
    uint32_t c;
    while (z == t->nzones && (c = zl_sindex_next(&t->conf_keys, key, len, &at)) != ZL_NONE)
        for (size_t k = 0; z == t->nzones && k < t->confs[c].nrefs; k++)
            z = zone_named(t, r->module, t->confs[c].refs[k]);
    free(key);
    return z;
}

static void record(const zl_jdoc *d, zl_synth *s, zl_jval after, const char *zone)
{
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

/* The record at r, decoded again now that its zone is known. */
static void emit_record(tf *t, zl_synth *s, const tf_rec *r, const char *zone)
{
    zl_jdoc d;
    char *err = NULL;
    size_t off;
    if (!zl_jdoc_load_span(&d, t->js.text, r->at, &err, &off)) {
        free(err); /* never expected: the same text decoded before */
        return;
    }
    record(&d, s, planned(&d, zl_jdoc_root(&d)), zone);
    zl_jdoc_free(&d);
}

static void free_tf(tf *t)
{
    for (size_t z = 0; z < t->nzones; z++) {
        free(t->zones[z].address);
        free(t->zones[z].id);
        free(t->zones[z].name);
    }
    free(t->zones);
    for (size_t k = 0; k < t->nrecs; k++) {
        free(t->recs[k].zone_id);
        free(t->recs[k].module);
        free(t->recs[k].type);
        free(t->recs[k].name);
    }
    free(t->recs);
    for (size_t c = 0; c < t->nconfs; c++) {
        free(t->confs[c].key);
        for (size_t k = 0; k < t->confs[c].nrefs; k++)
            free(t->confs[c].refs[k]);
        free(t->confs[c].refs);
    }
    free(t->confs);
    zl_sindex_free(&t->zone_ids);
    zl_sindex_free(&t->zone_refs);
    zl_sindex_free(&t->conf_keys);
    free(t->js.err);
}

/* Reads the plan's zones and records into t; false when it is not JSON or
 * not a plan (*why, at *off). */
static bool walk_plan(tf *t, char **why, size_t *off)
{
    zl_jspan root;
    if (!zl_jwalk_root(t->js.text, t->len, &root, why, off))
        return false;
    static const char *const keys[] = {"format_version", "resource_changes", "prior_state",
                                       "configuration"};
    zl_jspan m[4];
    zl_jstream_members(&t->js, root, keys, 4, m);
    if (!t->js.err && m[0].end == 0) {
        *why = zl_xstrdup("no format_version: not the output of terraform show -json");
        *off = 0;
        return false;
    }
    zl_jstream *js = &t->js;
    state_zones(t, zl_jstream_member(js, zl_jstream_member(js, m[2], "values"), "root_module"));
    zl_jstream_each(js, m[1], resource_change, t);
    conf_module(t, zl_jstream_member(js, m[3], "root_module"), "");
    if (js->err) {
        *why = js->err;
        *off = js->err_off;
        js->err = NULL;
        return false;
    }
    return true;
}

bool zl_read_terraform_plan(zl_input *in, char **err)
{
    tf t = {.js = {.text = in->text}, .len = in->len};
    char *why = NULL;
    size_t off = 0;
    if (!walk_plan(&t, &why, &off)) {
        free_tf(&t);
        return zl_input_fail(in, off, "terraform-plan", why, err);
    }
    /* Every zone is known now: each record's, then one zone of records each. */
    index_zones(&t);
    size_t *zone_of = zl_xmallocn(t.nrecs + 1, sizeof *zone_of); /* nzones: unknown */
    for (size_t k = 0; k < t.nrecs; k++)
        zone_of[k] = find_zone(&t, &t.recs[k]);
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
            emit_record(&t, &s, &t.recs[by.order[k]], zone);
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
