/* Static evaluation of a module's expressions (see tf_eval.h). */
#include "parser/iac/tf_eval.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lint/util/util.h"
#include "parser/iac/tf_data.h"

#define TF_MAX_DEPTH 200
#define TF_MAX_INSTANCES 10000 /* spelled out in tf_stop_message */
/* A module may take 2 million steps and 256 MiB of values (tf_value.c), and
 * more per byte of its text: a large configuration is evaluated whole, a
 * blowup (nested for expressions over range(), say) still stops. About
 * 0.04 steps and 8 octets of values a byte are what plain resources take. */
#ifdef FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION
#define TF_BASE_STEPS 100000 /* fuzz/Makefile: the same paths, sooner */
#else
#define TF_BASE_STEPS 2000000
#endif
#define TF_STEPS_PER_BYTE 4
#define TF_VALUES_PER_BYTE 32

typedef struct ctx {
    tf_module *m;
    uint32_t file;
    const tf_scope *sc;
    tf_val *anchor; /* the element a splat's traversal applies to */
} ctx;

static tf_val *eval(const ctx *c, const zl_hx *e);

static tf_origin origin(const ctx *c, uint32_t off)
{
    return tf_at(c->m, c->file, off);
}

static char *cstr(const char *p, size_t n)
{
    return zl_xstrndup(p, n);
}

/* Module */

/* Whether kind (a tf_stop, or TF_NSTOPS for a note) is met at `at` for the
 * first time: a block's instances are asked for by several readers. */
static bool first_at(tf_module *m, uint32_t kind, tf_origin at)
{
    const uint32_t key[3] = {kind, at.file, at.off}; /* no padding to hash */
    return zl_strset_add(&m->stop_places, (const char *)key, sizeof key);
}

/* Steps and memory are noted where first spent (all after is unknown);
 * depth, a string's length and instances at each place they make a value
 * unknown. */
static void stop(tf_module *m, tf_stop why, tf_origin at)
{
    if ((m->stopped[why] && (why == TF_STOP_STEPS || why == TF_STOP_MEMORY)) ||
        !first_at(m, (uint32_t)why, at))
        return;
    m->stopped[why] = true;
    ZL_GROW(m->stops, m->scap, m->nstops + 1);
    m->stops[m->nstops++] = (struct tf_stop_at){why, at};
}

bool tf_charge(tf_module *m, size_t work, tf_origin at)
{
    m->steps = m->steps > SIZE_MAX - work ? SIZE_MAX : m->steps + work;
    if (m->steps <= m->max_steps)
        return true;
    stop(m, TF_STOP_STEPS, at);
    return false;
}

char *tf_stop_message(const tf_module *m, tf_stop why)
{
    switch (why) {
    case TF_STOP_STEPS:
        return zl_xasprintf("the Terraform evaluation of this module stopped here, at its limit "
                            "of %zu steps (2 million and %d a byte of its text): values from "
                            "here on are unknown, and records made of them are missing",
                            m->max_steps, TF_STEPS_PER_BYTE);
    case TF_STOP_MEMORY:
        return zl_xasprintf("the Terraform evaluation of this module reached its limit for "
                            "values here (256 MiB and %d octets a byte of its text): this "
                            "value is unknown, and so may be those after it; records made of "
                            "them are missing",
                            TF_VALUES_PER_BYTE);
    case TF_STOP_DEPTH:
        return zl_xasprintf("the evaluation here goes more than %d levels deep (expressions "
                            "within expressions, and the locals and resources they name): its "
                            "value is unknown, and records made of it are missing",
                            TF_MAX_DEPTH);
    case TF_STOP_STRING:
        return zl_xasprintf("the string made here would be longer than %d octets, the most "
                            "the evaluation makes (no record's data holds more): its value is "
                            "unknown, and records made of it are missing",
                            TF_MAX_STRING);
    default:
        return zl_xstrdup("a count or for_each here makes more than 10,000 instances, the "
                          "limit: they are not read");
    }
}

const char *tf_stop_hint(tf_stop why)
{
    if (why == TF_STOP_STRING)
        return "make the value shorter: a record's data holds at most 65,535 octets, and a "
               "provider accepts less";
    return "lint the plan (terraform show -json PLAN), which holds every value computed, or "
           "split the module";
}

/* Objects of fewer keys are searched: an index would cost more. */
#define TF_INDEX_FROM 16

/* The slot of key in k: where it is, or the empty one it would go in. */
static size_t key_slot(const struct tf_keys *k, const tf_val *obj, const char *key)
{
    size_t i = zl_hash_bytes(key, strlen(key)) & (k->nslots - 1);
    while (k->slots[i] && strcmp(obj->keys[k->slots[i] - 1], key) != 0)
        i = (i + 1) & (k->nslots - 1);
    return i;
}

tf_val *tf_key(tf_module *m, const tf_val *obj, const char *key, tf_origin at)
{
    if (obj->kind != TF_OBJECT || obj->nitems < TF_INDEX_FROM)
        return tf_get(obj, key);
    /* Values never change once built, nor leave the arena before the
     * module: an object's address names it for the module's life. */
    size_t i = zl_strset_index(&m->objects, (const char *)&obj, sizeof obj);
    if (i == m->nkeys) {
        ZL_GROW(m->keys, m->kcap, m->nkeys + 1);
        struct tf_keys *k = &m->keys[m->nkeys++];
        size_t octets = 0;
        for (size_t j = 0; j < obj->nitems; j++)
            octets += strlen(obj->keys[j]);
        k->nslots = 1;
        while (k->nslots < 2 * obj->nitems)
            k->nslots *= 2;
        k->slots = tf_alloc(&m->arena, k->nslots * sizeof *k->slots);
        if (!tf_charge(m, obj->nitems + octets / 16, at)) {
            k->nslots = 0; /* never built: every lookup is unknown */
            return tf_unknown(&m->arena, NULL);
        }
        for (size_t j = 0; j < obj->nitems; j++) { /* a key twice: tf_get finds the first */
            size_t s = key_slot(k, obj, obj->keys[j]);
            if (!k->slots[s])
                k->slots[s] = (uint32_t)j + 1;
        }
    }
    const struct tf_keys *k = &m->keys[i];
    if (!k->nslots)
        return tf_unknown(&m->arena, NULL);
    size_t s = key_slot(k, obj, key);
    return k->slots[s] ? obj->items[k->slots[s] - 1] : NULL;
}

void tf_module_init(tf_module *m)
{
    memset(m, 0, sizeof *m);
    tf_arena_init(&m->arena);
    m->max_steps = TF_BASE_STEPS;
}

static void add_block(tf_module *m, tf_block_kind kind, uint32_t file, const zl_hcl_item *it,
                      char *type, char *name)
{
    ZL_GROW(m->blocks, m->bcap, m->nblocks + 1);
    m->blocks[m->nblocks++] = (tf_block){kind, file, it, type, name, NULL, 0};
}

