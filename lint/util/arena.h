/* Many small objects freed together (the values a Terraform module
 * evaluates to). One malloc each cost its header and a pointer to free it
 * by, and the Terraform reader took 27 times the size of its file; objects
 * carved from chunks of 64 KiB do not. Under AddressSanitizer each object
 * is its own allocation, so that an overflow past one is still caught. */
#ifndef ZL_ARENA_H
#define ZL_ARENA_H

#include <stddef.h>

typedef struct zl_arena {
    void **blocks; /* chunks and large objects, freed together */
    size_t n, cap;
    char *next; /* free space of the current chunk */
    size_t left;
} zl_arena;

/* n zeroed bytes, aligned for pointers, sizes and doubles (not long
 * double), until zl_arena_free. */
void *zl_arena_zalloc(zl_arena *a, size_t n);
void zl_arena_free(zl_arena *a);

#endif
