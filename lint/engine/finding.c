#include "lint/engine/finding.h"

#include <stdlib.h>
#include <string.h>

#include "lint/engine/registry.h"
#include "lint/model/model.h"
#include "lint/util/util.h"

void zl_findings_add(zl_findings *f, zl_finding x)
{
    ZL_GROW(f->v, f->cap, f->n + 1);
    f->v[f->n++] = x;
}

static int cmp_u32(uint32_t a, uint32_t b)
{
    return a < b ? -1 : a > b;
}

/* Paths are compared by their rank among the list's distinct paths (see
 * rank_paths): a run's findings come from a few files, and comparing their
 * paths as text at every step of the sort was a third of its time. */
static int cmp_finding(const void *pa, const void *pb)
{
    const zl_finding *a = pa, *b = pb;
    int c = cmp_u32(a->path_rank, b->path_rank);
    if (!c)
        c = cmp_u32(a->line, b->line);
    if (!c)
        c = cmp_u32(a->col, b->col);
    if (!c)
        c = strcmp(a->rule->id, b->rule->id);
    if (!c)
        c = strcmp(a->message, b->message);
    return c;
}

/* The same finding twice: one YAML anchor merged into several records, or
 * a record read once per zone through an $INCLUDE several zones share (whose
 * messages may name each zone). One cause, one finding. */
static bool same(const zl_finding *a, const zl_finding *b)
{
    if (a->path_rank != b->path_rank || a->line != b->line || a->col != b->col ||
        a->end_col != b->end_col || a->rule != b->rule || !a->line)
        return false;
    return a->zone != b->zone || strcmp(a->message, b->message) == 0;
}

/* A distinct path and its index among them, sorted by text to rank it. */
typedef struct path_of {
    const char *path;
    size_t k;
} path_of;

static int cmp_path(const void *pa, const void *pb)
{
    return strcmp(((const path_of *)pa)->path, ((const path_of *)pb)->path);
}

/* Set each finding's path_rank: the distinct paths are found with a hash
 * table (each path hashed once), then sorted as text. */
static void rank_paths(zl_findings *f)
{
    size_t cap = 16;
    while (cap < 2 * f->n)
        cap *= 2;
    size_t *slot = zl_xzeroed(cap, sizeof *slot); /* index into distinct + 1; 0: empty */
    const char **distinct = zl_xmalloc(f->n * sizeof *distinct);
    uint32_t *of = zl_xmalloc(f->n * sizeof *of); /* per finding: its index in distinct */
    size_t nd = 0;
    for (size_t i = 0; i < f->n; i++) {
        const char *p = f->v[i].path;
        size_t h = (size_t)zl_hash_text(p) & (cap - 1);
        while (slot[h] && strcmp(distinct[slot[h] - 1], p) != 0)
            h = (h + 1) & (cap - 1);
        if (!slot[h]) {
            distinct[nd] = p;
            slot[h] = ++nd;
        }
        of[i] = (uint32_t)(slot[h] - 1);
    }
    path_of *sorted = zl_xmalloc(nd * sizeof *sorted);
    for (size_t k = 0; k < nd; k++)
        sorted[k] = (path_of){distinct[k], k};
    qsort(sorted, nd, sizeof *sorted, cmp_path);
    uint32_t *rank = zl_xmalloc(nd * sizeof *rank); /* of distinct[k] */
    for (size_t r = 0; r < nd; r++)
        rank[sorted[r].k] = (uint32_t)r;
    for (size_t i = 0; i < f->n; i++)
        f->v[i].path_rank = rank[of[i]];
    free(rank);
    free(sorted);
    free(of);
    free(distinct);
    free(slot);
}

void zl_findings_sort(zl_findings *f)
{
    if (f->n < 2)
        return;
    rank_paths(f);
    qsort(f->v, f->n, sizeof *f->v, cmp_finding);
    size_t kept = 1;
    for (size_t i = 1; i < f->n; i++) {
        if (same(&f->v[kept - 1], &f->v[i]))
            zl_finding_free(&f->v[i]);
        else
            f->v[kept++] = f->v[i];
    }
    f->n = kept;
}