static char *label(const zl_hcl_item *it, uint32_t i)
{
    return cstr(it->labels[i].p, it->labels[i].n);
}

uint32_t tf_module_add(tf_module *m, const char *path, char *text, size_t len, bool tfvars)
{
    ZL_GROW(m->files, m->fcap, m->nfiles + 1);
    uint32_t f = (uint32_t)m->nfiles++;
    tf_file *tf = &m->files[f];
    tf->path = zl_xstrdup(path);
    tf->text = text;
    tf->len = len;
    tf_module_grant(m, len);
    size_t pn = strlen(path);
    if (pn > 8 && strcmp(path + pn - 8, ".tf.json") == 0)
        zl_hcl_parse_json(&tf->hcl, text, len);
    else
        zl_hcl_parse(&tf->hcl, text, len);
    const zl_hcl_body *b = tf->hcl.body;
    for (size_t i = 0; i < b->n; i++) {
        const zl_hcl_item *it = &b->items[i];
        if (tfvars) {
            if (it->expr)
                add_block(m, TF_TFVAR, f, it, NULL, cstr(it->name, it->nname));
        } else if (!it->body) {
            continue;
        } else if (zl_text_eq(it->name, it->nname, "resource") && it->nlabels == 2) {
            add_block(m, TF_RESOURCE, f, it, label(it, 0), label(it, 1));
        } else if (zl_text_eq(it->name, it->nname, "data") && it->nlabels == 2) {
            add_block(m, TF_DATA, f, it, label(it, 0), label(it, 1));
        } else if (zl_text_eq(it->name, it->nname, "variable") && it->nlabels == 1) {
            add_block(m, TF_VARIABLE, f, it, NULL, label(it, 0));
        } else if (zl_text_eq(it->name, it->nname, "module") && it->nlabels == 1) {
            add_block(m, TF_MODULE, f, it, NULL, label(it, 0));
        } else if (zl_text_eq(it->name, it->nname, "provider") && it->nlabels == 1) {
            add_block(m, TF_PROVIDER, f, it, label(it, 0), NULL);
        } else if (zl_text_eq(it->name, it->nname, "locals")) {
            for (size_t k = 0; k < it->body->n; k++)
                if (it->body->items[k].expr)
                    add_block(m, TF_LOCAL, f, &it->body->items[k], NULL,
                              cstr(it->body->items[k].name, it->body->items[k].nname));
        }
    }
    return f;
}

void tf_module_grant(tf_module *m, size_t n)
{
    m->max_steps += TF_STEPS_PER_BYTE * n;
    tf_arena_grant(&m->arena, TF_VALUES_PER_BYTE * n);
}

void tf_note(tf_module *m, tf_origin at, const char *rule, char *message, char *hint)
{
    if (!first_at(m, TF_NSTOPS, at)) {
        free(message);
        free(hint);
        return;
    }
    ZL_GROW(m->notes, m->ncap, m->nnotes + 1);
    m->notes[m->nnotes++] = (struct tf_note){at, rule, message, hint};
}

tf_val *tf_refused(tf_module *m, tf_origin at, char *message)
{
    tf_note(m, at, "syntax-error", message,
            zl_xstrdup("Terraform cannot decode this text: terraform plan shows the same "
                       "error; records made of it are not checked"));
    return tf_unknown(&m->arena, NULL);
}

void tf_module_free(tf_module *m)
{
    for (size_t i = 0; i < m->nfiles; i++) {
        zl_hcl_free(&m->files[i].hcl);
        free(m->files[i].path);
        free(m->files[i].text);
    }
    for (size_t i = 0; i < m->nblocks; i++) {
        free(m->blocks[i].type);
        free(m->blocks[i].name);
    }
    for (size_t i = 0; i < m->ninputs; i++)
        free(m->inputs[i].name);
    free(m->inputs);
    free(m->files);
    free(m->blocks);
    free(m->index);
    free(m->keys); /* their slots are the arena's */
    zl_strset_free(&m->objects);
    free(m->stops);
    zl_strset_free(&m->stop_places);
    free(m->read);
    zl_strset_free(&m->read_paths);
    for (size_t i = 0; i < m->nnotes; i++) {
        free(m->notes[i].message);
        free(m->notes[i].hint);
    }
    free(m->notes);
    free(m->root);
    free(m->dir);
    tf_arena_free(&m->arena);
    memset(m, 0, sizeof *m);
}

static uint32_t key_hash(tf_block_kind kind, const char *type, const char *name, size_t n)
{
    uint32_t h = 2166136261u ^ (uint32_t)kind;
    for (const char *p = type; p && *p; p++)
        h = (h ^ (unsigned char)*p) * 16777619u;
    h = (h ^ '.') * 16777619u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)name[i]) * 16777619u;
    return h;
}

static bool key_is(const tf_block *b, tf_block_kind kind, const char *type, const char *name,
                   size_t n)
{
    return b->kind == kind && b->name && zl_text_eq(name, n, b->name) &&
           (!type || (b->type && !strcmp(b->type, type)));
}

/* The index, built when first needed (after the module's files are added):
 * a module of thousands of records looks names up thousands of times. */
static void build_index(tf_module *m)
{
    free(m->index);
    m->nindex = 16;
    while (m->nindex < 2 * m->nblocks)
        m->nindex *= 2;
    m->index = zl_xmalloc(m->nindex * sizeof *m->index);
    memset(m->index, 0xFF, m->nindex * sizeof *m->index);
    for (size_t i = 0; i < m->nblocks; i++) {
        tf_block *b = &m->blocks[i];
        if (!b->name)
            continue;
        size_t n = strlen(b->name);
        size_t slot = key_hash(b->kind, b->type, b->name, n) & (m->nindex - 1);
        bool dup = false;
        while (m->index[slot] != UINT32_MAX && !dup) {
            dup = key_is(&m->blocks[m->index[slot]], b->kind, b->type, b->name, n);
            slot = (slot + 1) & (m->nindex - 1);
        }
        if (!dup) /* the first block of a name is the one found */
            m->index[slot] = (uint32_t)i;
    }
    m->indexed = m->nblocks;
}

tf_block *tf_find(tf_module *m, tf_block_kind kind, const char *type, const char *name,
                  size_t nname)
{
    if (!m->index || m->indexed != m->nblocks)
        build_index(m);
    size_t slot = key_hash(kind, type, name, nname) & (m->nindex - 1);
    for (; m->index[slot] != UINT32_MAX; slot = (slot + 1) & (m->nindex - 1)) {
        tf_block *b = &m->blocks[m->index[slot]];
        if (key_is(b, kind, type, name, nname))
            return b;
    }
    return NULL;
}

