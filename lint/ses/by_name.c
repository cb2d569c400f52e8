#include "lint/ses/by_name.h"

#include <stdlib.h>
#include <string.h>

#include "lint/util/util.h"

static const char *name_of(const zl_ses_identity *id, zl_ses_name_kind kind)
{
    return kind == ZL_SES_BY_DOMAIN ? id->domain : id->mail_from;
}

static _Thread_local zl_ses_name_kind sort_kind; /* qsort has no context argument in C11 */

static int cmp_by_name(const void *pa, const void *pb)
{
    const zl_ses_identity *a = *(const zl_ses_identity *const *)pa;
    const zl_ses_identity *b = *(const zl_ses_identity *const *)pb;
    int c = strcmp(name_of(a, sort_kind), name_of(b, sort_kind));
    return c ? c : (a > b) - (a < b);
}

void zl_ses_by_name_build(zl_ses_by_name *b, const zl_ses_expect *e, zl_ses_name_kind kind)
{
    b->kind = kind;
    b->n = 0;
    b->v = zl_xmallocn(e->n + 1, sizeof *b->v);
    for (size_t i = 0; i < e->n; i++)
        if (name_of(&e->v[i], kind))
            b->v[b->n++] = &e->v[i];
    sort_kind = kind;
    zl_sort(b->v, b->n, sizeof *b->v, cmp_by_name);
}

const zl_ses_identity *const *zl_ses_by_name_find(const zl_ses_by_name *b, const char *name,
                                                 size_t *run)
{
    size_t lo = 0, hi = b->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(name_of(b->v[mid], b->kind), name) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t e = lo;
    while (e < b->n && strcmp(name_of(b->v[e], b->kind), name) == 0)
        e++;
    *run = e - lo;
    return e > lo ? &b->v[lo] : NULL;
}

void zl_ses_by_name_free(zl_ses_by_name *b)
{
    free(b->v);
    memset(b, 0, sizeof *b);
}
