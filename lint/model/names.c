#include "lint/model/names.h"

#include <stdlib.h>
#include <string.h>

/* A label's hash, eight octets at a time. Bit 5 is set in every octet
 * first, which makes upper- and lower-case letters alike: labels equal but
 * for case hash alike, and the few other octets it merges only collide. */
static uint32_t hash_child(uint32_t parent, const uint8_t *label, size_t len)
{
    const uint64_t fold = 0x2020202020202020ULL, k = 0x9E3779B97F4A7C15ULL;
    uint64_t h = (((uint64_t)parent << 8) | len) * k;
    if (len >= 8) {
        size_t i = 0;
        for (; i + 8 < len; i += 8) {
            uint64_t w;
            memcpy(&w, label + i, 8);
            h = (h ^ (w | fold)) * k;
        }
        uint64_t w; /* the last eight octets, overlapping the word before */
        memcpy(&w, label + len - 8, 8);
        h ^= w | fold;
    } else {
        uint64_t w = 0;
        for (size_t i = 0; i < len; i++)
            w |= (uint64_t)(label[i] | 0x20u) << (8 * i);
        h ^= w;
    }
    /* Final avalanche (the murmur3 finaliser): labels that differ only in
     * their last characters must not cluster in the table. */
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    return (uint32_t)h;
}

/* Each octet of w, upper-case letters lowered (bit 5 set on 'A'..'Z'). */
static uint64_t lower8(uint64_t w)
{
    const uint64_t low7 = 0x7F7F7F7F7F7F7F7FULL, high = 0x8080808080808080ULL;
    uint64_t h = w & low7;
    uint64_t at_least_a = h + 0x3F3F3F3F3F3F3F3FULL; /* bit 7: h >= 'A' */
    uint64_t past_z = h + 0x2525252525252525ULL;     /* bit 7: h > 'Z' */
    return w | ((at_least_a & ~past_z & ~w & high) >> 2);
}

/* The label in lower case, eight octets at a time: every new name is
 * copied into the arena so. */
static void copy_lower(uint8_t *dst, const uint8_t *src, size_t len)
{
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
        uint64_t w;
        memcpy(&w, src + i, 8);
        w = lower8(w);
        memcpy(dst + i, &w, 8);
    }
    for (; i < len; i++)
        dst[i] = (uint8_t)zl_ascii_lower(src[i]);
}

static bool label_eq(const zl_names *t, const zl_name_node *n, const uint8_t *label, size_t len)
{
    const uint8_t *l = t->arena + n->label;
    if (l[0] != len)
        return false;
    if (memcmp(l + 1, label, len) == 0)
        return true; /* written in lower case, as most names are */
    for (size_t i = 0; i < len; i++)
        if (l[1 + i] != zl_ascii_lower(label[i]))
            return false;
    return true;
}

/* Slot of a hash in a table of any size (no power of two needed, so the
 * table can grow by less than double). */
static size_t home(uint32_t hash, size_t nslots)
{
    return (size_t)(((uint64_t)hash * nslots) >> 32);
}

static void rehash(zl_names *t, size_t nslots)
{
    struct zl_name_slot *old = t->slots;
    size_t oldn = t->nslots;
    /* Zeroed after the hint, so that the first writes fault in huge pages
     * (zeroed through: see zl_xzeroed). */
    t->slots = zl_xmallocn(nslots, sizeof *t->slots);
    t->nslots = nslots;
    zl_huge_pages_hint(t->slots, nslots * sizeof *t->slots);
    memset(t->slots, 0, nslots * sizeof *t->slots);
    for (size_t i = 0; i < oldn; i++) {
        if (!old[i].node)
            continue;
        size_t s = home(old[i].hash, nslots);
        while (t->slots[s].node)
            s = s + 1 == nslots ? 0 : s + 1;
        t->slots[s] = old[i];
    }
    free(old);
}

/* Load at most 0.7. Room reserved for n names is a load of 0.5; a table
 * that fills by insertion (a tree of small $INCLUDEd files, an export)
 * grows to a load of a third, so that it is rehashed about half as often:
 * each rehash touches the whole table. */
static bool too_full(size_t n, size_t nslots)
{
    return n * 10 > nslots * 7;
}

void zl_names_reserve(zl_names *t, size_t n)
{
    if (too_full(n, t->nslots))
        rehash(t, 2 * n);
    ZL_GROW(t->nodes, t->cap, n);
}

void zl_names_init(zl_names *t)
{
    memset(t, 0, sizeof *t);
    /* The root: empty label, no parent. */
    ZL_GROW(t->arena, t->acap, 1);
    t->arena[t->alen++] = 0;
    ZL_GROW(t->nodes, t->cap, 1);
    t->nodes[0] = (zl_name_node){.parent = ZL_NAME_NONE, .label = 0};
    t->n = 1;
    rehash(t, 1024);
}