/* Unknowns: "${path}" built as a traversal goes on. */

static tf_val *unknown_path(tf_module *m, const char *path)
{
    char *s = zl_xasprintf("${%s}", path);
    tf_val *v = tf_unknown(&m->arena, s);
    free(s);
    return v;
}

/* The path inside an unknown's "${...}", or NULL when it is not one path. */
static const char *inner_path(const tf_val *v, size_t *n)
{
    if (v->kind != TF_UNKNOWN || !v->s || v->n < 3 || memcmp(v->s, "${", 2) != 0 ||
        v->s[v->n - 1] != '}' || memchr(v->s + 2, '}', v->n - 3))
        return NULL;
    *n = v->n - 3;
    return v->s + 2;
}

/* Step "attr" or "[index]" (index written as step) after an unknown. */
static tf_val *unknown_step(tf_module *m, const tf_val *base, const char *step)
{
    size_t n;
    const char *p = inner_path(base, &n);
    if (!p)
        return tf_unknown(&m->arena, NULL);
    char *path = zl_xasprintf("%.*s%s%s", (int)n, p, step[0] == '[' ? "" : ".", step);
    tf_val *v = unknown_path(m, path);
    free(path);
    return v;
}

/* The three DKIM tokens SES issues to the identity at path, each unknown;
 * v1: aws_ses_domain_dkim's dkim_tokens, else aws_sesv2_email_identity's
 * dkim_signing_attributes[0].tokens. */
static tf_val *ses_tokens(tf_module *m, const char *path, size_t npath, bool v1)
{
    tf_val *tokens = tf_list(&m->arena, 3);
    for (size_t i = 0; tokens->kind == TF_LIST && i < 3; i++) {
        char *p = v1 ? zl_xasprintf("%.*s.dkim_tokens[%zu]", (int)npath, path, i)
                     : zl_xasprintf("%.*s.dkim_signing_attributes[0].tokens[%zu]", (int)npath,
                                    path, i);
        tokens->items[i] = unknown_path(m, p);
        free(p);
    }
    return tokens;
}

/* Whether a variable of m declares a type with optional() attributes. */
static bool optional_attrs(tf_module *m)
{
    for (size_t i = 0; !m->optional_attrs && i < m->nblocks; i++) {
        const tf_block *b = &m->blocks[i];
        const zl_hcl_item *type = b->kind == TF_VARIABLE ? zl_hcl_attr(b->item->body, "type")
                                                         : NULL;
        const tf_file *f = &m->files[b->file];
        if (type && zl_find(f->text + type->expr->start, type->expr->end - type->expr->start,
                            "optional("))
            m->optional_attrs = 2;
    }
    if (!m->optional_attrs)
        m->optional_attrs = 1;
    return m->optional_attrs == 2;
}

static tf_val *get_attr(tf_module *m, tf_val *v, const char *name, tf_origin at)
{
    if (v == &tf_error_val)
        return v;
    if (v->kind == TF_OBJECT) {
        tf_val *x = tf_key(m, v, name, at);
        if (x)
            return x;
        if (v->path) {
            char *path = zl_xasprintf("%s.%s", v->path, name);
            tf_val *u = unknown_path(m, path);
            free(path);
            return u;
        }
        /* Missing: an error, unless a type would have added it as null. */
        return optional_attrs(m) ? tf_unknown(&m->arena, NULL) : &tf_error_val;
    }
    size_t n;
    const char *p = inner_path(v, &n);
    if (p && n > 20 && !strncmp(p, "aws_ses_domain_dkim.", 20) && !strcmp(name, "dkim_tokens") &&
        p[n - 1] == ']')
        return ses_tokens(m, p, n, true); /* an instance of one created under a condition:
                                             if it is created, it has three */
    if (v->kind == TF_UNKNOWN)
        return unknown_step(m, v, name);
    return &tf_error_val;
}

static tf_val *get_index(tf_module *m, tf_val *v, tf_val *key, tf_origin at)
{
    if (v == &tf_error_val)
        return v;
    if (v->kind == TF_LIST && key->kind == TF_NUMBER) {
        if (key->num >= 0 && key->num < (double)v->nitems && key->num == (double)(size_t)key->num)
            return v->items[(size_t)key->num];
        return &tf_error_val;
    }
    if (v->kind == TF_OBJECT && key->kind == TF_STRING)
        return get_attr(m, v, key->s, at);
    if (v->kind == TF_UNKNOWN && (key->kind == TF_NUMBER || key->kind == TF_STRING)) {
        char *step = key->kind == TF_NUMBER ? zl_xasprintf("[%lld]", (long long)key->num)
                                            : zl_xasprintf("[\"%s\"]", key->s);
        tf_val *u = unknown_step(m, v, step);
        free(step);
        return u;
    }
    return tf_unknown(&m->arena, NULL);
}

/* Blocks */

static tf_val *block_value(tf_module *m, tf_block *b);

static tf_val *attr_value(tf_module *m, tf_block *b)
{
    if (b->state == 2)
        return b->cache;
    if (b->state == 1)
        return tf_unknown(&m->arena, NULL); /* a cycle: Terraform rejects it */
    b->state = 1;
    ctx c = {m, b->file, NULL, NULL};
    b->cache = eval(&c, b->item->expr);
    b->state = 2;
    return b->cache;
}

void tf_module_input(tf_module *m, char *name, tf_val *v)
{
    ZL_GROW(m->inputs, m->icap, m->ninputs + 1);
    m->inputs[m->ninputs++] = (struct tf_input){name, v};
}

static tf_val *variable(tf_module *m, const char *name, size_t n)
{
    for (size_t i = 0; i < m->ninputs; i++)
        if (zl_text_eq(name, n, m->inputs[i].name))
            return m->inputs[i].v;
    tf_block *v = tf_find(m, TF_TFVAR, NULL, name, n);
    if (v)
        return attr_value(m, v);
    tf_block *b = tf_find(m, TF_VARIABLE, NULL, name, n);
    const zl_hcl_item *def = b ? zl_hcl_attr(b->item->body, "default") : NULL;
    if (!def) {
        char *path = zl_xasprintf("var.%.*s", (int)n, name);
        tf_val *u = unknown_path(m, path);
        free(path);
        return u;
    }
    if (b->state == 2)
        return b->cache;
    b->state = 2;
    ctx c = {m, b->file, NULL, NULL};
    b->cache = eval(&c, def->expr);
    return b->cache;
}

/* Append to an object made with room for it. */
static void put(tf_val *obj, const char *key, tf_val *v)
{
    obj->keys[obj->nitems] = key;
    obj->items[obj->nitems++] = v;
}

/* Attributes the provider computes that zonelint knows the shape of: the
 * three DKIM tokens SES issues, an identity's id (its domain). At most two
 * are added. */
