#include "parser/master/validate.h"

#include <stdlib.h>

#include "lint/util/parallel.h"
#include "parser/master/rdata.h"

#define CHUNK 4096 /* records per task */

typedef struct task_out {
    zl_diag *diags;
    size_t n, cap;
} task_out;

typedef struct job {
    zl_zoneset *zs;
    zl_zone *z;
    task_out *out; /* one per task, merged in task order: deterministic */
} job;

static void validate_chunk(void *ctx, size_t task, unsigned worker)
{
    (void)worker;
    job *j = ctx;
    zl_tok *toks = NULL;
    size_t cap = 0;
    size_t end = (task + 1) * CHUNK < j->z->nrecs ? (task + 1) * CHUNK : j->z->nrecs;
    for (size_t i = task * CHUNK; i < end; i++) {
        zl_record *r = &j->z->recs[i];
        unsigned n = zl_record_nrdata(r);
        ZL_GROW(toks, cap, n + 1);
        for (unsigned k = 0; k < n; k++)
            toks[k] = zl_record_rdata(j->zs, j->z, r, k);
        zl_rdata_result res = zl_rdata_check(r->type, toks, n);
        if (res.generic)
            r->flags |= ZL_REC_GENERIC;
        if (!res.message)
            continue;
        r->flags |= ZL_REC_BAD_RDATA;
        zl_tok at = n ? toks[res.tok] : zl_record_tok(j->zs, j->z, r, zl_record_i_type(r));
        task_out *o = &j->out[task];
        ZL_GROW(o->diags, o->cap, o->n + 1);
        o->diags[o->n++] = (zl_diag){.rule = "syntax-error",
                                     .src = zl_record_src(j->z, r),
                                     .off = at.off,
                                     .len = at.len,
                                     .message = res.message};
    }
    free(toks);
}

void zl_validate_rdata(zl_zoneset *zs, zl_zone *z)
{
    size_t ntasks = (z->nrecs + CHUNK - 1) / CHUNK;
    job j = {zs, z, zl_xcalloc(ntasks + 1, sizeof *j.out)};
    zl_parallel_for(ntasks, zl_jobs(), validate_chunk, &j);
    for (size_t t = 0; t < ntasks; t++) {
        for (size_t k = 0; k < j.out[t].n; k++) {
            zl_diag *d = &j.out[t].diags[k];
            zl_diag_add(zs, d->rule, d->src, d->off, d->len, d->message, NULL);
        }
        free(j.out[t].diags);
    }
    free(j.out);
}
