/* Whether the model's token ends (kept for a record's last token, found
 * back from the next token for the others) are the lexer's, read forward.
 * Shared by tests/unit/test_master.c and every reader's fuzz target
 * (fuzz/fuzz_lint.h). */
#ifndef ZL_TOKEN_ENDS_AGREE_H
#define ZL_TOKEN_ENDS_AGREE_H

#include <stdbool.h>

#include "lint/model/model.h"
#include "lint/model/token.h"

/* False at the first token that differs: its zone, record and index. */
static bool token_ends_agree(const zl_zoneset *zs, size_t *zone, size_t *rec, unsigned *tok)
{
    for (size_t k = 0; k < zs->nzones; k++) {
        const zl_zone *z = zs->zones[k];
        for (size_t i = 0; i < z->nrecs; i++) {
            const zl_record *r = &z->recs[i];
            const zl_source *s = zs->srcs[zl_record_src(z, r)];
            for (unsigned t = 0; t < r->ntok; t++) {
                zl_tok x = zl_record_tok(zs, z, r, t);
                bool unterminated;
                if (x.off + x.len != zl_token_end(s->text, s->len, x.off, &unterminated)) {
                    *zone = k, *rec = i, *tok = t;
                    return false;
                }
            }
        }
    }
    return true;
}

#endif