static void computed(tf_module *m, const tf_block *b, const char *path, tf_val *obj)
{
    tf_arena *a = &m->arena;
    if (!b->type)
        return;
    bool v1 = !strcmp(b->type, "aws_ses_domain_dkim");
    if (v1 || !strcmp(b->type, "aws_sesv2_email_identity")) {
        tf_val *tokens = ses_tokens(m, path, strlen(path), v1);
        if (v1) {
            put(obj, "dkim_tokens", tokens);
        } else if (!tf_get(obj, "dkim_signing_attributes")) {
            tf_val *attrs = tf_object(a, 1), *list = tf_list(a, 1);
            if (attrs->kind == TF_OBJECT && list->kind == TF_LIST) {
                attrs->nitems = 0;
                put(attrs, "tokens", tokens);
                list->items[0] = attrs;
                put(obj, "dkim_signing_attributes", list);
            }
        }
    }
    if (!strcmp(b->type, "aws_ses_domain_identity")) {
        tf_val *domain = tf_get(obj, "domain");
        if (domain)
            put(obj, "id", domain);
    }
}

/* One instance of a block: its attributes, nested blocks as lists. */
static tf_val *instance(tf_module *m, tf_block *b, const tf_scope *sc, const char *path)
{
    const zl_hcl_body *body = b->item->body;
    tf_val *obj = tf_object(&m->arena, body->n + 2);
    if (obj->kind != TF_OBJECT)
        return obj;
    obj->nitems = 0;
    ctx c = {m, b->file, sc, NULL};
    for (size_t i = 0; i < body->n; i++) {
        const zl_hcl_item *it = &body->items[i];
        char *key = tf_strdup(&m->arena, it->name, it->nname);
        if (tf_get(obj, key))
            continue; /* a repeated block: only the first one is kept */
        if (it->expr) {
            put(obj, key, eval(&c, it->expr));
            continue;
        }
        tf_val *list = tf_list(&m->arena, 1);
        tf_val *inner = tf_object(&m->arena, it->body->n);
        if (list->kind != TF_LIST || inner->kind != TF_OBJECT)
            continue;
        inner->nitems = 0;
        for (size_t j = 0; j < it->body->n; j++)
            if (it->body->items[j].expr)
                put(inner,
                    tf_strdup(&m->arena, it->body->items[j].name, it->body->items[j].nname),
                    eval(&c, it->body->items[j].expr));
        list->items[0] = inner;
        put(obj, key, list);
    }
    computed(m, b, path, obj);
    obj->path = tf_strdup(&m->arena, path, strlen(path));
    return obj;
}

static tf_scope *scope_one(tf_module *m, const char *name, const char **keys, tf_val **vals,
                           size_t n)
{
    tf_scope *s = tf_alloc(&m->arena, sizeof *s);
    tf_val *o = tf_object(&m->arena, n);
    for (size_t i = 0; o->kind == TF_OBJECT && i < n; i++) {
        o->keys[i] = keys[i];
        o->items[i] = vals[i];
    }
    s->name = name;
    s->v = o;
    return s;
}

/* Whether n instances are over the limit, noted at block b when they are. */
static bool too_many(tf_module *m, const tf_block *b, double n)
{
    if (!(n > TF_MAX_INSTANCES))
        return false;
    stop(m, TF_STOP_INSTANCES, tf_at(m, b->file, b->item->start));
    return true;
}

/* The instances a count (counted) or for_each value v gives. */
static bool instances_of(tf_module *m, const tf_block *b, const zl_hcl_item *meta, bool counted,
                         const tf_val *v, const tf_scope ***out, size_t *n)
{
    *n = 0;
    if (counted) {
        if (v->kind != TF_NUMBER || v->num < 0 || too_many(m, b, v->num))
            return false;
        *n = (size_t)v->num;
        *out = tf_alloc(&m->arena, (*n + 1) * sizeof **out);
        for (size_t i = 0; i < *n; i++) {
            static const char *keys[] = {"index"};
            tf_val *idx = tf_number(&m->arena, (double)i);
            (*out)[i] = scope_one(m, "count", keys, &idx, 1);
        }
        return true;
    }
    if ((v->kind != TF_LIST && v->kind != TF_OBJECT) || too_many(m, b, (double)v->nitems))
        return false;
    *n = v->nitems;
    *out = tf_alloc(&m->arena, (*n + 1) * sizeof **out);
    for (size_t i = 0; i < *n; i++) {
        static const char *keys[] = {"key", "value"};
        tf_val *kv[2] = {v->kind == TF_OBJECT
                             ? tf_string(&m->arena, v->keys[i], strlen(v->keys[i]),
                                         tf_at(m, b->file, meta->expr->start))
                             : v->items[i],
                         v->items[i]};
        if (kv[0]->kind != TF_STRING)
            return false; /* a set of unknown values: keys known after apply */
        (*out)[i] = scope_one(m, "each", keys, kv, 2);
    }
    return true;
}

/* No instance: a count of 0, an empty collection. */
static bool none(const tf_val *v)
{
    return (v->kind == TF_NUMBER && v->num == 0) ||
           ((v->kind == TF_LIST || v->kind == TF_OBJECT) && v->nitems == 0);
}

/* The value of a count or for_each expression e for a resource that is
 * created at all: a conditional on what is unknown whose one branch gives
 * none stands for its other branch; branches that both give some must give
 * the same count. Through parentheses and locals; else e's value. */
static tf_val *if_created(const ctx *c, const zl_hx *e)
{
    tf_module *m = c->m;
    tf_val *v = eval(c, e);
    if (v->kind != TF_UNKNOWN || !e || m->depth >= TF_MAX_DEPTH)
        return v;
    m->depth++;
    tf_val *r = v;
    if (e->kind == ZL_HX_PAREN && e->nkids) {
        r = if_created(c, e->kids[0]);
    } else if (e->kind == ZL_HX_ATTR && e->nkids && e->kids[0]->kind == ZL_HX_VAR &&
               zl_text_eq(e->kids[0]->name, e->kids[0]->nname, "local")) {
        tf_block *l = tf_find(m, TF_LOCAL, NULL, e->name, e->nname);
        ctx in = {m, l ? l->file : 0, NULL, NULL};
        if (l && l->state == 2) { /* evaluated, not a local being evaluated */
            l->state = 1;          /* a local that names itself stays unknown */
            r = if_created(&in, l->item->expr);
            l->state = 2;
        }
    } else if (e->kind == ZL_HX_COND && e->nkids == 3) {
        tf_val *cond = eval(c, e->kids[0]);
        if (cond->kind == TF_BOOL) {
            r = if_created(c, e->kids[cond->b ? 1 : 2]);
        } else {
            tf_val *yes = if_created(c, e->kids[1]), *no = if_created(c, e->kids[2]);
            if (none(yes) || none(no))
                r = none(yes) ? no : yes;
            else if (yes->kind == TF_NUMBER && no->kind == TF_NUMBER && yes->num == no->num)
                r = yes;
        }
    }
    m->depth--;
    return r;
}

