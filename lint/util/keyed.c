#include "lint/util/keyed.h"

#include <stdlib.h>
#include <string.h>

#include "lint/util/util.h"

static int cmp_keyed(const void *pa, const void *pb)
{
    const zl_keyed *a = pa, *b = pb;
    if (a->key != b->key)
        return a->key < b->key ? -1 : 1;
    return a->i < b->i ? -1 : a->i > b->i;
}

/* Below this many items a comparison sort costs less than the radix
 * sort's counting passes. */
#define RADIX_MIN 512
#define DIGIT_BITS 11
#define DIGITS (1u << DIGIT_BITS)

/* Digit d of the item's 96-bit sort key: the number in the low 32 bits,
 * the key above it, so that sorting digit by digit from d = 0 up orders by
 * key, then number. */
static unsigned digit(const zl_keyed *x, unsigned d)
{
    unsigned shift = d * DIGIT_BITS;
    if (shift < 32)
        return (unsigned)((x->i >> shift) & (DIGITS - 1)) |
               (shift + DIGIT_BITS > 32 ? (unsigned)(x->key << (32 - shift)) & (DIGITS - 1) : 0);
    return (unsigned)(x->key >> (shift - 32)) & (DIGITS - 1);
}

/* The bits in which some items differ (of the number only when the
 * numbers do not ascend: items added in order of their numbers, as they
 * nearly always are, are in order of them already). */
static zl_keyed differing_bits(const zl_keyed *v, size_t n)
{
    uint64_t kor = 0, kand = UINT64_MAX;
    uint32_t ior = 0, iand = UINT32_MAX;
    bool ascend = true;
    for (size_t k = 0; k < n; k++) {
        kor |= v[k].key;
        kand &= v[k].key;
        ior |= v[k].i;
        iand &= v[k].i;
        if (k && v[k].i < v[k - 1].i)
            ascend = false;
    }
    return (zl_keyed){kor ^ kand, ascend ? 0 : ior ^ iand};
}

/* Keys are hashes or name ids, so a comparison sort of the many an SES
 * check indexes (a key or three per token, or per record) cost more than
 * the search they serve. Least significant digit first, each pass stable;
 * a digit that all items share needs no pass (the high digits of name ids;
 * the number's digits, ascending). */
static void radix_sort(zl_keyed *v, size_t n)
{
    zl_keyed *tmp = zl_xmallocn(n, sizeof *tmp), *from = v, *to = tmp;
    size_t *count = zl_xmallocn(DIGITS, sizeof *count);
    zl_keyed differ = differing_bits(v, n);
    for (unsigned d = 0; d * DIGIT_BITS < 96; d++) {
        if (!digit(&differ, d))
            continue;
        memset(count, 0, DIGITS * sizeof *count);
        for (size_t k = 0; k < n; k++)
            count[digit(&from[k], d)]++;
        for (size_t b = 0, at = 0; b < DIGITS; b++) {
            size_t c = count[b];
            count[b] = at;
            at += c;
        }
        for (size_t k = 0; k < n; k++)
            to[count[digit(&from[k], d)]++] = from[k];
        zl_keyed *t = from;
        from = to;
        to = t;
    }
    if (from != v)
        memcpy(v, from, n * sizeof *v);
    free(count);
    free(tmp);
}

void zl_keyed_sort(zl_keyed *v, size_t n)
{
    if (n < RADIX_MIN)
        zl_sort(v, n, sizeof *v, cmp_keyed);
    else
        radix_sort(v, n);
}

size_t zl_keyed_find(const zl_keyed *v, size_t n, uint64_t key)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v[mid].key < key)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && v[lo].key == key ? lo : n;
}
