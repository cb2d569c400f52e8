/* Loading YAML (yaml_pos.h): libyaml's events built into documents of
 * compact nodes, with octet marks and the bound on what aliases expand to. */
#include "parser/exports/yaml_pos.h"
#include "parser/exports/yaml_guard.h"

#include <stdlib.h>
#include <string.h>

#include "lint/util/strset.h"
#include "lint/util/util.h"

/* libyaml counts its marks in characters; findings need octets. The octet
 * offset of every character start of text (after a byte order mark, which
 * libyaml skips), or NULL when every character is one octet. */
static size_t *char_offsets(const char *text, size_t len, size_t *nchars)
{
    size_t i = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    bool ascii = i == 0;
    for (size_t k = i; ascii && k < len; k++)
        ascii = (unsigned char)text[k] < 0x80;
    if (ascii)
        return NULL;
    size_t *at = zl_xmalloc((len + 2) * sizeof *at);
    size_t n = 0;
    for (; i < len; i++)
        if (((unsigned char)text[i] & 0xC0) != 0x80)
            at[n++] = i;
    at[n] = len;
    *nchars = n;
    return at;
}

static size_t octet(const size_t *at, size_t nchars, size_t chars)
{
    return at ? at[chars <= nchars ? chars : nchars] : chars;
}

/* What the loader keeps while it builds a document from libyaml's events:
 * the collections open around the next event (with where their children
 * start in kids), and the anchors defined so far (anchor_node[i] is the
 * node of the i-th name added to anchors). */
typedef struct builder {
    zl_ydoc *d;
    zl_ydocument *doc;
    const size_t *at;
    size_t nchars;
    uint32_t limit;
    struct open {
        int node;
        size_t first_kid;
    } *open;
    size_t nopen, opencap;
    int *kids;
    size_t nkids, kidcap;
    zl_strset anchors;
    int *anchor_node;
    size_t acap;
    bool cyclic; /* an alias to a node that holds it */
} builder;

/* A libyaml mark (in characters) as the octet offset a node keeps. */
static uint32_t mark_of(const builder *b, yaml_mark_t m)
{
    return (uint32_t)octet(b->at, b->nchars, m.index);
}

static const char *tag_of(builder *b, const yaml_char_t *tag, const char *plain)
{
    if (!tag || strcmp((const char *)tag, "!") == 0)
        return plain; /* as libyaml's loader resolves a node without a tag */
    size_t n = strlen((const char *)tag);
    char *t = zl_arena_zalloc(&b->d->arena, n + 1);
    memcpy(t, tag, n);
    return t;
}

/* Node id is the next child of the innermost open collection (if none is
 * open, it is the root). */
static void add_child(builder *b, int id)
{
    if (b->nopen) {
        ZL_GROW(b->kids, b->kidcap, b->nkids + 1);
        b->kids[b->nkids++] = id;
    }
}

/* A new node, the child of the innermost open collection (or the root). */
static int add_node(builder *b, yaml_node_type_t type, const char *tag, const yaml_event_t *ev)
{
    zl_ydocument *doc = b->doc;
    ZL_GROW(doc->nodes, doc->cap, doc->n + 1);
    zl_ynode_data *n = &doc->nodes[doc->n++];
    memset(n, 0, sizeof *n);
    n->type = type;
    n->tag = tag;
    n->start_mark.index = mark_of(b, ev->start_mark);
    n->end_mark.index = mark_of(b, ev->end_mark);
    int id = (int)doc->n;
    add_child(b, id);
    return id;
}

static bool fail(char **err, size_t *err_off, size_t off, char *msg)
{
    *err = msg;
    *err_off = off;
    return false;
}

/* Anchors name nodes within their document; a name defined twice is an
 * error, as libyaml's loader (and PyYAML's, so octoDNS's) makes it. */