/* The count or for_each of b (NULL for neither); *counted: a count. */
static const zl_hcl_item *meta_of(const tf_block *b, bool *counted)
{
    const zl_hcl_item *count = zl_hcl_attr(b->item->body, "count");
    *counted = count != NULL;
    return count ? count : zl_hcl_attr(b->item->body, "for_each");
}

bool tf_instances(tf_module *m, const tf_block *b, const tf_scope ***out, size_t *n)
{
    bool counted;
    const zl_hcl_item *meta = meta_of(b, &counted);
    if (!meta) {
        *n = 1;
        *out = tf_alloc(&m->arena, sizeof **out);
        (*out)[0] = NULL;
        return true;
    }
    ctx c = {m, b->file, NULL, NULL};
    return instances_of(m, b, meta, counted, eval(&c, meta->expr), out, n);
}

bool tf_instances_if_created(tf_module *m, const tf_block *b, const tf_scope ***out, size_t *n,
                             bool *conditional)
{
    *conditional = false;
    if (tf_instances(m, b, out, n))
        return true;
    bool counted;
    const zl_hcl_item *meta = meta_of(b, &counted);
    ctx c = {m, b->file, NULL, NULL};
    *conditional = true;
    return instances_of(m, b, meta, counted, if_created(&c, meta->expr), out, n);
}

bool tf_instance_at(tf_module *m, const tf_block *b, const char *index, bool if_created,
                    const tf_scope **sc)
{
    const tf_scope **scopes;
    size_t count, which = 0;
    bool conditional;
    if (!(if_created ? tf_instances_if_created(m, b, &scopes, &count, &conditional)
                     : tf_instances(m, b, &scopes, &count)) ||
        count == 0)
        return false;
    if (index[0] == '[' && index[1] >= '0' && index[1] <= '9') {
        which = strtoul(index + 1, NULL, 10);
    } else if (index[0] == '[' && index[1] == '"') { /* for_each */
        for (which = 0; which < count; which++) {
            tf_val *k = scopes[which] ? tf_get(scopes[which]->v, "key") : NULL;
            if (k && k->kind == TF_STRING && strncmp(index + 2, k->s, k->n) == 0 &&
                index[2 + k->n] == '"')
                break;
        }
    }
    if (which >= count)
        return false;
    *sc = scopes[which];
    return true;
}

static tf_val *block_value(tf_module *m, tf_block *b)
{
    if (b->state == 2)
        return b->cache;
    if (b->state == 1)
        return tf_unknown(&m->arena, NULL);
    b->state = 1;
    char *path = b->kind == TF_DATA ? zl_xasprintf("data.%s.%s", b->type, b->name)
                                    : zl_xasprintf("%s.%s", b->type, b->name);
    const tf_scope **scopes;
    size_t n;
    bool counted = zl_hcl_attr(b->item->body, "count") != NULL;
    bool each = zl_hcl_attr(b->item->body, "for_each") != NULL;
    tf_val *v;
    if (!tf_instances(m, b, &scopes, &n)) {
        v = unknown_path(m, path);
    } else if (!counted && !each) {
        v = instance(m, b, NULL, path);
    } else {
        v = each ? tf_object(&m->arena, n) : tf_list(&m->arena, n);
        for (size_t i = 0; v->kind != TF_UNKNOWN && i < n; i++) {
            tf_val *key = each ? tf_get(scopes[i]->v, "key") : NULL;
            char *ip = each ? zl_xasprintf("%s[\"%s\"]", path, key->s)
                            : zl_xasprintf("%s[%zu]", path, i);
            v->items[i] = instance(m, b, scopes[i], ip);
            if (each)
                v->keys[i] = key->s;
            free(ip);
        }
    }
    free(path);
    b->cache = v;
    b->state = 2;
    return v;
}

/* References: var.x, local.x, data.t.n, t.n, count.index, each.key, ... */

typedef struct step {
    const zl_hx *e; /* ZL_HX_ATTR or ZL_HX_INDEX */
} step;

static tf_val *apply(const ctx *c, tf_val *v, const zl_hx *e)
{
    if (e->kind == ZL_HX_ATTR) {
        char *name = cstr(e->name, e->nname);
        tf_val *r = get_attr(c->m, v, name, origin(c, e->start));
        free(name);
        return r;
    }
    return get_index(c->m, v, eval(c, e->kids[1]), origin(c, e->start));
}

static bool root_is(const zl_hx *r, const char *w)
{
    return zl_text_eq(r->name, r->nname, w);
}

static tf_val *lookup_scope(const ctx *c, const zl_hx *r)
{
    for (const tf_scope *s = c->sc; s; s = s->up)
        if (zl_text_eq(r->name, r->nname, s->name))
            return s->v;
    return NULL;
}

/* The value a traversal's root and its first steps name; *used: steps taken. */
static tf_val *root(const ctx *c, const zl_hx *r, const zl_hx **steps, size_t n, size_t *used)
{
    tf_module *m = c->m;
    *used = 0;
    tf_val *v = lookup_scope(c, r);
    if (v)
        return v;
    const zl_hx *a = n ? steps[0] : NULL, *b = n > 1 ? steps[1] : NULL;
    bool a_attr = a && a->kind == ZL_HX_ATTR, b_attr = b && b->kind == ZL_HX_ATTR;
    if (root_is(r, "var") && a_attr) {
        *used = 1;
        return variable(m, a->name, a->nname);
    }
    if (root_is(r, "local") && a_attr) {
        *used = 1;
        tf_block *l = tf_find(m, TF_LOCAL, NULL, a->name, a->nname);
        return l ? attr_value(m, l) : tf_unknown(&m->arena, NULL);
    }
    if (root_is(r, "data") && a_attr && b_attr) {
        *used = 2;
        char *type = cstr(a->name, a->nname);
        tf_block *d = tf_find(m, TF_DATA, type, b->name, b->nname);
        free(type);
        if (d)
            return block_value(m, d);
    } else if (root_is(r, "path") && a_attr) {
        tf_val *p = tf_path_value(m, a->name, a->nname, origin(c, r->start));
        if (p) {
            *used = 1;
            return p;
        }
    } else if (a_attr && !root_is(r, "module") && !root_is(r, "path") &&
               !root_is(r, "terraform") && !root_is(r, "self") && !root_is(r, "count") &&
               !root_is(r, "each")) {
        *used = 1;
        char *type = cstr(r->name, r->nname);
        tf_block *res = tf_find(m, TF_RESOURCE, type, a->name, a->nname);
        free(type);
        if (res)
            return block_value(m, res);
    }
    /* Something of the world: its text is its description. */
    zl_buf p = {0};
    zl_buf_add(&p, r->name, r->nname);
    for (size_t i = 0; i < *used; i++)
        zl_buf_printf(&p, ".%.*s", (int)steps[i]->nname, steps[i]->name);
    tf_val *u = unknown_path(m, zl_buf_str(&p));
    zl_buf_free(&p);
    return u;
}

