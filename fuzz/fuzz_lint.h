/* Shared by the fuzz targets: check the model's token ends against the
 * lexer's, run every rule over what was read, then free it, so that a
 * reader's output that a rule mishandles is found too. */
#ifndef ZL_FUZZ_LINT_H
#define ZL_FUZZ_LINT_H

#include <stdlib.h>

#include "lint/engine/lint.h"
#include "lint/util/parallel.h"
#include "lint/engine/registry.h"
#include "tests/unit/token_ends_agree.h"

static void fuzz_lint(zl_zoneset *zs)
{
    size_t zone, rec;
    unsigned tok;
    if (!token_ends_agree(zs, &zone, &rec, &tok))
        abort();
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
