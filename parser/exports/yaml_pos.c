#include "parser/exports/yaml_pos.h"
#include "parser/exports/yaml_guard.h"

#include <errno.h>
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
    n->start_mark.index = (uint32_t)octet(b->at, b->nchars, ev->start_mark.index);
    n->end_mark.index = (uint32_t)octet(b->at, b->nchars, ev->end_mark.index);
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
        return fail(err, err_off, octet(b->at, b->nchars, ev->start_mark.index),
                    zl_xstrdup("found undefined alias"));
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
    n->end_mark.index = (uint32_t)octet(b->at, b->nchars, ev->end_mark.index);
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

zl_ynode zl_yroot(const zl_ydoc *d, size_t i)
{
    const zl_ydocument *doc = &d->docs[i];
    return (zl_ynode){doc, doc->n ? &doc->nodes[0] : NULL};
}

bool zl_yis(zl_ynode n, yaml_node_type_t type)
{
    return n.n && n.n->type == type;
}

static zl_ynode node(zl_ynode in, int index)
{
    return (zl_ynode){in.doc, &in.doc->nodes[index - 1]};
}

size_t zl_ycount(zl_ynode n)
{
    if (zl_yis(n, YAML_SEQUENCE_NODE))
        return (size_t)(n.n->data.sequence.items.top - n.n->data.sequence.items.start);
    if (zl_yis(n, YAML_MAPPING_NODE))
        return (size_t)(n.n->data.mapping.pairs.top - n.n->data.mapping.pairs.start);
    return 0;
}

zl_ynode zl_yitem(zl_ynode seq, size_t i)
{
    return node(seq, seq.n->data.sequence.items.start[i]);
}

zl_ynode zl_ykey(zl_ynode map, size_t i)
{
    return node(map, map.n->data.mapping.pairs.start[i].key);
}

zl_ynode zl_yvalue(zl_ynode map, size_t i)
{
    return node(map, map.n->data.mapping.pairs.start[i].value);
}

/* Merges (<<: *anchor, or a list of them) nest at most this deep: far more
 * than configurations use, and a bound on a crafted document. */
#define MERGE_DEPTH 8

static zl_ynode get(zl_ynode map, const char *key, size_t k, int depth)
{
    zl_ynode found = {map.doc, NULL}, merge = {map.doc, NULL};
    for (size_t i = 0; zl_yis(map, YAML_MAPPING_NODE) && i < zl_ycount(map); i++) {
        zl_ynode kn = zl_ykey(map, i);
        if (!zl_yis(kn, YAML_SCALAR_NODE))
            continue;
        if (kn.n->data.scalar.length == k && memcmp(kn.n->data.scalar.value, key, k) == 0)
            found = zl_yvalue(map, i);
        else if (kn.n->data.scalar.length == 2 && memcmp(kn.n->data.scalar.value, "<<", 2) == 0)
            merge = zl_yvalue(map, i);
    }
    if (found.n || !merge.n || depth >= MERGE_DEPTH)
        return found;
    /* YAML's merge key: the keys of the merged mappings, the first one that
     * has the key winning, as YAML loaders (and so octoDNS) read them. */
    if (zl_yis(merge, YAML_MAPPING_NODE))
        return get(merge, key, k, depth + 1);
    for (size_t i = 0; zl_yis(merge, YAML_SEQUENCE_NODE) && i < zl_ycount(merge); i++) {
        found = get(zl_yitem(merge, i), key, k, depth + 1);
        if (found.n)
            break;
    }
    return found;
}

zl_ynode zl_yget(zl_ynode map, const char *key)
{
    return get(map, key, strlen(key), 0);
}

uint32_t zl_ystart(zl_ynode n)
{
    return n.n ? (uint32_t)n.n->start_mark.index : 0;
}

uint32_t zl_ylen(zl_ynode n)
{
    return n.n ? (uint32_t)(n.n->end_mark.index - n.n->start_mark.index) : 0;
}

