#include "rules/ses/hits.h"

#include <ldns/ldns.h>
#include <stdlib.h>
#include <string.h>

#include "lint/util/group.h"
#include "lint/util/u32set.h"
#include "rules/values/txt.h"

/* A polynomial hash, so that a run of octets can be rolled along a value. */
#define POLY_BASE 0x100000001b3ULL

/* Four octets a step: the products of a step do not wait on each other,
 * only on the step before (the same sum, so the same hash). */
uint64_t zl_ses_run_hash(const char *text, size_t n, bool lower)
{
    const uint64_t b2 = POLY_BASE * POLY_BASE, b3 = b2 * POLY_BASE, b4 = b3 * POLY_BASE;
    const uint8_t *p = (const uint8_t *)text;
    uint64_t h = 0, c[4];
    size_t i = 0;
    for (; i + 4 <= n; i += 4) {
        for (unsigned k = 0; k < 4; k++)
            c[k] = lower ? (uint8_t)zl_ascii_lower(p[i + k]) : p[i + k];
        h = h * b4 + c[0] * b3 + c[1] * b2 + c[2] * POLY_BASE + c[3];
    }
    for (; i < n; i++)
        h = h * POLY_BASE + (uint8_t)(lower ? zl_ascii_lower(p[i]) : p[i]);
    return h;
}

/* The strings of one length, by hash; quick holds their hashes' high
 * halves, which turn away nearly every run of a value before a search. */
typedef struct patterns {
    size_t len;
    uint64_t top; /* POLY_BASE^(len - 1): what the octet leaving a run weighs */
    zl_keyed *keys;
    size_t n, cap;
    zl_u32set quick;
    uint64_t octets[4]; /* the octets the strings hold (values only) */
} patterns;

static bool holds_octet(const patterns *p, uint8_t c)
{
    return p->octets[c >> 6] >> (c & 63) & 1;
}

static uint32_t quick_key(uint64_t h)
{
    return (uint32_t)((h >> 32) % UINT32_MAX); /* the set cannot hold UINT32_MAX */
}

static void patterns_add(patterns *p, uint64_t hash, uint32_t j)
{
    ZL_GROW(p->keys, p->cap, p->n + 1);
    p->keys[p->n++] = (zl_keyed){hash, j};
    zl_u32set_add(&p->quick, quick_key(hash));
}

/* The first key with hash, or p->n. */
static size_t patterns_find(const patterns *p, uint64_t hash)
{
    if (!zl_u32set_has(&p->quick, quick_key(hash)))
        return p->n;
    return zl_keyed_find(p->keys, p->n, hash);
}

typedef struct search {
    const char *const *strings;
    patterns labels;  /* every LABEL string, lower-cased, whatever its length */
    patterns *values; /* the VALUE strings, one set per length */
    size_t nvalues;
    uint64_t *last; /* per string: the record it was last found in, + 1 */
    uint8_t *no_label; /* per name: its first label is none of the strings */
    size_t *of;      /* per hit: the string found */
    zl_ses_ref *refs; /* per hit: the record */
    size_t nhits, cap;
} search;

static void found(search *s, uint32_t j, uint32_t k, uint32_t i)
{
    uint64_t at = ((uint64_t)k << 32 | i) + 1;
    if (s->last[j] == at)
        return; /* a record counts once however often it holds the string */
    s->last[j] = at;
    if (s->nhits == s->cap) {
        s->cap = s->cap ? 2 * s->cap : 64;
        s->of = zl_xrealloc(s->of, s->cap * sizeof *s->of);
        s->refs = zl_xrealloc(s->refs, s->cap * sizeof *s->refs);
    }
    s->of[s->nhits] = j;
    s->refs[s->nhits++] = (zl_ses_ref){k, i};
}

static patterns *values_of_length(search *s, size_t len)
{
    for (size_t i = 0; i < s->nvalues; i++)
        if (s->values[i].len == len)
            return &s->values[i];
    s->values = zl_xrealloc(s->values, (s->nvalues + 1) * sizeof *s->values);
    patterns *p = &s->values[s->nvalues++];
    *p = (patterns){.len = len, .top = 1};
    for (size_t i = 1; i < len; i++)
        p->top *= POLY_BASE;
    return p;
}

/* Owners share their upper labels (the zone's own, "_domainkey"), so each
 * name's label is looked up once unless it is one of the strings. */
static void search_labels(search *s, const zl_names *names, zl_name_id owner, uint32_t k,
                          uint32_t i)
{
    for (zl_name_id id = owner; id != ZL_NAME_ROOT && id != ZL_NAME_NONE;
         id = zl_names_parent(names, id)) {
        if (s->no_label[id])
            continue;
        size_t len;
        const uint8_t *label = zl_names_label(names, id, &len);
        uint64_t h = zl_ses_run_hash((const char *)label, len, true);
        bool none = true;
        for (size_t at = patterns_find(&s->labels, h);
             at < s->labels.n && s->labels.keys[at].key == h; at++) {
            uint32_t j = s->labels.keys[at].i;
            if (zl_ascii_ieq((const char *)label, len, s->strings[j])) {
                found(s, j, k, i);
                none = false;
            }
        }
        s->no_label[id] = none;
    }
}