void zl_names_free(zl_names *t)
{
    free(t->nodes);
    free(t->arena);
    free(t->slots);
    memset(t, 0, sizeof *t);
}

static size_t find_slot(const zl_names *t, zl_name_id parent, const uint8_t *label, size_t len,
                        uint32_t hash, bool *found)
{
    size_t s = home(hash, t->nslots);
    for (;;) {
        const struct zl_name_slot *e = &t->slots[s];
        if (!e->node) {
            *found = false;
            return s;
        }
        if (e->hash == hash) {
            const zl_name_node *n = &t->nodes[e->node - 1];
            if (n->parent == parent && label_eq(t, n, label, len)) {
                *found = true;
                return s;
            }
        }
        s = s + 1 == t->nslots ? 0 : s + 1;
    }
}

uint32_t zl_names_hash(zl_name_id parent, const uint8_t *label, size_t len)
{
    return hash_child(parent, label, len);
}

void zl_names_prefetch(const zl_names *t, uint32_t hash)
{
    __builtin_prefetch(&t->slots[home(hash, t->nslots)]);
}

zl_name_id zl_names_find_child(const zl_names *t, zl_name_id parent, const uint8_t *label,
                               size_t len)
{
    bool found;
    size_t s = find_slot(t, parent, label, len, hash_child(parent, label, len), &found);
    return found ? t->slots[s].node - 1 : ZL_NAME_NONE;
}

/* Each label in the arena is preceded by the wire length of its whole name
 * (at most 255), so the length check of a new child costs no walk to the
 * root: names of many labels would cost their depth squared. */
static size_t wire_length(const zl_names *t, zl_name_id id)
{
    return id == ZL_NAME_ROOT ? 1 : t->arena[t->nodes[id].label - 1];
}

unsigned zl_names_depth(const zl_names *t, zl_name_id id)
{
    unsigned d = 0;
    for (; id != ZL_NAME_ROOT; id = t->nodes[id].parent)
        d++;
    return d;
}

zl_name_id zl_names_child(zl_names *t, zl_name_id parent, const uint8_t *label, size_t len)
{
    return zl_names_child_hashed(t, parent, label, len, hash_child(parent, label, len));
}

zl_name_id zl_names_child_hashed(zl_names *t, zl_name_id parent, const uint8_t *label, size_t len,
                                 uint32_t hash)
{
    if (len == 0 || len > 63 || parent == ZL_NAME_NONE)
        return ZL_NAME_NONE;
    size_t wire = wire_length(t, parent) + len + 1;
    if (wire > ZL_NAME_MAX_WIRE)
        return ZL_NAME_NONE;
    bool found;
    size_t s = find_slot(t, parent, label, len, hash, &found);
    if (found)
        return t->slots[s].node - 1;

    ZL_GROW(t->arena, t->acap, t->alen + len + 2);
    t->arena[t->alen++] = (uint8_t)wire;
    uint32_t off = (uint32_t)t->alen;
    t->arena[t->alen++] = (uint8_t)len;
    copy_lower(t->arena + t->alen, label, len);
    t->alen += len;

    ZL_GROW(t->nodes, t->cap, t->n + 1);
    zl_name_id id = (zl_name_id)t->n++;
    t->nodes[id] = (zl_name_node){
        .parent = parent,
        .label = off,
    };
    t->slots[s] = (struct zl_name_slot){.hash = hash, .node = id + 1};
    if (too_full(t->n, t->nslots))
        rehash(t, 3 * t->n);
    return id;
}

/* Walk the labels of a wire name from the last to the first. */
static size_t collect_labels(const uint8_t *wire, size_t len, size_t *offs, size_t max)
{
    size_t n = 0, i = 0;
    while (i < len && wire[i] != 0) {
        if (n == max || i + 1 + wire[i] > len)
            return SIZE_MAX;
        offs[n++] = i;
        i += 1 + wire[i];
    }
    return n;
}

/* The labels of wire below base, from the last to the first: created when
 * t_add is given, looked up in t otherwise. */
static zl_name_id walk_wire(zl_names *t_add, const zl_names *t, zl_name_id base,
                            const uint8_t *wire, size_t len)
{
    size_t offs[128];
    size_t n = collect_labels(wire, len, offs, 128);
    if (n == SIZE_MAX)
        return ZL_NAME_NONE;
    zl_name_id id = base;
    for (size_t k = n; k-- > 0 && id != ZL_NAME_NONE;) {
        const uint8_t *label = wire + offs[k] + 1;
        id = t_add ? zl_names_child(t_add, id, label, wire[offs[k]])
                   : zl_names_find_child(t, id, label, wire[offs[k]]);
    }
    return id;
}

zl_name_id zl_names_add_wire(zl_names *t, zl_name_id base, const uint8_t *wire, size_t len)
{
    return walk_wire(t, t, base, wire, len);
}

