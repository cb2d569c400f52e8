/* Terraform sources (.tf, HCL native syntax): the DNS record resources of a
 * file, evaluated in their module, become master-file text with a position
 * map, so that every rule runs on them and findings point at the .tf
 * attribute. Records of each hosted zone form one zone; records whose
 * name, type or value is known only after apply are left out (never
 * guessed). Reading one file reads its whole module (the .tf files of its
 * directory): each record is placed in its own file, and the records of one
 * hosted zone across the files form one zone. */
#include "parser/iac/tf_read.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "parser/exports/emit.h"
#include "parser/exports/readers.h"
#include "parser/iac/tf_data.h"
#include "parser/iac/tf_load.h"
#include "parser/iac/tf_merge.h"
#include "lint/util/util.h"

zl_synth *tf_group_for(tf_reader *r, const char *zone)
{
    for (size_t i = 0; i < r->ngroups; i++)
        if ((!zone && !r->groups[i].zone) ||
            (zone && r->groups[i].zone && strcmp(zone, r->groups[i].zone) == 0))
            return &r->groups[i].s;
    ZL_GROW(r->groups, r->gcap, r->ngroups + 1);
    tf_group *g = &r->groups[r->ngroups++];
    g->zone = zone ? zl_xstrdup(zone) : NULL;
    const tf_file *f = &r->m.files[r->self];
    zl_synth_init(&g->s, f->text, f->len);
    zl_synth_carry_comments(&g->s, '#');
    if (zone) {
        zl_synth_glue(&g->s, "$ORIGIN ");
        zl_lstr zn = {zone, strlen(zone), zl_xcalloc(strlen(zone) + 1, sizeof *zn.raw)};
        zl_emit_name(&g->s, &zn, ZL_EMIT_ABSOLUTE);
        zl_lstr_free(&zn);
        zl_synth_glue(&g->s, "\n");
    }
    return &g->s;
}

zl_lstr tf_lstr(const tf_reader *r, const tf_val *v, uint32_t from, uint32_t to)
{
    zl_lstr s = {v->s, v->n, zl_xcalloc(v->n + 1, sizeof *s.raw)};
    bool last_here = false;
    for (size_t i = 0; i < v->n; i++) {
        tf_origin at = tf_val_at(v, i);
        last_here = at.file == r->m.base + r->self && at.off >= from && at.off < to;
        s.raw[i] = last_here ? at.off : from;
    }
    s.raw[v->n] = last_here ? s.raw[v->n - 1] + 1 : to;
    return s;
}

static char *zone_text(const tf_val *v)
{
    if (v->kind != TF_STRING || v->n == 0)
        return NULL;
    char *zone = zl_xstrndup(v->s, v->n);
    size_t len = strlen(zone);
    if (len && zone[len - 1] == '.')
        zone[--len] = '\0';
    for (size_t i = 0; i < len; i++)
        zone[i] = (char)tolower((unsigned char)zone[i]);
    if (!len || strchr(zone, ' ') || strchr(zone, ':')) { /* ':' a filter's operator */
        free(zone);
        return NULL;
    }
    return zone;
}

static char *zone_of_ref(tf_reader *r, const tf_val *ref, const char *type, const char *attr);

char *tf_zone_name(tf_reader *r, const tf_val *ref, const char *type, const char *attr,
                   bool literal)
{
    if (literal && ref->kind == TF_STRING)
        return zone_text(ref);
    if (ref->kind != TF_UNKNOWN || !ref->s)
        return NULL;
    zl_buf key = {0};
    zl_buf_printf(&key, "%s %s %s", type, attr, ref->s);
    if (!r->zone_key.data || strcmp(key.data, r->zone_key.data) != 0) {
        free(r->zone_key.data);
        free(r->zone_name);
        r->zone_key = key;
        r->zone_name = zone_of_ref(r, ref, type, attr);
    } else {
        free(key.data);
    }
    return r->zone_name ? zl_xstrdup(r->zone_name) : NULL;
}

/* The body of the one block of that name in body (filter { ... }), or NULL. */
static const zl_hcl_body *nested_block(const zl_hcl_body *body, const char *name)
{
    const zl_hcl_body *found = NULL;
    for (size_t i = 0; i < body->n; i++) {
        const zl_hcl_item *it = &body->items[i];
        if (it->body && !it->nlabels && zl_text_eq(it->name, it->nname, name)) {
            if (found)
                return NULL;
            found = it->body;
        }
    }
    return found;
}

