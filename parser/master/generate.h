/* BIND's $GENERATE directive: `$GENERATE start-stop[/step] lhs [ttl] [class]
 * type rhs`, where `$` in lhs and rhs stands for the counter and
 * `${offset,width,base}` formats it (bases d, o, x, X, n, N). The expansion is
 * master-file text, read like any other. */
#ifndef ZL_GENERATE_H
#define ZL_GENERATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "parser/master/lexer.h"

/* Counter steps one $GENERATE may take. */
#define ZL_GENERATE_MAX 16777216u

typedef struct zl_generate_result {
    char *text; /* one record per line, NUL-terminated */
    size_t len;
    /* Where each generated token starts in text: n - 2 a step, in the order
     * of the template tokens toks[2..n-1] they come from. */
    uint32_t *starts;
    size_t nstarts;
    char *error; /* NULL on success */
    bool refused; /* the error is a limit (input-refused), not bad syntax */
    uint32_t error_off, error_len;
} zl_generate_result;

/* Expand the $GENERATE entry toks[0..n-1] of text, into at most max_len
 * octets and max_steps records. */
zl_generate_result zl_generate_expand(const char *text, const zl_lex_tok *toks, size_t n,
                                      size_t max_len, uint64_t max_steps);
void zl_generate_free(zl_generate_result *g);

#endif
