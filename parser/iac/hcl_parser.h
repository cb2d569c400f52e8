/* The parser's state, shared by the expression and body parser
 * (hcl_parse.c) and the template parser (hcl_template.c). */
#ifndef ZL_HCL_PARSER_H
#define ZL_HCL_PARSER_H

#include <stdbool.h>

#include "parser/iac/hcl.h"
#include "parser/iac/hcl_lex.h"

#define ZL_HCL_MAX_DEPTH 100 /* nesting beyond this is an error, not a deep stack */

typedef struct zl_hparser {
    zl_hcl_file *f;
    const char *t;
    size_t len;
    uint32_t pos;    /* where the next token is lexed */
    zl_htok la;      /* the next token, when has_la */
    bool has_la;
    int skip_nl;     /* inside brackets: line breaks are not tokens */
    int depth;
    bool failed;     /* an error was reported; quiet until the body resumes */
    bool strip_next; /* "~}": the next literal loses its leading white space */
} zl_hparser;

zl_htok zl_hp_peek(zl_hparser *p);
zl_htok zl_hp_next(zl_hparser *p);
bool zl_hp_punct(zl_hparser *p, const char *s); /* is the next token s? */
void zl_hp_skip_nl(zl_hparser *p, int delta);
void zl_hp_error(zl_hparser *p, uint32_t off, uint32_t len, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
zl_hx *zl_hp_node(zl_hparser *p, zl_hx_kind kind, uint32_t start);
void zl_hp_kid(zl_hparser *p, zl_hx *n, zl_hx *kid);
zl_hx *zl_hp_expr(zl_hparser *p);

/* A template whose opening token (quote or heredoc) was just consumed. */
zl_hx *zl_hp_quoted(zl_hparser *p, uint32_t start);
zl_hx *zl_hp_heredoc(zl_hparser *p, zl_htok open);

#endif
