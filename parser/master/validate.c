#include "parser/master/validate.h"

#include <stdlib.h>
#include <string.h>

#include "lint/util/parallel.h"

#define CHUNK 4096 /* records per task */

typedef struct task_out {
    zl_early_diag *diags;
    size_t n, cap;
} task_out;

typedef struct job {
    zl_zoneset *zs;
    zl_zone *z;
    const zl_prechecked *pre;
    task_out *out; /* one per task, merged in task order: deterministic */
} job;

static bool prechecked(const zl_prechecked *p, size_t rec)
{
    return rec / 64 < p->nwords && (p->done[rec / 64] >> (rec % 64) & 1u);
}

/* Record rec's result: its flags, and when its rdata is bad the diagnostic
 * at the field at fault (the type when there is no field), appended to
 * *diags; the message is taken over. */
static void note(const zl_zoneset *zs, zl_zone *z, uint32_t rec, zl_rdata_result *res,
                 zl_early_diag **diags, size_t *n, size_t *cap)
{
    zl_record *r = &z->recs[rec];
    if (res->generic)
        r->flags |= ZL_REC_GENERIC;
    if (!res->message)
        return;
    r->flags |= ZL_REC_BAD_RDATA;
    zl_tok at = zl_record_nrdata(r) ? zl_record_rdata(zs, z, r, res->tok)
                                    : zl_record_tok(zs, z, r, zl_record_i_type(r));
    ZL_GROW(*diags, *cap, *n + 1);
    (*diags)[(*n)++] = (zl_early_diag){.rec = rec,
                                       .d = {.rule = "syntax-error",
                                             .src = zl_record_src(z, r),
                                             .off = at.off,
                                             .len = at.len,
                                             .message = res->message}};
    res->message = NULL;
}

void zl_prechecked_add(zl_prechecked *p, const zl_zoneset *zs, zl_zone *z, uint32_t rec,
                       zl_rdata_result *res)
{
    size_t had = p->nwords;
    ZL_GROW(p->done, p->nwords, rec / 64 + 1);
    if (p->nwords > had)
        memset(p->done + had, 0, (p->nwords - had) * sizeof *p->done);
    p->done[rec / 64] |= (uint64_t)1 << (rec % 64);
    note(zs, z, rec, res, &p->bad, &p->nbad, &p->cap);
}

static void validate_chunk(void *ctx, size_t task, unsigned worker)
{
    (void)worker;
    job *j = ctx;
    zl_tok *toks = NULL;
    size_t cap = 0;
    size_t end = (task + 1) * CHUNK < j->z->nrecs ? (task + 1) * CHUNK : j->z->nrecs;
    for (size_t i = task * CHUNK; i < end; i++) {
        if (prechecked(j->pre, i))
            continue;
        zl_record *r = &j->z->recs[i];
        unsigned n = zl_record_nrdata(r);
        ZL_GROW(toks, cap, n + 1);
        for (unsigned k = 0; k < n; k++)
            toks[k] = zl_record_rdata(j->zs, j->z, r, k);
        zl_rdata_result res = zl_rdata_check(r->type, toks, n);
        task_out *o = &j->out[task];
        note(j->zs, j->z, (uint32_t)i, &res, &o->diags, &o->n, &o->cap);
    }
    free(toks);
}

static void report(zl_zoneset *zs, const zl_early_diag *e)
{
    zl_diag_add(zs, e->d.rule, e->d.src, e->d.off, e->d.len, e->d.message, NULL);
}

/* Whether a record is left to check: a large zone read ahead has none. */
static bool any_left(const zl_prechecked *pre, size_t nrecs)
{
    for (size_t i = 0; i < nrecs; i += 64) {
        uint64_t want = nrecs - i >= 64 ? UINT64_MAX : ((uint64_t)1 << (nrecs - i)) - 1;
        if (i / 64 >= pre->nwords || (pre->done[i / 64] & want) != want)
            return true;
    }
    return false;
}

void zl_validate_rdata(zl_zoneset *zs, zl_zone *z, zl_prechecked *pre)
{
    size_t ntasks = (z->nrecs + CHUNK - 1) / CHUNK;
    job j = {zs, z, pre, zl_xcalloc(ntasks + 1, sizeof *j.out)};
    if (any_left(pre, z->nrecs))
        zl_parallel_for(ntasks, zl_jobs(), validate_chunk, &j);
    /* Both lists are in record order: merged, as one pass over the records
     * would have reported them. */
    size_t b = 0;
    for (size_t t = 0; t < ntasks; t++) {
        for (size_t k = 0; k < j.out[t].n; k++) {
            while (b < pre->nbad && pre->bad[b].rec < j.out[t].diags[k].rec)
                report(zs, &pre->bad[b++]);
            report(zs, &j.out[t].diags[k]);
        }
        free(j.out[t].diags);
    }
    while (b < pre->nbad)
        report(zs, &pre->bad[b++]);
    free(j.out);
    free(pre->done);
    free(pre->bad);
    *pre = (zl_prechecked){0};
}