static bool anchor(builder *b, const yaml_char_t *name, int id, char **err, size_t *err_off)
{
    if (!name)
        return true;
    size_t before = b->anchors.n;
    size_t i = zl_strset_index(&b->anchors, (const char *)name, strlen((const char *)name));
    if (b->anchors.n == before)
        return fail(err, err_off, b->doc->nodes[id - 1].start_mark.index,
                    zl_xstrdup("found duplicate anchor"));
    ZL_GROW(b->anchor_node, b->acap, i + 1);
    b->anchor_node[i] = id;
    return true;
}

/* An alias is a reference to its anchor's node, as in libyaml's document. */
static bool alias(builder *b, const yaml_event_t *ev, char **err, size_t *err_off)
{
    const char *name = (const char *)ev->data.alias.anchor;
    size_t i = zl_strset_find(&b->anchors, name, strlen(name));
    if (i == SIZE_MAX)
        return fail(err, err_off, mark_of(b, ev->start_mark), zl_xstrdup("found undefined alias"));
    int id = b->anchor_node[i];
    if (b->doc->nodes[id - 1].expanded == 0)
        b->cyclic = true; /* still open: it holds the alias */
    add_child(b, id);
    return true;
}

static void open_collection(builder *b, int id)
{
    ZL_GROW(b->open, b->opencap, b->nopen + 1);
    b->open[b->nopen++] = (struct open){id, b->nkids};
}

/* The innermost collection ends: its children move into the arena, and it
 * counts the nodes below it, aliases expanded (saturating past the limit). */
static void close_collection(builder *b, const yaml_event_t *ev)
{
    struct open o = b->open[--b->nopen];
    zl_ynode_data *n = &b->doc->nodes[o.node - 1];
    n->end_mark.index = mark_of(b, ev->end_mark);
    size_t k = b->nkids - o.first_kid;
    const int *kids = b->kids + o.first_kid;
    uint64_t total = 1;
    for (size_t i = 0; i < k; i++)
        total += b->doc->nodes[kids[i] - 1].expanded;
    n->expanded = total > b->limit ? b->limit + 1 : (uint32_t)total;
    if (n->type == YAML_SEQUENCE_NODE) {
        int *items = zl_arena_zalloc(&b->d->arena, k * sizeof *items);
        if (k)
            memcpy(items, kids, k * sizeof *items);
        n->data.sequence.items.start = items;
        n->data.sequence.items.top = items + k;
    } else {
        zl_ypair *pairs = zl_arena_zalloc(&b->d->arena, k / 2 * sizeof *pairs);
        for (size_t i = 0; i + 1 < k; i += 2)
            pairs[i / 2] = (zl_ypair){kids[i], kids[i + 1]};
        n->data.mapping.pairs.start = pairs;
        n->data.mapping.pairs.top = pairs + k / 2;
    }
    b->nkids = o.first_kid;
}

static void scalar(builder *b, const yaml_event_t *ev)
{
    int id = add_node(b, YAML_SCALAR_NODE, tag_of(b, ev->data.scalar.tag, YAML_DEFAULT_SCALAR_TAG),
                      ev);
    zl_ynode_data *n = &b->doc->nodes[id - 1];
    size_t len = ev->data.scalar.length;
    n->data.scalar.value = zl_arena_zalloc(&b->d->arena, len + 1);
    memcpy(n->data.scalar.value, ev->data.scalar.value, len);
    n->data.scalar.length = (uint32_t)len;
    n->data.scalar.style = ev->data.scalar.style;
    n->expanded = 1;
}

static void start_document(builder *b)
{
    ZL_GROW(b->d->docs, b->d->cap, b->d->n + 1);
    b->doc = &b->d->docs[b->d->n];
    memset(b->doc, 0, sizeof *b->doc);
    zl_strset_free(&b->anchors);
    b->cyclic = false;
}

/* A document of nodes is kept; one whose aliases expand it past the
 * limit is an error. */
