/* The numbers 0 .. n-1 grouped by a key each (below nkeys), in their order
 * within a group: a counting sort, linear in n and nkeys. */
#ifndef ZL_GROUP_H
#define ZL_GROUP_H

#include <stddef.h>

typedef struct zl_groups {
    size_t *order; /* n numbers: those of group g are order[start[g] .. start[g + 1]) */
    size_t *start; /* nkeys + 1 */
} zl_groups;

void zl_group_by(zl_groups *g, const size_t *key, size_t n, size_t nkeys);
void zl_groups_free(zl_groups *g);

#endif
