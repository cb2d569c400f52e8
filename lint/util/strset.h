/* A set of strings, copied in, open addressing on their hashes: what was
 * seen before, asked once per item (comparing each with all before it made
 * 80,000 Route 53 routing-policy sets take seconds), and in which order
 * each was first added (Terraform's merge() keeps the first place of a key). */
#ifndef ZL_STRSET_H
#define ZL_STRSET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct zl_strset {
    struct zl_strset_slot {
        char *s; /* NULL: empty */
        size_t len;
        uint64_t hash;
        size_t index; /* how many were added before it */
    } *slots;
    size_t nslots, n;
} zl_strset;

/* Adds the len octets at s; false when they were in the set already. */
bool zl_strset_add(zl_strset *set, const char *s, size_t len);
/* The same, and how many strings were added before s was first: set->n - 1
 * when it is new. */
size_t zl_strset_index(zl_strset *set, const char *s, size_t len);
/* Lookup only: how many strings were added before s, or SIZE_MAX when s
 * was never added. */
size_t zl_strset_find(const zl_strset *set, const char *s, size_t len);
void zl_strset_free(zl_strset *set);

#endif
