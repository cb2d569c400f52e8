/* A set of 32-bit values (name ids, mostly), open addressing. */
#ifndef ZL_U32SET_H
#define ZL_U32SET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct zl_u32set {
    uint32_t *slots; /* value + 1; 0 = empty */
    size_t nslots, n;
} zl_u32set;

void zl_u32set_add(zl_u32set *s, uint32_t v);
bool zl_u32set_has(const zl_u32set *s, uint32_t v);
void zl_u32set_free(zl_u32set *s);

#endif