/* Whether a filter block names its zone exactly: Cloudflare's v4
 * cloudflare_zones also matches by regular expression (match) or by part
 * of the name (lookup_type = "contains"), which may find several. */
static bool filter_exact(tf_module *m, uint32_t file, const zl_hcl_body *filter)
{
    const zl_hcl_item *how = zl_hcl_attr(filter, "lookup_type");
    return !zl_hcl_attr(filter, "match") &&
           (!how || tf_str_is(tf_eval(m, file, how->expr, NULL), "exact"));
}

/* The zone unknown value ref names: "${TYPE.NAME.zone_id}", the name
 * attribute attr of resource (or data source) NAME of type. */
static char *zone_of_ref(tf_reader *r, const tf_val *ref, const char *type, const char *attr)
{
    const char *p = ref->s;
    if (strncmp(p, "${", 2) != 0)
        return NULL;
    p += 2;
    tf_block_kind kind = TF_RESOURCE;
    if (strncmp(p, "data.", 5) == 0)
        kind = TF_DATA, p += 5;
    size_t tn = strlen(type);
    if (strncmp(p, type, tn) != 0 || p[tn] != '.')
        return NULL;
    p += tn + 1;
    size_t n = strcspn(p, ".[}");
    /* In a called module, a reference given as an argument is the caller's. */
    tf_module *m = &r->m;
    tf_block *b = tf_find(m, kind, type, p, n);
    while (!b && m->caller)
        b = tf_find(m = m->caller, kind, type, p, n);
    /* attr may name a key of an object attribute (filter = { name = ... })
     * or the attribute of a nested block (filter { name = ... }). */
    size_t first = strcspn(attr, ".");
    char *top = zl_xstrndup(attr, first);
    const zl_hcl_item *name = b ? zl_hcl_attr(b->item->body, top) : NULL;
    const zl_hcl_body *nested = b && !name && attr[first] ? nested_block(b->item->body, top)
                                                          : NULL;
    free(top);
    if (nested) {
        name = filter_exact(m, b->file, nested) ? zl_hcl_attr(nested, attr + first + 1) : NULL;
        first = strlen(attr);
    }
    const tf_scope *sc;
    if (!name || !tf_instance_at(m, b, p + n, false, &sc))
        return NULL;
    const tf_val *v = tf_eval(m, b->file, name->expr, sc);
    for (const char *k = attr + first; *k == '.' && v; k += 1 + strcspn(k + 1, ".")) {
        char *key = zl_xstrndup(k + 1, strcspn(k + 1, "."));
        v = tf_get(v, key);
        free(key);
    }
    return v ? zone_text(v) : NULL;
}

static void report_syntax(tf_reader *r)
{
    const zl_hcl_file *f = &r->m.files[r->self].hcl;
    if (!f->ndiags || r->m.caller)
        return; /* a called module's own errors are its directory's findings */
    zl_synth *s = r->ngroups ? &r->groups[0].s : tf_group_for(r, NULL);
    for (size_t i = 0; i < f->ndiags; i++)
        zl_synth_diag_raw(s, "syntax-error", f->diags[i].off, f->diags[i].len,
                          zl_xasprintf("HCL: %s", f->diags[i].message),
                          zl_xstrdup("Terraform cannot read this file; `terraform validate` "
                                     "shows the same place"));
}

void tf_report_at(tf_reader *r, uint32_t file, uint32_t off, const char *rule, char *message,
                  char *hint)
{
    uint32_t self = r->self;
    r->self = file;
    zl_synth_diag_raw(tf_group_for(r, NULL), rule, off, 0, message, hint);
    tf_flush_groups(r);
    r->self = self;
}

/* A finding at `at` when it is in a file of this module, as always;
 * message and hint taken over. */
static void report_here(tf_reader *r, tf_origin at, const char *rule, char *message, char *hint)
{
    if (at.file - r->m.base < r->m.nfiles) {
        tf_report_at(r, at.file - r->m.base, at.off, rule, message, hint);
    } else {
        free(message);
        free(hint);
    }
}

static void report_stop(tf_reader *r, struct tf_stop_at s)
{
    report_here(r, s.at, "input-refused", tf_stop_message(&r->m, s.why),
                zl_xstrdup(tf_stop_hint(s.why)));
}

