#include "parser/iac/tf_merge.h"

#include <stdlib.h>
#include <string.h>

#include "lint/io/fs.h"
#include "lint/util/util.h"

static bool same_dir(const char *a, const char *b)
{
    size_t na = (size_t)(zl_path_base(a) - a), nb = (size_t)(zl_path_base(b) - b);
    return na == nb && memcmp(a, b, na) == 0;
}

void tf_merge_zone(zl_zoneset *zs, zl_zone *z, size_t first)
{
    if (z->apex == ZL_NAME_NONE || !zs->nzones || zs->zones[zs->nzones - 1] != z)
        return;
    zl_zone *into = NULL;
    for (size_t i = first; i + 1 < zs->nzones && !into; i++) {
        zl_zone *y = zs->zones[i];
        if (y->apex == z->apex && strcmp(y->format, z->format) == 0 && same_dir(y->path, z->path))
            into = y;
    }
    if (!into)
        return;
    uint32_t *offs = NULL;
    size_t cap = 0;
    for (size_t i = 0; i < z->nrecs; i++) {
        const zl_record *r = &z->recs[i];
        ZL_GROW(offs, cap, r->ntok + 1u);
        for (unsigned t = 0; t < r->ntok; t++)
            offs[t] = zl_record_tok(zs, z, r, t).off;
        offs[r->ntok] = zl_record_end(z, r);
        zl_zone_add_record(into, r, zl_record_src(z, r), zl_record_origin(z, r), offs,
                           zl_record_name(z, r));
    }
    free(offs);
    uint32_t from = (uint32_t)(zs->nzones - 1), to = 0;
    while (zs->zones[to] != into)
        to++;
    for (size_t s = 0; s < zs->nsrcs; s++)
        if (zs->srcs[s]->zone == from)
            zs->srcs[s]->zone = to;
    zs->nzones--;
    zl_zone_free(z);
}
