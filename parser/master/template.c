#include "parser/master/template.h"

#include <string.h>

#include "lint/util/util.h"

/* "{{", "}}", "{%" or "%}" in the token: one pass, since every entry of
 * every zone goes through it. */
static bool has_marker(const char *p, size_t n)
{
    for (size_t i = 0; i + 1 < n; i++) {
        char c = p[i];
        if (c != '{' && c != '}' && c != '%')
            continue;
        char d = p[i + 1];
        if ((c == '{' && (d == '{' || d == '%')) || (c == '}' && d == '}') ||
            (c == '%' && d == '}'))
            return true;
    }
    return false;
}

/* Every marker holds a brace: one search for each brace, not one per marker.
 * The text is searched a chunk at a time, for its first NUL too, so that a
 * large zone comes from memory once for the three searches, not three times. */
#define CHUNK 65536

bool zl_template_text(const char *text, size_t len, size_t *nul)
{
    bool marked = false;
    for (size_t off = 0; off < len; off += CHUNK) {
        size_t n = len - off < CHUNK ? len - off : CHUNK;
        const char *zero = memchr(text + off, '\0', n);
        if (zero)
            len = (size_t)(zero - text), n = len - off;
        const char *end = text + off + n;
        for (const char *p = text + off; !marked && (p = memchr(p, '{', (size_t)(end - p))); p++)
            marked = p + 1 < text + len && (p[1] == '{' || p[1] == '%');
        for (const char *p = text + off; !marked && (p = memchr(p, '}', (size_t)(end - p))); p++)
            marked = p > text && (p[-1] == '}' || p[-1] == '%');
    }
    *nul = len;
    return marked;
}

bool zl_template_entry(const char *text, const zl_entry *e)
{
    for (size_t i = 0; i < e->n; i++) {
        const zl_lex_tok *t = &e->toks[i];
        if (!t->quoted && has_marker(text + t->off, t->len))
            return true;
    }
    return false;
}