/* Every run of n >= p->len octets that p's strings hold, looked up. */
static void search_run(search *s, const patterns *p, const uint8_t *v, size_t n, uint32_t k,
                       uint32_t i)
{
    uint64_t h = zl_ses_run_hash((const char *)v, p->len, false);
    for (size_t start = 0;; start++) {
        for (size_t at = patterns_find(p, h); at < p->n && p->keys[at].key == h; at++) {
            uint32_t j = p->keys[at].i;
            if (memcmp(v + start, s->strings[j], p->len) == 0)
                found(s, j, k, i);
        }
        if (start + p->len >= n)
            break;
        h = (h - v[start] * p->top) * POLY_BASE + v[start + p->len];
    }
}

/* A string can only be within a run of the octets the strings hold (a
 * token within the first label of a CNAME target, between its dots), so
 * only runs as long as the strings are hashed. */
static void search_value(search *s, const patterns *p, const uint8_t *v, size_t n, uint32_t k,
                         uint32_t i)
{
    for (size_t from = 0; from + p->len <= n;) {
        while (from < n && !holds_octet(p, v[from]))
            from++;
        size_t to = from;
        while (to < n && holds_octet(p, v[to]))
            to++;
        if (to - from >= p->len)
            search_run(s, p, v + from, to - from, k, i);
        from = to;
    }
}

static void search_records(const zl_lint *l, search *s)
{
    const zl_names *names = &l->zs->names;
    zl_buf v = {0};
    for (uint32_t k = 0; k < l->zs->nzones; k++) {
        const zl_zone *z = l->zs->zones[k];
        for (uint32_t i = 0; i < z->nrecs; i++) {
            const zl_record *r = &z->recs[i];
            if (r->flags & ZL_REC_BAD_RDATA)
                continue;
            if (s->labels.n)
                search_labels(s, names, r->owner, k, i);
            if (!s->nvalues || (r->type != LDNS_RR_TYPE_CNAME && !zl_is_txt_type(r->type)))
                continue;
            zl_buf_reset(&v);
            zl_txt_value(l->zs, z, r, &v);
            for (size_t p = 0; p < s->nvalues; p++)
                search_value(s, &s->values[p], (const uint8_t *)zl_buf_str(&v), v.len, k, i);
        }
    }
    zl_buf_free(&v);
}

size_t zl_ses_hits_add(zl_ses_hits *h, const char *s, unsigned flags)
{
    if (h->built) { /* the next search takes this string in too */
        free(h->first);
        free(h->v);
        h->first = NULL;
        h->v = NULL;
        h->built = false;
    }
    if (h->n == h->cap) {
        h->cap = h->cap ? 2 * h->cap : 16;
        h->strings = zl_xrealloc(h->strings, h->cap * sizeof *h->strings);
        h->flags = zl_xrealloc(h->flags, h->cap * sizeof *h->flags);
    }
    h->strings[h->n] = s;
    h->flags[h->n] = flags;
    return h->n++;
}

static void build(const zl_lint *l, zl_ses_hits *h)
{
    size_t n = h->n;
    search s = {.strings = h->strings,
                .last = zl_xcalloc(n + 1, sizeof *s.last),
                .no_label = zl_xcalloc(l->zs->names.n, 1)};
    for (size_t j = 0; j < n; j++) {
        size_t len = strlen(h->strings[j]);
        if (len == 0)
            continue;
        if (h->flags[j] & ZL_HITS_LABEL)
            patterns_add(&s.labels, zl_ses_run_hash(h->strings[j], len, true), (uint32_t)j);
        if (h->flags[j] & ZL_HITS_VALUE) {
            patterns *p = values_of_length(&s, len);
            patterns_add(p, zl_ses_run_hash(h->strings[j], len, false), (uint32_t)j);
            for (const uint8_t *c = (const uint8_t *)h->strings[j]; *c; c++)
                p->octets[*c >> 6] |= 1ULL << (*c & 63);
        }
    }
    zl_keyed_sort(s.labels.keys, s.labels.n);
    for (size_t p = 0; p < s.nvalues; p++)
        zl_keyed_sort(s.values[p].keys, s.values[p].n);
    search_records(l, &s);
    /* The hits come in record order; grouped by string, they stay in it. */
    zl_groups by;
    zl_group_by(&by, s.of, s.nhits, n);
    h->built = true;
    h->first = by.start;
    h->v = zl_xmallocn(s.nhits + 1, sizeof *h->v);
    for (size_t x = 0; x < s.nhits; x++)
        h->v[x] = s.refs[by.order[x]];
    free(by.order);
    free(s.of);
    free(s.refs);
    free(s.last);
    free(s.no_label);
    free(s.labels.keys);
    zl_u32set_free(&s.labels.quick);
    for (size_t p = 0; p < s.nvalues; p++) {
        free(s.values[p].keys);
        zl_u32set_free(&s.values[p].quick);
    }
    free(s.values);
}

zl_ses_refs zl_ses_hits_of(const zl_lint *l, zl_ses_hits *h, size_t j)
{
    if (!h->built)
        build(l, h);
    return (zl_ses_refs){h->v + h->first[j], h->first[j + 1] - h->first[j]};
}

void zl_ses_hits_free(zl_ses_hits *h)
{
    free(h->strings);
    free(h->flags);
    free(h->first);
    free(h->v);
    memset(h, 0, sizeof *h);
}