zl_name_id zl_names_find_wire(const zl_names *t, zl_name_id base, const uint8_t *wire,
                              size_t len)
{
    return walk_wire(NULL, t, base, wire, len);
}

const uint8_t *zl_names_label(const zl_names *t, zl_name_id id, size_t *len)
{
    const uint8_t *l = t->arena + t->nodes[id].label;
    *len = l[0];
    return l + 1;
}

zl_name_id zl_names_ancestor(const zl_names *t, zl_name_id id, unsigned depth)
{
    if (id == ZL_NAME_NONE)
        return id;
    for (unsigned d = zl_names_depth(t, id); d > depth; d--)
        id = t->nodes[id].parent;
    return id;
}

bool zl_names_is_below(const zl_names *t, zl_name_id name, zl_name_id ancestor)
{
    if (name == ZL_NAME_NONE || ancestor == ZL_NAME_NONE)
        return false;
    for (zl_name_id id = name; id != ZL_NAME_NONE; id = t->nodes[id].parent)
        if (id == ancestor)
            return true;
    return false;
}

bool zl_names_repeats(const zl_names *t, zl_name_id name, zl_name_id base, zl_name_id suffix)
{
    if (name == ZL_NAME_NONE || base == ZL_NAME_NONE || suffix == ZL_NAME_NONE ||
        suffix == ZL_NAME_ROOT)
        return false;
    /* suffix.base is as long as suffix and base less one root octet, and
     * names grow longer going down: one walk up from name finds the only
     * ancestor that can be it (rules ask this of every record). */
    size_t want = wire_length(t, suffix) + wire_length(t, base) - 1;
    zl_name_id a = name;
    while (a != ZL_NAME_ROOT && wire_length(t, a) > want)
        a = t->nodes[a].parent;
    if (a == ZL_NAME_ROOT || wire_length(t, a) != want)
        return false;
    for (zl_name_id s = suffix; s != ZL_NAME_ROOT; s = t->nodes[s].parent) {
        const uint8_t *la = t->arena + t->nodes[a].label, *ls = t->arena + t->nodes[s].label;
        if (la[0] != ls[0] || memcmp(la + 1, ls + 1, la[0]) != 0)
            return false;
        a = t->nodes[a].parent;
    }
    return a == base;
}

size_t zl_names_wire(const zl_names *t, zl_name_id id, uint8_t *out)
{
    size_t n = 0;
    for (; id != ZL_NAME_ROOT; id = t->nodes[id].parent) {
        const uint8_t *l = t->arena + t->nodes[id].label;
        memcpy(out + n, l, (size_t)l[0] + 1);
        n += (size_t)l[0] + 1;
    }
    out[n++] = 0;
    return n;
}

/* Presentation form as ldns_rdf2str writes it (the same escapes: test
 * expectations and finding keys hold its output), without ldns's printf
 * per octet: rules format names on every record. */
void zl_names_format(const zl_names *t, zl_name_id id, zl_buf *out)
{
    if (id == ZL_NAME_NONE) {
        zl_buf_adds(out, "?");
        return;
    }
    if (id == ZL_NAME_ROOT) {
        zl_buf_addc(out, '.');
        return;
    }
    char text[4 * ZL_NAME_MAX_WIRE + 1]; /* every octet escaped as \DDD at most */
    size_t n = 0;
    for (; id != ZL_NAME_ROOT; id = t->nodes[id].parent) {
        const uint8_t *l = t->arena + t->nodes[id].label;
        for (size_t i = 1; i <= l[0]; i++) {
            uint8_t c = l[i];
            if (c == '.' || c == ';' || c == '(' || c == ')' || c == '\\') {
                text[n++] = '\\';
                text[n++] = (char)c;
            } else if (c < 0x21 || c > 0x7e) {
                text[n++] = '\\';
                text[n++] = (char)('0' + c / 100);
                text[n++] = (char)('0' + c / 10 % 10);
                text[n++] = (char)('0' + c % 10);
            } else {
                text[n++] = (char)c;
            }
        }
        text[n++] = '.';
    }
    zl_buf_add(out, text, n);
}

char *zl_names_str(const zl_names *t, zl_name_id id)
{
    zl_buf b = {0};
    zl_names_format(t, id, &b);
    return zl_buf_take(&b);
}

void zl_names_format_relative(const zl_names *t, zl_name_id name, zl_name_id ancestor,
                              zl_buf *out)
{
    if (name == ancestor) {
        zl_buf_addc(out, '@');
        return;
    }
    if (!zl_names_is_below(t, name, ancestor)) {
        zl_names_format(t, name, out);
        return;
    }
    zl_buf full = {0}, anc = {0};
    zl_names_format(t, name, &full);
    zl_names_format(t, ancestor, &anc);
    size_t keep = full.len - (ancestor == ZL_NAME_ROOT ? 1 : anc.len + 1);
    zl_buf_add(out, full.data, keep);
    zl_buf_free(&full);
    zl_buf_free(&anc);
}
