/* BIND's $GENERATE directive: `$GENERATE start-stop[/step] lhs [ttl] [class]
 * type rhs`, where `$` in lhs and rhs stands for the counter and
 * `${offset,width,base}` formats it (bases d, o, x, X, n, N). The expansion is
 * master-file text, read like any other. */
#ifndef ZL_GENERATE_H
#define ZL_GENERATE_H

#include <stddef.h>
#include <stdint.h>

#include "parser/master/lexer.h"

/* Counter steps one $GENERATE may take. */
#define ZL_GENERATE_MAX 16777216u

typedef struct zl_generate_result {
    char *text; /* one record per line, NUL-terminated */
    size_t len;
    char *error; /* NULL on success */
    uint32_t error_off, error_len;
} zl_generate_result;

zl_generate_result zl_generate_expand(const char *text, const zl_lex_tok *toks, size_t n);

#endif