static bool ws(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Bytes a double-quoted escape at p gives, and (in *raw) its length. */
static size_t escape(const char *p, size_t left, size_t *raw)
{
    char e = left > 1 ? p[1] : 0;
    size_t hexdigits = e == 'x' ? 2 : e == 'u' ? 4 : e == 'U' ? 8 : 0;
    *raw = 2 + hexdigits;
    if (*raw > left)
        *raw = left;
    if (hexdigits) {
        char buf[9] = {0};
        memcpy(buf, p + 2, *raw - 2);
        unsigned long cp = strtoul(buf, NULL, 16);
        return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    }
    return e == 'N' || e == '_' ? 2 : e == 'L' || e == 'P' ? 3 : 1;
}

bool zl_yscalar(const zl_ydoc *d, zl_ynode n, zl_lstr *out)
{
    memset(out, 0, sizeof *out);
    if (!zl_yis(n, YAML_SCALAR_NODE))
        return false;
    const zl_ynode_data *s = n.n;
    out->p = (const char *)s->data.scalar.value;
    out->n = s->data.scalar.length;
    out->raw = zl_xmalloc((out->n + 1) * sizeof *out->raw);
    yaml_scalar_style_t style = s->data.scalar.style;
    size_t r = s->start_mark.index, end = s->end_mark.index;
    if (end > d->len)
        end = d->len;
    if (style == YAML_SINGLE_QUOTED_SCALAR_STYLE || style == YAML_DOUBLE_QUOTED_SCALAR_STYLE) {
        r++;
        if (end > r)
            end--;
    } else if (style == YAML_LITERAL_SCALAR_STYLE || style == YAML_FOLDED_SCALAR_STYLE) {
        const char *nl = memchr(d->text + r, '\n', end > r ? end - r : 0);
        r = nl ? (size_t)(nl - d->text) + 1 : end;
    }
    /* Walk the text beside the value: equal bytes advance both; escapes,
     * doubled quotes and folded line breaks advance the text further. */
    const char *t = d->text;
    for (size_t j = 0; j < out->n;) {
        char c = out->p[j];
        if (style == YAML_DOUBLE_QUOTED_SCALAR_STYLE && r < end && t[r] == '\\') {
            if (r + 1 < end && (t[r + 1] == '\n' || t[r + 1] == '\r')) {
                for (r += 2; r < end && ws(t[r]); r++)
                    ;
                continue;
            }
            size_t raw;
            size_t k = escape(t + r, end - r, &raw);
            for (; k && j < out->n; k--)
                out->raw[j++] = (uint32_t)r;
            r += raw;
            continue;
        }
        if (style == YAML_SINGLE_QUOTED_SCALAR_STYLE && c == '\'' && r + 1 < end &&
            t[r] == '\'' && t[r + 1] == '\'') {
            out->raw[j++] = (uint32_t)r;
            r += 2;
            continue;
        }
        while (r < end && t[r] != c && ws(t[r]) && !ws(c))
            r++;
        out->raw[j++] = (uint32_t)(r < end ? r : end);
        if (r < end && (t[r] == c || ws(t[r])))
            for (r++; ws(c) && r < end && ws(t[r]) && (j == out->n || t[r] != out->p[j]); r++)
                ;
    }
    out->raw[out->n] = (uint32_t)end;
    return true;
}

bool zl_yint(zl_ynode n, long long *out)
{
    if (!zl_yis(n, YAML_SCALAR_NODE) || n.n->data.scalar.length == 0 ||
        n.n->data.scalar.length > 20)
        return false;
    char buf[24];
    memcpy(buf, n.n->data.scalar.value, n.n->data.scalar.length);
    buf[n.n->data.scalar.length] = '\0';
    char *e;
    errno = 0;
    long long v = strtoll(buf, &e, 10);
    if (*e || errno || buf[0] == ' ')
        return false;
    *out = v;
    return true;
}
