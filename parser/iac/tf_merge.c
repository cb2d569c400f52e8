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

/* Whether z joins y: the same hosted zone of one module, or z holds no
 * record, only findings about the file y was read from (a limit reported
 * once the module is read: the file is listed once). */
static bool joins(const zl_zone *y, const zl_zone *z)
{
    if (strcmp(y->format, z->format) != 0)
        return false;
    if (z->apex == ZL_NAME_NONE)
        return z->nrecs == 0 && strcmp(y->path, z->path) == 0;
    return y->apex == z->apex && same_dir(y->path, z->path);
}

void tf_merge_zone(zl_zoneset *zs, zl_zone *z, size_t first)
{
    if (!zs->nzones || zs->zones[zs->nzones - 1] != z)
        return;
    zl_zone *into = NULL;
    for (size_t i = first; i + 1 < zs->nzones && !into; i++)
        if (joins(zs->zones[i], z))
            into = zs->zones[i];
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
