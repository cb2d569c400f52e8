/* Tokens of HCL native syntax outside templates: the parser asks for one
 * at a time, from a byte offset, since a quoted string or heredoc switches
 * to template text that only the parser can tell apart (hcl_template.c). */
#ifndef ZL_HCL_LEX_H
#define ZL_HCL_LEX_H

#include <stddef.h>
#include <stdint.h>

typedef enum zl_htok_kind {
    ZL_HT_EOF,
    ZL_HT_NEWLINE,
    ZL_HT_IDENT,
    ZL_HT_NUMBER,
    ZL_HT_OQUOTE,  /* " opening a template */
    ZL_HT_HEREDOC, /* <<MARKER or <<-MARKER and its line break */
    ZL_HT_PUNCT,   /* an operator or delimiter, 1 to 3 bytes */
    ZL_HT_BAD,     /* a byte no token starts with */
    ZL_HT_BAD_COMMENT, /* a comment left open at the end of the file */
} zl_htok_kind;

typedef struct zl_htok {
    zl_htok_kind kind;
    uint32_t start, end; /* the token's bytes (a heredoc: up to its line break) */
} zl_htok;

/* The token at or after offset pos: spaces, tabs, carriage returns and
 * comments are skipped; a line comment leaves its line break as a token. */
zl_htok zl_hcl_lex(const char *text, size_t len, uint32_t pos);

/* Whether c may start, or continue, an identifier (letters, digits after
 * the first, '_' and '-'; bytes of UTF-8 letters are taken as they come). */
int zl_hcl_id_start(unsigned char c);
int zl_hcl_id_char(unsigned char c);

#endif
