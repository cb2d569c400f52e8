/* What a token of master-file text is (RFC 1035 section 5.1): where it ends.
 * The lexer and the record model share this one definition, so the model
 * keeps only where a record's last token ends. */
#ifndef ZL_TOKEN_H
#define ZL_TOKEN_H

#include <stdbool.h>
#include <stddef.h>

/* The bytes that end an unquoted token: white space, ( ) ; " and NUL. */
extern const bool zl_delim[256];
static inline bool zl_is_delim(unsigned char c)
{
    return zl_delim[c];
}

/* The bytes where a word may end or an escape begins: zl_delim and '\\'. */
extern const bool zl_word_stop[256];

/* The first offset from i on whose byte is in zl_word_stop, or len: how far
 * a plain word reaches. Four bytes a test of the bound (most of the
 * lexer's time is spent here). */
static inline size_t zl_word_scan(const char *text, size_t len, size_t i)
{
    const unsigned char *u = (const unsigned char *)text;
    for (; i + 4 <= len; i += 4) {
        if (zl_word_stop[u[i]])
            return i;
        if (zl_word_stop[u[i + 1]])
            return i + 1;
        if (zl_word_stop[u[i + 2]])
            return i + 2;
        if (zl_word_stop[u[i + 3]])
            return i + 3;
    }
    while (i < len && !zl_word_stop[u[i]])
        i++;
    return i;
}

/* Offset just past the token starting at off. A token starting with '"' is a
 * quoted string ending at the next unescaped '"'; *unterminated is set when a
 * line break or the end of the text comes first (the token then ends there).
 * A quoted part inside an unquoted token (key="a b", as SVCB writes its
 * parameters) belongs to that token. */
size_t zl_token_end(const char *text, size_t len, size_t off, bool *unterminated);
/* The end of the token at off when the next token of its entry starts at
 * next (off < next <= len): most often found a step or two back from next. */
size_t zl_token_end_before(const char *text, size_t len, size_t off, size_t next);

#endif
