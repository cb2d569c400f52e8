#include "lint/engine/bound.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lint/util/util.h"

/* Checks run on several threads; their counts go to the one run. */
static pthread_mutex_t dropped_lock = PTHREAD_MUTEX_INITIALIZER;

static _Thread_local const zl_findings *sort_f; /* qsort has no context argument in C11 */

/* What the sort compares, side by side: reaching into the findings
 * themselves (a cache miss each) was most of the bound's time. */
typedef struct place {
    uintptr_t rule;
    uint32_t src, line, col;
    uint32_t i; /* in the list */
} place;

/* By rule, source, place and message; equal ones in list order. Rules
 * are told apart by address: only their groups matter, not their order. */
static int cmp_place(const void *pa, const void *pb)
{
    const place *a = pa, *b = pb;
    if (a->rule != b->rule)
        return a->rule < b->rule ? -1 : 1;
    if (a->src != b->src)
        return a->src < b->src ? -1 : 1;
    if (a->line != b->line)
        return a->line < b->line ? -1 : 1;
    if (a->col != b->col)
        return a->col < b->col ? -1 : 1;
    int c = strcmp(sort_f->v[a->i].message, sort_f->v[b->i].message);
    if (c)
        return c;
    return a->i < b->i ? -1 : a->i > b->i;
}

static bool same_place(const zl_finding *a, const zl_finding *b)
{
    return a->line == b->line && a->col == b->col && strcmp(a->message, b->message) == 0;
}

static void count_dropped(zl_lint *l, const zl_finding *f, size_t n)
{
    const char *path = f->path ? f->path : l->zs->srcs[f->src]->path;
    pthread_mutex_lock(&dropped_lock);
    size_t i = 0;
    while (i < l->ndropped && !(l->dropped[i].rule == f->rule && strcmp(l->dropped[i].path, path) == 0))
        i++;
    if (i == l->ndropped) {
        ZL_GROW(l->dropped, l->dcap, l->ndropped + 1);
        l->dropped[l->ndropped++] = (zl_dropped){f->rule, zl_xstrdup(path), 0};
    }
    l->dropped[i].n += n;
    pthread_mutex_unlock(&dropped_lock);
}

/* True when no rule has more findings in a source than the bound keeps,
 * duplicates counted: nothing is then dropped, and the sort is spared (a
 * list of 100,000 findings, a thousand a file, was sorted at each
 * doubling). Told with a small table of (rule, source) counts; false too
 * when the list has more groups than it holds. */
#define GROUP_SLOTS 4096
static bool groups_within_bound(const place *order, size_t n)
{
    struct group {
        uintptr_t rule;
        uint32_t src, count;
    } *slot = zl_xcalloc(GROUP_SLOTS, sizeof *slot);
    size_t used = 0;
    bool within = true;
    for (size_t i = 0; i < n && within; i++) {
        size_t h = (size_t)((order[i].rule >> 4) * 31 + order[i].src) * 0x9e3779b97f4a7c15u >> 52;
        while (slot[h].count && (slot[h].rule != order[i].rule || slot[h].src != order[i].src))
            h = (h + 1) % GROUP_SLOTS;
        if (!slot[h].count) {
            within = ++used <= GROUP_SLOTS / 2;
            slot[h].rule = order[i].rule;
            slot[h].src = order[i].src;
        }
        within = within && ++slot[h].count <= ZL_KEEP_PER_RULE_SOURCE;
    }
    free(slot);
    return within;
}

size_t zl_bound_compact(zl_lint *l, zl_findings *f)
{
    bool *gone = zl_xcalloc(f->n + 1, sizeof *gone);
    place *order = zl_xmalloc((f->n + 1) * sizeof *order);
    size_t n = 0;
    for (size_t i = 0; i < f->n; i++) {
        zl_finding *x = &f->v[i];
        if (x->src == ZL_NONE)
            continue;
        /* One placed by an earlier pass was not suppressed. */
        if (!x->line) {
            zl_source_position(l->zs->srcs[x->src], x->off, &x->line, &x->col);
            if (zl_lint_suppressed(l, x)) {
                gone[i] = true; /* finish() would drop it: it counts for nothing */
                continue;
            }
        }
        order[n++] = (place){(uintptr_t)x->rule, x->src, x->line, x->col, (uint32_t)i};
    }
    if (groups_within_bound(order, n))
        n = 0; /* nothing to sort: only the suppressed go */
    sort_f = f;
    qsort(order, n, sizeof *order, cmp_place);
    sort_f = NULL;
    for (size_t b = 0, e; b < n; b = e) {
        const zl_finding *x = &f->v[order[b].i];
        size_t distinct = 0, over = 0;
        for (e = b; e < n && order[e].rule == order[b].rule && order[e].src == order[b].src; e++) {
            /* The same finding twice is shown once (zl_findings_sort): the
             * first of them stays, the others count for nothing. */
            if (e > b && same_place(&f->v[order[e - 1].i], &f->v[order[e].i])) {
                gone[order[e].i] = true;
            } else if (++distinct > ZL_KEEP_PER_RULE_SOURCE) {
                gone[order[e].i] = true;
                over++;
            }
        }
        if (over)
            count_dropped(l, x, over);
    }
    size_t kept = 0;
    for (size_t i = 0; i < f->n; i++) {
        if (gone[i])
            zl_finding_free(&f->v[i]);
        else
            f->v[kept++] = f->v[i];
    }
    f->n = kept;
    free(gone);
    free(order);
    /* Twice what is left: a list of many small groups is sorted again only
     * as often as it doubles. */
    return 2 * kept > 2 * ZL_KEEP_PER_RULE_SOURCE ? 2 * kept : 2 * ZL_KEEP_PER_RULE_SOURCE;
}
