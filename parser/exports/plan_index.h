/* Strings looked up, not searched for: a Terraform plan's zones by zone_id
 * and by address, and a module's configured resources by type and name.
 * Comparing each record with every zone and every configured resource made
 * a plan of 1,000 hosted zones take seconds. */
#ifndef ZL_PLAN_INDEX_H
#define ZL_PLAN_INDEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lint/util/keyed.h"

typedef struct zl_sindex {
    struct zl_sindex_entry {
        const char *s; /* kept, not copied */
        size_t len;
        uint32_t number;
    } *v;
    size_t n, cap;
    zl_keyed *by_hash; /* built when first asked */
    size_t nhash;
} zl_sindex;

/* The first len octets of s name number; numbers are added in ascending
 * order. */
void zl_sindex_add(zl_sindex *x, const char *s, size_t len, uint32_t number);
/* The numbers that exactly the len octets at s name, ascending: *at starts
 * at 0; ZL_NONE when there are no more. */
uint32_t zl_sindex_next(zl_sindex *x, const char *s, size_t len, size_t *at);
void zl_sindex_free(zl_sindex *x);

#endif
