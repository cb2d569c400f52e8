#include "lint/git/baseline.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "lint/util/util.h"

void zl_findings_drop_known(zl_findings *f, const zl_findings *base)
{
    if (!base->n)
        return;
    const char **keys = zl_xmalloc(base->n * sizeof *keys);
    bool *used = zl_xcalloc(base->n, sizeof *used);
    for (size_t i = 0; i < base->n; i++)
        keys[i] = base->v[i].key;
    qsort(keys, base->n, sizeof *keys, zl_cmp_strings);
    size_t kept = 0;
    for (size_t i = 0; i < f->n; i++) {
        zl_finding *x = &f->v[i];
        size_t lo = 0, hi = base->n;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (strcmp(keys[mid], x->key) < 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        while (lo < base->n && used[lo] && strcmp(keys[lo], x->key) == 0)
            lo++;
        if (lo < base->n && strcmp(keys[lo], x->key) == 0) {
            used[lo] = true;
            zl_finding_free(x);
        } else {
            f->v[kept++] = *x;
        }
    }
    f->n = kept;
    free(used);
    free(keys);
}
