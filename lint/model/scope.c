#include "lint/model/scope.h"

#include <stdlib.h>
#include <string.h>

#include "lint/util/util.h"

void zl_scope_mark_fragments(zl_zoneset *zs)
{
    const char **included = zl_xmalloc((zs->nsrcs + 1) * sizeof *included);
    size_t n = 0;
    for (size_t i = 0; i < zs->nsrcs; i++)
        if (zs->srcs[i]->parent != ZL_NONE && zs->srcs[i]->identity)
            included[n++] = zs->srcs[i]->identity;
    if (n) {
        qsort(included, n, sizeof *included, zl_cmp_strings);
        for (size_t k = 0; k < zs->nzones; k++) {
            zl_zone *z = zs->zones[k];
            const char *id = z->src != ZL_NONE ? zs->srcs[z->src]->identity : NULL;
            if (z->scope == ZL_SCOPE_ZONE && id &&
                bsearch(&id, included, n, sizeof *included, zl_cmp_strings))
                z->scope = ZL_SCOPE_PART;
        }
    }
    free(included);
}