static bool end_document(builder *b, char **err, size_t *err_off)
{
    zl_ydocument *doc = b->doc;
    b->doc = NULL;
    if (!doc->n) {
        free(doc->nodes);
        return true;
    }
    b->d->n++;
    if (b->cyclic || doc->nodes[0].expanded > b->limit)
        return fail(err, err_off, 0,
                    zl_xasprintf("YAML aliases expand the document to more than %u nodes "
                                 "(four for each byte of the file), which zonelint does not read",
                                 (unsigned)b->limit));
    return true;
}

/* One event into the document being built; false with the error. */
static bool on_event(builder *b, const yaml_event_t *ev, char **err, size_t *err_off)
{
    int id;
    switch (ev->type) {
    case YAML_DOCUMENT_START_EVENT:
        start_document(b);
        return true;
    case YAML_DOCUMENT_END_EVENT:
        return end_document(b, err, err_off);
    case YAML_ALIAS_EVENT:
        return alias(b, ev, err, err_off);
    case YAML_SCALAR_EVENT:
        scalar(b, ev);
        return anchor(b, ev->data.scalar.anchor, (int)b->doc->n, err, err_off);
    case YAML_SEQUENCE_START_EVENT:
        id = add_node(b, YAML_SEQUENCE_NODE,
                      tag_of(b, ev->data.sequence_start.tag, YAML_DEFAULT_SEQUENCE_TAG), ev);
        open_collection(b, id);
        return anchor(b, ev->data.sequence_start.anchor, id, err, err_off);
    case YAML_MAPPING_START_EVENT:
        id = add_node(b, YAML_MAPPING_NODE,
                      tag_of(b, ev->data.mapping_start.tag, YAML_DEFAULT_MAPPING_TAG), ev);
        open_collection(b, id);
        return anchor(b, ev->data.mapping_start.anchor, id, err, err_off);
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT:
        close_collection(b, ev);
        return true;
    default:
        return true; /* the stream's start and end */
    }
}

bool zl_ydoc_load(zl_ydoc *d, const char *text, size_t len, char **err, size_t *err_off)
{
    memset(d, 0, sizeof *d);
    d->text = text;
    d->len = len;
    const char *why = NULL;
    if (!zl_yaml_depth_ok(text, len, &why, err_off)) {
        *err = zl_xstrdup(why);
        return false;
    }
    /* Aliases may repeat what the file holds, not multiply it. */
    uint64_t limit = 4 * (uint64_t)len + 100000;
    builder b = {.d = d, .limit = limit < UINT32_MAX ? (uint32_t)limit : UINT32_MAX - 1};
    size_t *at = char_offsets(text, len, &b.nchars);
    b.at = at;
    yaml_parser_t p;
    yaml_parser_initialize(&p);
    yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
    bool ok = true, done = false;
    while (ok && !done) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&p, &ev)) {
            *err = p.context ? zl_xasprintf("%s %s", p.problem ? p.problem : "bad YAML",
                                            p.context)
                             : zl_xstrdup(p.problem ? p.problem : "bad YAML");
            *err_off = octet(at, b.nchars, p.problem_mark.index);
            if (*err_off > len)
                *err_off = 0;
            ok = false;
            break;
        }
        done = ev.type == YAML_STREAM_END_EVENT;
        ok = on_event(&b, &ev, err, err_off);
        yaml_event_delete(&ev);
    }
    if (b.doc) /* a document the error cut short */
        free(b.doc->nodes);
    yaml_parser_delete(&p);
    zl_strset_free(&b.anchors);
    free(b.anchor_node);
    free(b.open);
    free(b.kids);
    free(at);
    return ok;
}

void zl_ydoc_free(zl_ydoc *d)
{
    for (size_t i = 0; i < d->n; i++)
        free(d->docs[i].nodes);
    free(d->docs);
    zl_arena_free(&d->arena);
    memset(d, 0, sizeof *d);
}