static tf_val *traversal(const ctx *c, const zl_hx *e)
{
    const zl_hx *chain[64];
    size_t n = 0;
    const zl_hx *r = e;
    while ((r->kind == ZL_HX_ATTR || r->kind == ZL_HX_INDEX) && n < 64) {
        chain[n++] = r;
        r = r->kids[0];
    }
    const zl_hx *steps[64];
    for (size_t i = 0; i < n; i++)
        steps[i] = chain[n - 1 - i];
    size_t used = 0;
    tf_val *v;
    if (r->kind == ZL_HX_VAR)
        v = root(c, r, steps, n, &used);
    else
        v = eval(c, r);
    for (size_t i = used; i < n; i++)
        v = apply(c, v, steps[i]);
    return v;
}

/* Templates */

static int hex(char ch)
{
    if (ch >= '0' && ch <= '9')
        return ch - '0';
    if (ch >= 'a' && ch <= 'f')
        return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F')
        return ch - 'A' + 10;
    return -1;
}

static void utf8(tf_sb *b, unsigned long cp, tf_origin at)
{
    char u[4];
    size_t n;
    if (cp < 0x80)
        u[0] = (char)cp, n = 1;
    else if (cp < 0x800)
        u[0] = (char)(0xC0 | (cp >> 6)), u[1] = (char)(0x80 | (cp & 0x3F)), n = 2;
    else if (cp < 0x10000)
        u[0] = (char)(0xE0 | (cp >> 12)), u[1] = (char)(0x80 | ((cp >> 6) & 0x3F)),
        u[2] = (char)(0x80 | (cp & 0x3F)), n = 3;
    else
        u[0] = (char)(0xF0 | (cp >> 18)), u[1] = (char)(0x80 | ((cp >> 12) & 0x3F)),
        u[2] = (char)(0x80 | ((cp >> 6) & 0x3F)), u[3] = (char)(0x80 | (cp & 0x3F)), n = 4;
    tf_sb_add_at(b, u, n, at);
}

/* A literal's text with its escapes decoded, each byte at its place. */
static void literal(const ctx *c, const zl_hx *e, tf_sb *b)
{
    const char *t = c->m->files[c->file].text;
    bool quoted = e->flags & ZL_HX_QUOTED;
    for (uint32_t i = e->start; i < e->end;) {
        tf_origin at = origin(c, i);
        if ((t[i] == '$' || t[i] == '%') && i + 2 < e->end && t[i + 1] == t[i] &&
            t[i + 2] == '{') {
            tf_sb_add_at(b, t + i, 1, at);
            tf_sb_add_at(b, "{", 1, origin(c, i + 2));
            i += 3;
            continue;
        }
        if (!quoted || t[i] != '\\' || i + 1 >= e->end) {
            tf_sb_add_at(b, t + i, 1, at);
            i++;
            continue;
        }
        char x = t[i + 1];
        const char *simple = x == 'n' ? "\n" : x == 'r' ? "\r" : x == 't' ? "\t"
                           : x == '"' ? "\"" : x == '\\' ? "\\" : NULL;
        if (simple) {
            tf_sb_add_at(b, simple, 1, at);
            i += 2;
            continue;
        }
        unsigned digits = x == 'u' ? 4 : x == 'U' ? 8 : 0;
        unsigned long cp = 0;
        unsigned k = 0;
        while (digits && k < digits && i + 2 + k < e->end && hex(t[i + 2 + k]) >= 0)
            cp = cp * 16 + (unsigned long)hex(t[i + 2 + k++]);
        if (digits && k == digits && cp <= 0x10FFFF) {
            utf8(b, cp, at);
            i += 2 + digits;
        } else {
            tf_sb_add_at(b, t + i, 2, at); /* Terraform rejects it; kept as written */
            i += 2;
        }
    }
}

static void template_parts(const ctx *c, const zl_hx *e, tf_sb *b, bool *known);

static void template_part(const ctx *c, const zl_hx *part, tf_sb *b, bool *known)
{
    if (part->kind == ZL_HX_LITERAL) {
        literal(c, part, b);
        return;
    }
    if (part->kind == ZL_HX_TPL_IF) {
        /* an %{ if } cut short by a syntax error has its condition alone */
        tf_val *cond = part->nkids == 3 ? eval(c, part->kids[0]) : &tf_null_val;
        if (cond->kind == TF_BOOL) {
            const zl_hx *branch = cond->b ? part->kids[1] : part->kids[2];
            if (branch)
                template_parts(c, branch, b, known);
        } else {
            *known = false;
            tf_sb_add(b, "${?}", 4, NULL);
        }
        return;
    }
    if (part->kind == ZL_HX_TPL_FOR) {
        tf_val *coll = part->nkids == 2 ? eval(c, part->kids[0]) : &tf_null_val;
        if (coll->kind != TF_LIST && coll->kind != TF_OBJECT) {
            *known = false;
            tf_sb_add(b, "${?}", 4, NULL);
            return;
        }
        for (size_t i = 0; i < coll->nitems; i++) {
            tf_scope kv[2];
            tf_val *key = coll->kind == TF_OBJECT
                              ? tf_string(&c->m->arena, coll->keys[i], strlen(coll->keys[i]),
                                          origin(c, part->start))
                              : tf_number(&c->m->arena, (double)i);
            char *kn = part->nname ? tf_strdup(&c->m->arena, part->name, part->nname) : NULL;
            char *vn = tf_strdup(&c->m->arena, part->name2, part->nname2);
            kv[0] = (tf_scope){c->sc, kn ? kn : "", key};
            kv[1] = (tf_scope){&kv[0], vn, coll->items[i]};
            ctx inner = *c;
            inner.sc = &kv[1];
            template_parts(&inner, part->kids[1], b, known);
        }
        return;
    }
    tf_val *v = eval(c, part);
    tf_val *s = tf_to_string(&c->m->arena, v, origin(c, part->start));
    if (s) {
        tf_sb_add_val(b, s, 0, s->n);
    } else {
        *known = false;
        tf_describe(v, b);
    }
}

static void template_parts(const ctx *c, const zl_hx *e, tf_sb *b, bool *known)
{
    for (uint32_t i = 0; i < e->nkids; i++)
        template_part(c, e->kids[i], b, known);
}

