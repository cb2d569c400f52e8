#include "lint/model/scope.h"

#include <stdlib.h>
#include <string.h>

#include "lint/util/util.h"

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

void zl_scope_mark_fragments(zl_zoneset *zs)
{
    const char **included = zl_xmalloc((zs->nsrcs + 1) * sizeof *included);
    size_t n = 0;
    for (size_t i = 0; i < zs->nsrcs; i++)
        if (zs->srcs[i]->parent != ZL_NONE && zs->srcs[i]->identity)
            included[n++] = zs->srcs[i]->identity;
    if (n) {
        qsort(included, n, sizeof *included, cmp_str);
        for (size_t k = 0; k < zs->nzones; k++) {
            zl_zone *z = zs->zones[k];
            const char *id = z->src != ZL_NONE ? zs->srcs[z->src]->identity : NULL;
            if (z->scope == ZL_SCOPE_ZONE && id &&
                bsearch(&id, included, n, sizeof *included, cmp_str))
                z->scope = ZL_SCOPE_PART;
        }
    }
    free(included);
}
