#include "lint/util/strset.h"

#include <stdlib.h>
#include <string.h>

#include "lint/util/util.h"

static void resize(zl_strset *set, size_t nslots)
{
    struct zl_strset_slot *old = set->slots;
    size_t oldn = set->nslots;
    set->slots = zl_xzeroed(nslots, sizeof *set->slots);
    set->nslots = nslots;
    for (size_t i = 0; i < oldn; i++) {
        if (!old[i].s)
            continue;
        size_t k = old[i].hash & (nslots - 1);
        while (set->slots[k].s)
            k = (k + 1) & (nslots - 1);
        set->slots[k] = old[i];
    }
    free(old);
}

bool zl_strset_add(zl_strset *set, const char *s, size_t len)
{
    size_t before = set->n;
    zl_strset_index(set, s, len);
    return set->n > before;
}

/* The slot holding s, or the empty one it would go in. */
static size_t probe(const zl_strset *set, const char *s, size_t len, uint64_t h)
{
    size_t k = h & (set->nslots - 1);
    for (; set->slots[k].s; k = (k + 1) & (set->nslots - 1))
        if (set->slots[k].hash == h && set->slots[k].len == len &&
            memcmp(set->slots[k].s, s, len) == 0)
            break;
    return k;
}

size_t zl_strset_find(const zl_strset *set, const char *s, size_t len)
{
    if (!set->nslots)
        return SIZE_MAX;
    size_t k = probe(set, s, len, zl_hash_bytes(s, len));
    return set->slots[k].s ? set->slots[k].index : SIZE_MAX;
}

size_t zl_strset_index(zl_strset *set, const char *s, size_t len)
{
    if ((set->n + 1) * 2 > set->nslots)
        resize(set, set->nslots ? set->nslots * 2 : 16);
    uint64_t h = zl_hash_bytes(s, len);
    size_t k = probe(set, s, len, h);
    if (set->slots[k].s)
        return set->slots[k].index;
    char *copy = zl_xmalloc(len + 1); /* not strndup: the octets may hold a NUL */
    memcpy(copy, s, len);
    copy[len] = '\0';
    set->slots[k] = (struct zl_strset_slot){copy, len, h, set->n};
    return set->n++;
}

void zl_strset_free(zl_strset *set)
{
    for (size_t i = 0; i < set->nslots; i++)
        free(set->slots[i].s);
    free(set->slots);
    memset(set, 0, sizeof *set);
}