/* A <<- heredoc loses the indentation its lines share (lines of white
 * space alone do not count), each remaining byte keeping its place. */
static void flush(tf_sb *b)
{
    size_t min = SIZE_MAX;
    for (size_t i = 0; i < b->n;) {
        size_t k = 0;
        while (i + k < b->n && (b->p[i + k] == ' ' || b->p[i + k] == '\t'))
            k++;
        if (i + k < b->n && b->p[i + k] != '\n' && k < min)
            min = k;
        while (i < b->n && b->p[i] != '\n')
            i++;
        i++;
    }
    if (min == SIZE_MAX || min == 0)
        return;
    size_t out = 0;
    for (size_t i = 0; i < b->n;) {
        size_t k = 0;
        while (k < min && i + k < b->n && (b->p[i + k] == ' ' || b->p[i + k] == '\t'))
            k++;
        i += k;
        while (i < b->n && b->p[i] != '\n') {
            b->at[out] = b->at[i];
            b->p[out++] = b->p[i++];
        }
        if (i < b->n) {
            b->at[out] = b->at[i];
            b->p[out++] = b->p[i++];
        }
    }
    b->n = out;
    b->p[out] = '\0';
}

static tf_val *template(const ctx *c, const zl_hx *e)
{
    if (e->nkids == 1 && e->kids[0]->kind != ZL_HX_LITERAL &&
        e->kids[0]->kind != ZL_HX_TPL_IF && e->kids[0]->kind != ZL_HX_TPL_FOR)
        return eval(c, e->kids[0]); /* "${x}" is x itself, of any type */
    tf_sb b = {0};
    bool known = true;
    template_parts(c, e, &b, &known);
    if (known && !b.over && (e->flags & ZL_HX_INDENTED))
        flush(&b);
    if (known)
        return tf_sb_take(&c->m->arena, &b);
    return tf_sb_unknown(&c->m->arena, &b);
}

/* Operators */

static bool equal(tf_module *m, const tf_val *a, const tf_val *b, tf_origin at)
{
    if (a->kind != b->kind)
        return false;
    switch (a->kind) {
    case TF_NULL:
        return true;
    case TF_BOOL:
        return a->b == b->b;
    case TF_NUMBER:
        return a->num == b->num;
    case TF_STRING:
        return a->n == b->n && memcmp(a->s, b->s, a->n) == 0;
    default:
        if (a->nitems != b->nitems || !tf_charge(m, a->nitems, at))
            return false;
        for (size_t i = 0; i < a->nitems; i++)
            if ((a->keys && strcmp(a->keys[i], b->keys[i])) ||
                !equal(m, a->items[i], b->items[i], at))
                return false;
        return true;
    }
}

int tf_same(tf_module *m, const tf_val *a, const tf_val *b, tf_origin at)
{
    bool eq = equal(m, a, b, at); /* charged by the items compared: */
    return m->steps > m->max_steps ? -1 : eq; /* the steps ran out, not the sameness */
}

static bool number(tf_val *v, double *d)
{
    if (v->kind == TF_NUMBER) {
        *d = v->num;
        return true;
    }
    if (v->kind == TF_STRING && v->n) {
        char *end;
        *d = strtod(v->s, &end);
        return *end == '\0';
    }
    return false;
}

static tf_val *binary(const ctx *c, const zl_hx *e)
{
    tf_arena *a = &c->m->arena;
    tf_val *l = eval(c, e->kids[0]);
    if (e->op == ZL_OP_AND && l->kind == TF_BOOL && !l->b)
        return l;
    if (e->op == ZL_OP_OR && l->kind == TF_BOOL && l->b)
        return l;
    tf_val *r = eval(c, e->kids[1]);
    if (e->op == ZL_OP_AND || e->op == ZL_OP_OR) { /* a known false (true) side decides */
        if (r->kind == TF_BOOL && r->b == (e->op == ZL_OP_OR))
            return r;
        return r->kind == TF_BOOL && l->kind == TF_BOOL ? r : tf_unknown(a, NULL);
    }
    if (!tf_known(l) || !tf_known(r))
        return tf_unknown(a, NULL);
    if (e->op == ZL_OP_EQ || e->op == ZL_OP_NE) {
        int eq = tf_same(c->m, l, r, origin(c, e->start));
        return eq < 0 ? tf_unknown(a, NULL) : tf_bool(a, eq == (e->op == ZL_OP_EQ));
    }
    double x, y;
    if (!number(l, &x) || !number(r, &y))
        return tf_unknown(a, NULL);
    switch (e->op) {
    case '+': return tf_number(a, x + y);
    case '-': return tf_number(a, x - y);
    case '*': return tf_number(a, x * y);
    case '/': return y != 0 ? tf_number(a, x / y) : tf_unknown(a, NULL);
    case '%': /* whole numbers only: what names and counts use */
        if (y == 0 || x != (double)(long long)x || y != (double)(long long)y)
            return tf_unknown(a, NULL);
        return tf_number(a, (double)((long long)x % (long long)y));
    case '<': return tf_bool(a, x < y);
    case '>': return tf_bool(a, x > y);
    case ZL_OP_LE: return tf_bool(a, x <= y);
    case ZL_OP_GE: return tf_bool(a, x >= y);
    default: return tf_unknown(a, NULL);
    }
}

/* Collections */

static tf_val *for_expr(const ctx *c, const zl_hx *e)
{
    tf_arena *a = &c->m->arena;
    if (e->nkids < 4) /* cut short by a syntax error, reported where it is */
        return tf_unknown(a, NULL);
    tf_val *coll = eval(c, e->kids[0]);
    if (coll->kind != TF_LIST && coll->kind != TF_OBJECT)
        return tf_unknown(a, NULL);
    bool object = e->kids[1] != NULL;
    tf_val *out = object ? tf_object(a, coll->nitems) : tf_list(a, coll->nitems);
    if (out->kind == TF_UNKNOWN)
        return out;
    size_t n = 0;
    char *kn = e->nname ? tf_strdup(a, e->name, e->nname) : NULL;
    char *vn = tf_strdup(a, e->name2, e->nname2);
    for (size_t i = 0; i < coll->nitems; i++) {
        tf_val *key = coll->kind == TF_OBJECT
                          ? tf_string(a, coll->keys[i], strlen(coll->keys[i]),
                                      origin(c, e->start))
                          : tf_number(a, (double)i);
        tf_scope kv[2] = {{c->sc, kn ? kn : "", key}, {NULL, vn, coll->items[i]}};
        kv[1].up = &kv[0];
        ctx inner = *c;
        inner.sc = &kv[1];
        if (e->kids[3]) {
            tf_val *keep = eval(&inner, e->kids[3]);
            if (keep->kind != TF_BOOL)
                return tf_unknown(a, NULL);
            if (!keep->b)
                continue;
        }
        tf_val *v = eval(&inner, e->kids[2]);
        if (object) {
            tf_val *k = tf_to_string(a, eval(&inner, e->kids[1]), origin(c, e->start));
            if (!k || (e->flags & ZL_HX_GROUP))
                return tf_unknown(a, NULL);
            out->keys[n] = k->s;
        }
        out->items[n++] = v;
    }
    out->nitems = n;
    return out;
}