void tf_report_stops(tf_reader *r)
{
    for (size_t i = 0; i < r->m.nstops; i++)
        report_stop(r, r->m.stops[i]);
    if (r->m.arena.spent && !tf_stopped(&r->m, TF_STOP_MEMORY)) /* spent by no expression */
        report_stop(r, (struct tf_stop_at){TF_STOP_MEMORY, tf_at(&r->m, 0, 0)});
    for (size_t i = 0; i < r->m.nnotes; i++) {
        struct tf_note *n = &r->m.notes[i];
        report_here(r, n->at, n->rule, n->message, n->hint);
        n->message = n->hint = NULL;
    }
}

static bool same_dir(const char *a, const char *b)
{
    size_t na = (size_t)(zl_path_base(a) - a), nb = (size_t)(zl_path_base(b) - b);
    return na == nb && memcmp(a, b, na) == 0;
}

/* Reading one file of a module reads the module; its other files, given
 * too (zonelint DIR), are then already read. */
static bool module_read(const zl_zoneset *zs, const char *path)
{
    for (size_t i = 0; i < zs->nsrcs; i++) {
        const zl_source *s = zs->srcs[i];
        if (s->zone < zs->nzones && strcmp(zs->zones[s->zone]->format, "terraform") == 0 &&
            same_dir(s->path, path))
            return true;
    }
    return false;
}

void tf_read_file(tf_reader *r)
{
    for (size_t i = 0; i < r->m.nblocks; i++) {
        tf_block *b = &r->m.blocks[i];
        if (b->file == r->self && b->kind == TF_RESOURCE) {
            tf_aws_records(r, b);
            tf_cloudflare_records(r, b);
            tf_google_records(r, b);
            tf_azure_records(r, b);
            tf_digitalocean_records(r, b);
        }
    }
    tf_ses_check(r);
    report_syntax(r);
    tf_flush_groups(r);
}

void tf_flush_groups(tf_reader *r)
{
    const tf_file *f = &r->m.files[r->self];
    for (size_t i = 0; i < r->ngroups; i++) {
        zl_master_opts o = *r->in->o;
        if (r->groups[i].zone || !o.origin_forced)
            o.origin = ZL_NAME_NONE, o.origin_forced = false;
        tf_merge_zone(r->in->zs,
                      zl_synth_read(&r->groups[i].s, r->in->zs, f->path, "terraform", &o),
                      r->first_zone);
        free(r->groups[i].zone);
    }
    r->ngroups = 0;
}

void tf_reader_free(tf_reader *r)
{
    free(r->groups);
    zl_strset_free(&r->reported);
    zl_strset_free(&r->policies);
    free(r->zone_key.data);
    free(r->zone_name);
    tf_ses_free(&r->ses);
    tf_module_free(&r->m);
}

bool zl_read_terraform(zl_input *in, char **err)
{
    (void)err;
    if (strcmp(in->path, "<stdin>") != 0 && module_read(in->zs, in->path)) {
        free(in->text);
        return true;
    }
    bool stdin_text = strcmp(in->path, "<stdin>") == 0 || strcmp(in->path, "-") == 0;
    tf_manifest manifest = {.root = zl_xstrndup(in->path, (size_t)(zl_path_base(in->path) - in->path)),
                            .loaded = stdin_text};
    tf_reader r = {.in = in, .first_zone = in->zs->nzones, .manifest = &manifest, .key = ""};
    tf_module_init(&r.m);
    if (!stdin_text) { /* file() reads beside a module's files, never beside stdin's */
        r.m.fs = in->o->fs;
        r.m.root = tf_dir_form(manifest.root);
        r.m.dir = zl_xstrdup(r.m.root);
    }
    uint32_t self;
    tf_load_module(&r.m, in->o->fs, in->path, in->text, in->len, true, &self);
    uint32_t next_base = (uint32_t)r.m.nfiles;
    r.next_base = &next_base;
    for (r.self = 0; r.self < r.m.nfiles; r.self++)
        tf_read_file(&r);
    tf_read_calls(&r, 0);
    tf_report_stops(&r);
    if (!module_read(in->zs, in->path)) {
        /* A module without records of its own (it calls others, say) is
         * still read once: an empty zone of its first file says so. */
        r.self = 0;
        zl_master_opts o = *in->o;
        o.origin = ZL_NAME_NONE, o.origin_forced = false;
        zl_synth_read(tf_group_for(&r, NULL), in->zs, r.m.files[0].path, "terraform", &o);
        free(r.groups[0].zone);
        r.ngroups = 0;
    }
    tf_reader_free(&r);
    tf_manifest_free(&manifest);
    return true;
}
