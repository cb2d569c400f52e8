#include "lint/util/u32set.h"

#include <stdlib.h>

#include "lint/util/util.h"

static size_t slot_of(uint32_t v, size_t nslots)
{
    return (size_t)((v * 2654435761u) & (nslots - 1));
}

static void resize(zl_u32set *s, size_t nslots)
{
    uint32_t *old = s->slots;
    size_t oldn = s->nslots;
    s->slots = zl_xzeroed(nslots, sizeof *s->slots);
    s->nslots = nslots;
    for (size_t i = 0; i < oldn; i++) {
        if (!old[i])
            continue;
        size_t k = slot_of(old[i] - 1, nslots);
        while (s->slots[k])
            k = (k + 1) & (nslots - 1);
        s->slots[k] = old[i];
    }
    free(old);
}

void zl_u32set_add(zl_u32set *s, uint32_t v)
{
    if ((s->n + 1) * 2 > s->nslots)
        resize(s, s->nslots ? s->nslots * 2 : 16);
    size_t k = slot_of(v, s->nslots);
    while (s->slots[k]) {
        if (s->slots[k] == v + 1)
            return;
        k = (k + 1) & (s->nslots - 1);
    }
    s->slots[k] = v + 1;
    s->n++;
}

bool zl_u32set_has(const zl_u32set *s, uint32_t v)
{
    if (!s->n)
        return false;
    for (size_t k = slot_of(v, s->nslots); s->slots[k]; k = (k + 1) & (s->nslots - 1))
        if (s->slots[k] == v + 1)
            return true;
    return false;
}

void zl_u32set_free(zl_u32set *s)
{
    free(s->slots);
    s->slots = NULL;
    s->nslots = s->n = 0;
}