static tf_val *splat(const ctx *c, const zl_hx *e)
{
    tf_val *src = eval(c, e->kids[0]);
    if (src->kind == TF_UNKNOWN)
        return tf_unknown(&c->m->arena, NULL);
    if (src->kind == TF_NULL)
        return tf_list(&c->m->arena, 0);
    bool single = src->kind != TF_LIST;
    size_t n = single ? 1 : src->nitems;
    tf_val *out = tf_list(&c->m->arena, n);
    for (size_t i = 0; out->kind == TF_LIST && i < n; i++) {
        ctx inner = *c;
        inner.anchor = single ? src : src->items[i];
        out->items[i] = eval(&inner, e->kids[1]);
    }
    return out;
}

static tf_val *collection(const ctx *c, const zl_hx *e)
{
    tf_arena *a = &c->m->arena;
    if (e->kind == ZL_HX_TUPLE) {
        tf_val *l = tf_list(a, e->nkids);
        for (uint32_t i = 0; l->kind == TF_LIST && i < e->nkids; i++)
            l->items[i] = eval(c, e->kids[i]);
        return l;
    }
    tf_val *o = tf_object(a, e->nkids / 2);
    size_t n = 0;
    for (uint32_t i = 0; o->kind == TF_OBJECT && i + 1 < e->nkids; i += 2) {
        const zl_hx *k = e->kids[i];
        const char *key;
        if (k->kind == ZL_HX_VAR) {
            key = tf_strdup(a, k->name, k->nname); /* a bare word is the key itself */
        } else {
            tf_val *kv = tf_to_string(a, eval(c, k), origin(c, k->start));
            if (!kv)
                return tf_unknown(a, NULL);
            key = kv->s;
        }
        o->keys[n] = key;
        o->items[n++] = eval(c, e->kids[i + 1]);
    }
    if (o->kind == TF_OBJECT)
        o->nitems = n;
    return o;
}

static tf_val *call(const ctx *c, const zl_hx *e)
{
    tf_val **args = tf_alloc(&c->m->arena, (e->nkids + 1) * sizeof *args);
    size_t n = 0;
    for (uint32_t i = 0; i < e->nkids; i++) {
        tf_val *v = eval(c, e->kids[i]);
        if (i + 1 == e->nkids && (e->flags & ZL_HX_EXPAND)) {
            if (v->kind != TF_LIST)
                return tf_unknown(&c->m->arena, NULL);
            tf_val **more = tf_alloc(&c->m->arena, (n + v->nitems + 1) * sizeof *more);
            memcpy(more, args, n * sizeof *args);
            memcpy(more + n, v->items, v->nitems * sizeof *more);
            args = more;
            n += v->nitems;
        } else {
            args[n++] = v;
        }
    }
    return tf_call(c->m, e->name, e->nname, args, n, origin(c, e->start));
}

static tf_val *eval_node(const ctx *c, const zl_hx *e)
{
    tf_arena *a = &c->m->arena;
    switch (e->kind) {
    case ZL_HX_NUMBER:
        return tf_number(a, e->num);
    case ZL_HX_BOOL:
        return tf_bool(a, e->num != 0);
    case ZL_HX_NULL:
        return &tf_null_val;
    case ZL_HX_TEMPLATE:
        return template(c, e);
    case ZL_HX_LITERAL: {
        tf_sb b = {0};
        literal(c, e, &b);
        return tf_sb_take(a, &b);
    }
    case ZL_HX_TUPLE:
    case ZL_HX_OBJECT:
        return collection(c, e);
    case ZL_HX_VAR:
    case ZL_HX_ATTR:
    case ZL_HX_INDEX:
        return traversal(c, e);
    case ZL_HX_SPLAT:
        return splat(c, e);
    case ZL_HX_ANCHOR:
        return c->anchor ? c->anchor : tf_unknown(a, NULL);
    case ZL_HX_CALL:
        return call(c, e);
    case ZL_HX_FOR:
        return for_expr(c, e);
    case ZL_HX_COND: {
        if (e->nkids < 3)
            return tf_unknown(a, NULL);
        tf_val *cond = eval(c, e->kids[0]);
        if (cond->kind != TF_BOOL)
            return tf_unknown(a, NULL);
        return eval(c, e->kids[cond->b ? 1 : 2]);
    }
    case ZL_HX_UNARY: {
        tf_val *v = e->nkids ? eval(c, e->kids[0]) : &tf_null_val;
        if (e->op == '!' && v->kind == TF_BOOL)
            return tf_bool(a, !v->b);
        if (e->op == '-' && v->kind == TF_NUMBER)
            return tf_number(a, -v->num);
        return tf_unknown(a, NULL);
    }
    case ZL_HX_BINARY:
        return e->nkids == 2 ? binary(c, e) : tf_unknown(a, NULL);
    case ZL_HX_PAREN:
        return e->nkids ? eval(c, e->kids[0]) : tf_unknown(a, NULL);
    default:
        return tf_unknown(a, NULL);
    }
}

static tf_val *eval(const ctx *c, const zl_hx *e)
{
    tf_module *m = c->m;
    if (!e)
        return tf_unknown(&m->arena, NULL);
    /* Too deep makes this value unknown; too many steps (tf_charge notes
     * it) or too little memory every value from here on. */
    tf_origin at = origin(c, e->start);
    if (m->depth >= TF_MAX_DEPTH) {
        stop(m, TF_STOP_DEPTH, at);
        return tf_unknown(&m->arena, NULL);
    }
    if (!tf_charge(m, 1, at))
        return tf_unknown(&m->arena, NULL);
    if (m->arena.budget == 0) {
        stop(m, TF_STOP_MEMORY, at);
        return tf_unknown(&m->arena, NULL);
    }
    m->depth++;
    tf_val *v = eval_node(c, e);
    m->depth--;
    if (m->arena.spent) /* noted here, innermost first: a value refused inside */
        stop(m, TF_STOP_MEMORY, at);
    if (m->arena.too_long) { /* at the innermost expression only */
        m->arena.too_long = false;
        stop(m, TF_STOP_STRING, at);
    }
    return v;
}

tf_val *tf_eval(tf_module *m, uint32_t file, const zl_hx *e, const tf_scope *sc)
{
    ctx c = {m, file, sc, NULL};
    return eval(&c, e);
}
