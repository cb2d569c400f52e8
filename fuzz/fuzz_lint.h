/* Shared by the fuzz targets: run every rule over what was read, then free
 * it, so that a reader's output that a rule mishandles is found too. */
#ifndef ZL_FUZZ_LINT_H
#define ZL_FUZZ_LINT_H

#include <stdlib.h>

#include "lint/engine/lint.h"
#include "lint/model/token.h"
#include "lint/util/parallel.h"
#include "lint/engine/registry.h"

/* The model's token ends (kept for the last token, found back from the
 * next one for the others) are the lexer's: read forward, the same. */
static void fuzz_check_token_ends(const zl_zoneset *zs)
{
    for (size_t k = 0; k < zs->nzones; k++) {
        const zl_zone *z = zs->zones[k];
        for (size_t i = 0; i < z->nrecs; i++) {
            const zl_record *r = &z->recs[i];
            const zl_source *s = zs->srcs[zl_record_src(z, r)];
            for (unsigned t = 0; t < r->ntok; t++) {
                zl_tok tok = zl_record_tok(zs, z, r, t);
                bool unterminated;
                if (tok.off + tok.len != zl_token_end(s->text, s->len, tok.off, &unterminated))
                    abort();
            }
        }
    }
}

static void fuzz_lint(zl_zoneset *zs)
{
    fuzz_check_token_ends(zs);
    zl_severity *sev = malloc(zl_nrules * sizeof *sev);
    for (size_t i = 0; i < zl_nrules; i++)
        sev[i] = zl_rules[i]->severity;
    zl_lint l;
    zl_lint_init(&l, zs, sev);
    zl_lint_run(&l);
    zl_lint_free(&l);
    free(sev);
    zl_zoneset_free(zs);
}

#endif
