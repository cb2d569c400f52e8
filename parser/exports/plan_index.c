#include "parser/exports/plan_index.h"

#include <stdlib.h>
#include <string.h>

#include "lint/model/model.h"
#include "lint/util/util.h"

void zl_sindex_add(zl_sindex *x, const char *s, size_t len, uint32_t number)
{
    ZL_GROW(x->v, x->cap, x->n + 1);
    x->v[x->n++] = (struct zl_sindex_entry){s, len, number};
    free(x->by_hash); /* the next lookup sorts again, this one in */
    x->by_hash = NULL;
}

uint32_t zl_sindex_next(zl_sindex *x, const char *s, size_t len, size_t *at)
{
    if (!x->by_hash) {
        x->by_hash = zl_xmallocn(x->n + 1, sizeof *x->by_hash);
        for (size_t i = 0; i < x->n; i++)
            x->by_hash[i] = (zl_keyed){zl_hash_bytes(x->v[i].s, x->v[i].len), (uint32_t)i};
        zl_keyed_sort(x->by_hash, x->n);
        x->nhash = x->n;
    }
    uint64_t h = zl_hash_bytes(s, len);
    /* *at: the next position in by_hash to look at, + 1 */
    size_t i = *at ? *at - 1 : zl_keyed_find(x->by_hash, x->nhash, h);
    for (; i < x->nhash && x->by_hash[i].key == h; i++) {
        const struct zl_sindex_entry *e = &x->v[x->by_hash[i].i];
        if (e->len == len && memcmp(e->s, s, len) == 0) {
            *at = i + 2;
            return e->number;
        }
    }
    *at = i + 1;
    return ZL_NONE;
}

void zl_sindex_free(zl_sindex *x)
{
    free(x->v);
    free(x->by_hash);
    memset(x, 0, sizeof *x);
}
