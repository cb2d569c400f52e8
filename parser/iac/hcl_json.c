/* Terraform's JSON syntax (.tf.json) read into the same tree as native
 * syntax, so that evaluation and every provider reader work unchanged.
 * The file's top-level keys are the block types: resource and data hold
 * TYPE -> NAME -> body, variable and provider NAME -> body, locals its
 * attributes. In a body, a key is an attribute unless it names one of the
 * nested blocks DNS resources have (alias, record, routing policies); a
 * string is a template, parsed in place by the native template reader (the
 * escapes of JSON and HCL agree), so positions are the file's own. Keys
 * "//" are comments. */
#include <stdlib.h>
#include <string.h>

#include "parser/exports/json_pos.h"
#include "parser/iac/hcl_parser.h"
#include "lint/util/util.h"

static const char *const nested_blocks[] = {
    "alias", "record", "weighted_routing_policy", "latency_routing_policy",
    "failover_routing_policy", "geolocation_routing_policy", "routing_policy",
    "dkim_signing_attributes", "lifecycle", "timeouts",
};

typedef struct jp {
    zl_hparser p;
    zl_jdoc d;
} jp;

static char first(const jp *j, uint32_t at)
{
    return j->d.text[j->d.pos[at].start];
}

/* A member's key: the text between its quotes. */
static zl_hcl_label key_of(const jp *j, uint32_t at)
{
    uint32_t q = j->d.pos[at].key + 1, e = q;
    while (e < j->d.len && j->d.text[e] != '"')
        e += j->d.text[e] == '\\' ? 2 : 1;
    return (zl_hcl_label){j->d.text + q, e - q, q};
}

static bool key_is(const jp *j, uint32_t at, const char *word)
{
    zl_hcl_label k = key_of(j, at);
    return zl_text_eq(k.p, k.n, word);
}

#define EACH(j, parent, m)                                                                    \
    for (uint32_t m = (j)->d.pos[parent].child; m != ZL_NONE; m = (j)->d.pos[m].next)

static zl_hx *expr(jp *j, uint32_t at)
{
    zl_hparser *p = &j->p;
    const zl_jpos *pos = &j->d.pos[at];
    char c = first(j, at);
    zl_hx *n;
    if (c == '"')
        return zl_hp_quoted(p, pos->start);
    if (c == '[' || c == '{') {
        n = zl_hp_node(p, c == '[' ? ZL_HX_TUPLE : ZL_HX_OBJECT, pos->start);
        EACH(j, at, m) {
            if (c == '{') {
                if (key_is(j, m, "//"))
                    continue;
                zl_hcl_label k = key_of(j, m);
                zl_hx *key = zl_hp_node(p, ZL_HX_TEMPLATE, k.start - 1);
                zl_hx *lit = zl_hp_node(p, ZL_HX_LITERAL, k.start);
                lit->end = k.start + k.n;
                lit->flags = ZL_HX_QUOTED;
                zl_hp_kid(p, key, lit);
                zl_hp_kid(p, n, key);
            }
            zl_hp_kid(p, n, expr(j, m));
        }
    } else if (c == 't' || c == 'f') {
        n = zl_hp_node(p, ZL_HX_BOOL, pos->start);
        n->num = c == 't';
    } else if (c == 'n') {
        n = zl_hp_node(p, ZL_HX_NULL, pos->start);
    } else {
        n = zl_hp_node(p, ZL_HX_NUMBER, pos->start);
        n->num = strtod(j->d.text + pos->start, NULL);
    }
    n->end = pos->end;
    return n;
}

static void add(zl_hcl_body *b, zl_hcl_item it)
{
    ZL_GROW(b->items, b->cap, b->n + 1);
    b->items[b->n++] = it;
}

static zl_hcl_body *body(jp *j, uint32_t at, bool blocks);

static zl_hcl_item item(const jp *j, uint32_t m)
{
    zl_hcl_label k = key_of(j, m);
    return (zl_hcl_item){.name = k.p, .nname = k.n, .start = k.start};
}

/* A block of type `type` with labels, whose body is the object at (or each
 * object of the array at). */
static void block(jp *j, zl_hcl_body *into, zl_hcl_item it, uint32_t at, bool nested_too)
{
    if (first(j, at) == '[') {
        EACH(j, at, e)
            if (first(j, e) == '{')
                block(j, into, it, e, nested_too);
        return;
    }
    if (first(j, at) != '{')
        return;
    if (it.nlabels) {
        zl_hcl_label *l = zl_xmalloc(it.nlabels * sizeof *l);
        memcpy(l, it.labels, it.nlabels * sizeof *l);
        it.labels = l;
    }
    it.body = body(j, at, nested_too);
    add(into, it);
}

static bool is_nested(const zl_hcl_label *k)
{
    for (size_t i = 0; i < sizeof nested_blocks / sizeof nested_blocks[0]; i++)
        if (zl_text_eq(k->p, k->n, nested_blocks[i]))
            return true;
    return false;
}

static zl_hcl_body *body(jp *j, uint32_t at, bool blocks)
{
    zl_hcl_body *b = zl_xcalloc(1, sizeof *b);
    b->start = j->d.pos[at].start;
    b->end = j->d.pos[at].end;
    EACH(j, at, m) {
        zl_hcl_label k = key_of(j, m);
        if (zl_text_eq(k.p, k.n, "//"))
            continue;
        char c = first(j, m);
        if (blocks && is_nested(&k) && (c == '{' || c == '[')) {
            block(j, b, item(j, m), m, true);
        } else {
            zl_hcl_item it = item(j, m);
            it.expr = expr(j, m);
            add(b, it);
        }
    }
    return b;
}

/* resource and data: TYPE -> NAME -> body; variable, provider: NAME -> body. */
static void labelled(jp *j, zl_hcl_body *top, uint32_t at, unsigned depth, zl_hcl_item it)
{
    if (first(j, at) != '{')
        return;
    EACH(j, at, m) {
        if (key_is(j, m, "//"))
            continue;
        zl_hcl_label labels[2] = {it.nlabels ? it.labels[0] : key_of(j, m), key_of(j, m)};
        zl_hcl_item inner = it;
        inner.labels = labels;
        inner.nlabels = it.nlabels + 1;
        if (inner.nlabels < depth)
            labelled(j, top, m, depth, inner);
        else
            block(j, top, inner, m, true);
    }
}

void zl_hcl_parse_json(zl_hcl_file *f, const char *text, size_t len)
{
    memset(f, 0, sizeof *f);
    f->text = text;
    f->len = len;
    f->body = zl_xcalloc(1, sizeof *f->body);
    jp j = {.p = {.f = f, .t = text, .len = len}};
    char *err = NULL;
    size_t off = 0;
    if (!zl_jdoc_load(&j.d, text, len, &err, &off)) {
        zl_hp_error(&j.p, (uint32_t)off, 1, "JSON: %s", err);
        free(err);
        return;
    }
    uint32_t root = 0;
    if (j.d.npos && first(&j, root) == '{') {
        EACH(&j, root, m) {
            zl_hcl_item it = item(&j, m);
            if (key_is(&j, m, "resource") || key_is(&j, m, "data"))
                labelled(&j, f->body, m, 2, it);
            else if (key_is(&j, m, "variable") || key_is(&j, m, "provider"))
                labelled(&j, f->body, m, 1, it);
            else if (key_is(&j, m, "locals"))
                block(&j, f->body, it, m, false);
        }
    }
    zl_jdoc_free(&j.d);
}
