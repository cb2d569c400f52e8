#include "lint/util/group.h"

#include <stdlib.h>
#include <string.h>

#include "lint/util/util.h"

void zl_group_by(zl_groups *g, const size_t *key, size_t n, size_t nkeys)
{
    g->start = zl_xzeroed(nkeys + 1, sizeof *g->start);
    g->order = zl_xmallocn(n + 1, sizeof *g->order);
    for (size_t i = 0; i < n; i++)
        g->start[key[i] + 1]++;
    for (size_t k = 0; k < nkeys; k++)
        g->start[k + 1] += g->start[k];
    size_t *next = zl_xmallocn(nkeys + 1, sizeof *next);
    memcpy(next, g->start, (nkeys + 1) * sizeof *next);
    for (size_t i = 0; i < n; i++)
        g->order[next[key[i]]++] = i;
    free(next);
}

void zl_groups_free(zl_groups *g)
{
    free(g->order);
    free(g->start);
    memset(g, 0, sizeof *g);
}
