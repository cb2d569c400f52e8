#include "lint/util/arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lint/util/util.h"

#if defined(__SANITIZE_ADDRESS__)
#define ZL_ARENA_EACH 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ZL_ARENA_EACH 1
#endif
#endif

#define CHUNK ((size_t)64 << 10)
/* What the objects hold (pointers, sizes, doubles) needs eight on x86-64,
 * not max_align_t's sixteen, which rounded values of 72 octets up to 80. */
#define ALIGN _Alignof(union { void *p; size_t n; double d; uint64_t u; })

static void *block(zl_arena *a, size_t n)
{
    void *p = zl_xcalloc(1, n);
    ZL_GROW(a->blocks, a->cap, a->n + 1);
    a->blocks[a->n++] = p;
    return p;
}

void *zl_arena_zalloc(zl_arena *a, size_t n)
{
    size_t need = n ? (n + ALIGN - 1) / ALIGN * ALIGN : ALIGN;
#ifdef ZL_ARENA_EACH
    return block(a, need);
#else
    if (need < n || need > CHUNK / 8) /* a large object is a block of its own */
        return block(a, n);
    if (need > a->left) {
        a->next = block(a, CHUNK);
        a->left = CHUNK;
    }
    void *p = a->next;
    a->next += need;
    a->left -= need;
    return p;
#endif
}

void zl_arena_free(zl_arena *a)
{
    for (size_t i = 0; i < a->n; i++)
        free(a->blocks[i]);
    free(a->blocks);
    memset(a, 0, sizeof *a);
}
