#include "rules/ses/near.h"

#include <stdlib.h>
#include <string.h>

#include "lint/util/util.h"
#include "rules/ses/hits.h"

/* The parts a near miss shares with a string of wn octets. A string of
 * three octets or fewer shares no end: a near miss of it holds it, or is
 * at most six octets long (SHORT) and differs in at most three. */
enum { PART_PREFIX = 1, PART_SUFFIX, PART_WITHIN, PART_SHORT };
#define SHORT_NEAR 6

/* h: the octets a near miss of a string of wn octets shares at one end at
 * least; 0 when the string is that short. */
static size_t shared(size_t wn)
{
    return wn > 3 ? (wn - 2) / 2 : 0;
}

static uint64_t part_hash(const char *p, size_t n, unsigned part)
{
    return zl_ses_run_hash(p, n, true) ^ (part * 0x9e3779b97f4a7c15ULL) ^
           (n * 0xc2b2ae3d27d4eb4fULL);
}

/* The key of the short strings of length len (0: of any length). */
static uint64_t short_key(size_t len)
{
    return (PART_SHORT * 0x9e3779b97f4a7c15ULL) ^ (len * 0xff51afd7ed558ccdULL);
}

/* The set indexed for one want length (of_want), or, with len 0, for its
 * own strings as the wants (of_found, with their distinct lengths). */
struct zl_ses_near_index {
    size_t len;
    zl_keyed *keys;
    size_t n, cap;
    size_t *lens;
    size_t nlens;
};

static void drop_indexes(zl_ses_nearset *set)
{
    for (size_t k = 0; k < set->nix; k++) {
        free(set->ix[k].keys);
        free(set->ix[k].lens);
    }
    free(set->ix);
    set->ix = NULL;
    set->nix = 0;
}

void zl_ses_nearset_add(zl_ses_nearset *set, const char *s, size_t n)
{
    drop_indexes(set); /* built without s: they would miss it */
    if (set->n == set->cap) {
        set->cap = set->cap ? 2 * set->cap : 16;
        set->s = zl_xrealloc(set->s, set->cap * sizeof *set->s);
        set->len = zl_xrealloc(set->len, set->cap * sizeof *set->len);
    }
    set->s[set->n] = s;
    set->len[set->n++] = n;
}

static void key_add(struct zl_ses_near_index *x, uint64_t hash, size_t i)
{
    ZL_GROW(x->keys, x->cap, x->n + 1);
    x->keys[x->n++] = (zl_keyed){hash, (uint32_t)i};
}

static int cmp_u32(const void *pa, const void *pb)
{
    uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;
    return a < b ? -1 : a > b;
}

static struct zl_ses_near_index *new_index(zl_ses_nearset *set, size_t len)
{
    set->ix = zl_xrealloc(set->ix, (set->nix + 1) * sizeof *set->ix);
    struct zl_ses_near_index *x = &set->ix[set->nix++];
    *x = (struct zl_ses_near_index){.len = len};
    return x;
}

static const struct zl_ses_near_index *find_index(const zl_ses_nearset *set, size_t len)
{
    for (size_t k = 0; k < set->nix; k++)
        if (set->ix[k].len == len)
            return &set->ix[k];
    return NULL;
}

/* Add to *out the strings indexed under hash. */
static void lookup(const struct zl_ses_near_index *x, uint64_t hash, uint32_t **out, size_t *n,
                   size_t *cap)
{
    for (size_t lo = zl_keyed_find(x->keys, x->n, hash);
         lo < x->n && x->keys[lo].key == hash; lo++) {
        ZL_GROW(*out, *cap, *n + 1);
        (*out)[(*n)++] = x->keys[lo].i;
    }
}

static size_t sorted_once(uint32_t *v, size_t n)
{
    zl_sort(v, n, sizeof *v, cmp_u32);
    size_t kept = 0;
    for (size_t i = 0; i < n; i++)
        if (!kept || v[kept - 1] != v[i])
            v[kept++] = v[i];
    return kept;
}

size_t zl_ses_nearset_of_want(zl_ses_nearset *set, const char *want, size_t wn, uint32_t **out)
{
    size_t h = shared(wn), n = 0, cap = 0;
    *out = NULL;
    const struct zl_ses_near_index *x = find_index(set, wn);
    if (!x) {
        struct zl_ses_near_index *nx = new_index(set, wn);
        for (size_t i = 0; i < set->n; i++) {
            const char *s = set->s[i];
            size_t sn = set->len[i];
            if (h && sn >= h) {
                key_add(nx, part_hash(s, h, PART_PREFIX), i);
                key_add(nx, part_hash(s + sn - h, h, PART_SUFFIX), i);
            }
            if (!h && sn <= SHORT_NEAR)
                key_add(nx, short_key(0), i);
            for (size_t at = 0; sn > wn && at + wn <= sn; at++)
                key_add(nx, part_hash(s + at, wn, PART_WITHIN), i);
        }
        zl_keyed_sort(nx->keys, nx->n);
        x = nx;
    }
    if (h) {
        lookup(x, part_hash(want, h, PART_PREFIX), out, &n, &cap);
        lookup(x, part_hash(want + wn - h, h, PART_SUFFIX), out, &n, &cap);
    } else {
        lookup(x, short_key(0), out, &n, &cap);
    }
    lookup(x, part_hash(want, wn, PART_WITHIN), out, &n, &cap);
    return sorted_once(*out, n);
}

size_t zl_ses_nearset_of_found(zl_ses_nearset *set, const char *found, size_t fn,
                               uint32_t **out)
{
    size_t n = 0, cap = 0;
    *out = NULL;
    const struct zl_ses_near_index *x = find_index(set, 0);
    if (!x) {
        struct zl_ses_near_index *nx = new_index(set, 0);
        for (size_t i = 0; i < set->n; i++) {
            const char *s = set->s[i];
            size_t wn = set->len[i], h = shared(wn);
            if (h) {
                key_add(nx, part_hash(s, h, PART_PREFIX), i);
                key_add(nx, part_hash(s + wn - h, h, PART_SUFFIX), i);
            } else {
                key_add(nx, short_key(wn), i);
            }
            key_add(nx, part_hash(s, wn, PART_WITHIN), i);
            size_t k = 0;
            while (k < nx->nlens && nx->lens[k] != wn)
                k++;
            if (k == nx->nlens) {
                nx->lens = zl_xrealloc(nx->lens, (nx->nlens + 1) * sizeof *nx->lens);
                nx->lens[nx->nlens++] = wn;
            }
        }
        zl_keyed_sort(nx->keys, nx->n);
        x = nx;
    }
    for (size_t k = 0; k < x->nlens; k++) {
        size_t wn = x->lens[k], h = shared(wn);
        if (h == 0 && fn <= SHORT_NEAR)
            lookup(x, short_key(wn), out, &n, &cap);
        if (h && fn >= h) {
            lookup(x, part_hash(found, h, PART_PREFIX), out, &n, &cap);
            lookup(x, part_hash(found + fn - h, h, PART_SUFFIX), out, &n, &cap);
        }
        for (size_t at = 0; fn > wn && at + wn <= fn; at++)
            lookup(x, part_hash(found + at, wn, PART_WITHIN), out, &n, &cap);
    }
    return sorted_once(*out, n);
}

void zl_ses_nearset_free(zl_ses_nearset *set)
{
    drop_indexes(set);
    free(set->s);
    free(set->len);
    memset(set, 0, sizeof *set);
}