void zl_finding_place(zl_finding *f, const zl_source *s)
{
    if (!f->line)
        zl_source_position(s, f->off, &f->line, &f->col);
    uint32_t end_line, end_col;
    zl_source_span_end(s, f->off, f->len, f->line, f->col, &end_line, &end_col);
    f->end_col = end_line == f->line && f->len ? end_col : f->col + 1;
}

void zl_finding_free(zl_finding *x)
{
    free(x->path);
    free(x->message);
    free(x->hint);
    free(x->key);
    zl_fix_free(x->fix);
}

static size_t dropped_of(const zl_dropped *d, size_t nd, size_t rule, const char *path)
{
    size_t n = 0;
    for (size_t i = 0; i < nd; i++)
        if (zl_rule_index(d[i].rule) == rule && strcmp(d[i].path, path) == 0)
            n += d[i].n;
    return n;
}

void zl_findings_cap(zl_findings *f, const zl_dropped *dropped, size_t ndropped)
{
    size_t *count = zl_xcalloc(zl_nrules, sizeof *count);
    zl_severity *sev = zl_xcalloc(zl_nrules, sizeof *sev);
    zl_findings more = {0};
    size_t kept = 0, end;
    for (size_t start = 0; start < f->n; start = end) {
        for (end = start; end < f->n && strcmp(f->v[end].path, f->v[start].path) == 0; end++)
            ;
        size_t first = kept; /* the file's first finding is always kept */
        memset(count, 0, zl_nrules * sizeof *count);
        for (size_t i = start; i < end; i++) {
            size_t r = zl_rule_index(f->v[i].rule);
            if (++count[r] > ZL_MAX_FINDINGS_PER_RULE_FILE) {
                zl_finding_free(&f->v[i]);
                continue;
            }
            sev[r] = f->v[i].severity;
            f->v[kept++] = f->v[i];
        }
        for (size_t r = 0; r < zl_nrules; r++) {
            size_t all = count[r] ? count[r] + dropped_of(dropped, ndropped, r,
                                                          f->v[first].path)
                                  : 0;
            if (all <= ZL_MAX_FINDINGS_PER_RULE_FILE)
                continue;
            size_t extra = all - ZL_MAX_FINDINGS_PER_RULE_FILE;
            zl_findings_add(&more,
                            (zl_finding){.rule = zl_rules[r],
                                         .severity = sev[r],
                                         .path = zl_xstrdup(f->v[first].path),
                                         .src = UINT32_MAX,
                                         .message = zl_xasprintf(
                                             "and %zu more findings of %s in this file, not "
                                             "shown: zonelint shows the first %d of a rule "
                                             "in a file",
                                             extra, zl_rules[r]->id,
                                             ZL_MAX_FINDINGS_PER_RULE_FILE),
                                         .key = zl_xasprintf("%s|more", zl_rules[r]->id)});
        }
    }
    f->n = kept;
    for (size_t i = 0; i < more.n; i++)
        zl_findings_add(f, more.v[i]);
    free(more.v);
    free(count);
    free(sev);
    if (more.n)
        zl_findings_sort(f);
}

void zl_findings_free(zl_findings *f)
{
    for (size_t i = 0; i < f->n; i++)
        zl_finding_free(&f->v[i]);
    free(f->v);
    memset(f, 0, sizeof *f);
}

size_t zl_findings_fixable(const zl_findings *f, zl_fix_safety upto)
{
    size_t n = 0;
    for (size_t i = 0; i < f->n; i++)
        n += f->v[i].fix && f->v[i].fix->safety <= upto;
    return n;
}

void zl_findings_count(const zl_findings *f, size_t counts[4])
{
    memset(counts, 0, 4 * sizeof counts[0]);
    for (size_t i = 0; i < f->n; i++)
        counts[f->v[i].severity]++;
}
