/* The master-file lexer (RFC 1035 section 5.1): splits text into entries, one
 * per logical line (parentheses join physical lines), each a list of tokens
 * with their offsets. Comments are dropped, but handed to a callback so that
 * suppression comments can be collected.
 *
 * Errors never stop the lexer: an entry with a problem comes back with err
 * set, and lexing resumes at the next entry. An unclosed '(' would otherwise
 * swallow the rest of the file, so the lexer gives up on it at the end of the
 * text, at a nested '(' or at a directive, reports it at the '(' and resumes
 * at the first line inside the parentheses that starts in column 1. */
#ifndef ZL_LEXER_H
#define ZL_LEXER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lint/model/model.h"

typedef struct zl_lex_tok {
    uint32_t off;
    uint32_t len;
    bool quoted;
} zl_lex_tok;

typedef struct zl_entry {
    zl_lex_tok *toks;
    size_t n, cap;
    size_t start;      /* offset of the line the entry starts on */
    bool blank_start;  /* the line starts with white space: owner inherited */
    const char *err;   /* first problem found, or NULL */
    size_t err_off, err_len;
} zl_entry;

typedef void (*zl_comment_fn)(void *ctx, size_t off, size_t len);

typedef struct zl_lexer {
    const char *text;
    size_t len;
    size_t pos;
    zl_comment_fn on_comment;
    void *ctx;
} zl_lexer;

/* A token of text as the model shows it. */
static inline zl_tok zl_lex_tok_view(const char *text, const zl_lex_tok *t)
{
    return (zl_tok){.p = text + t->off, .off = t->off, .len = t->len, .quoted = t->quoted};
}

/* The entry is a directive ($ORIGIN, $TTL, $INCLUDE, $GENERATE): it starts
 * at column 1 with '$'. */
static inline bool zl_entry_is_directive(const char *text, const zl_entry *e)
{
    return e->n > 0 && !e->blank_start && text[e->toks[0].off] == '$';
}

void zl_lexer_init(zl_lexer *lx, const char *text, size_t len, zl_comment_fn fn, void *ctx);
/* The next entry with at least one token or an error; false at the end. */
bool zl_lex_entry(zl_lexer *lx, zl_entry *e);
void zl_entry_free(zl_entry *e);

#endif
