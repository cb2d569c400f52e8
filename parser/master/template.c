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

bool zl_template_entry(const char *text, const zl_entry *e)
{
    for (size_t i = 0; i < e->n; i++) {
        const zl_lex_tok *t = &e->toks[i];
        if (!t->quoted && has_marker(text + t->off, t->len))
            return true;
    }
    return false;
}
