/* Numbers under 64-bit keys (hashes of strings, name ids), in an array
 * sorted by key, then number: the indexes that stand in for comparing
 * every item with every other. */
#ifndef ZL_KEYED_H
#define ZL_KEYED_H

#include <stddef.h>
#include <stdint.h>

typedef struct zl_keyed {
    uint64_t key;
    uint32_t i;
} zl_keyed;

void zl_keyed_sort(zl_keyed *v, size_t n);
/* The first of v[0 .. n) under key, or n. */
size_t zl_keyed_find(const zl_keyed *v, size_t n, uint64_t key);

#endif
