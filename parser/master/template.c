#include "parser/master/template.h"

#include <string.h>

static bool has_pair(const char *p, size_t n, char a, char b)
{
    for (size_t i = 0; i + 1 < n; i++)
        if (p[i] == a && p[i + 1] == b)
            return true;
    return false;
}

bool zl_template_entry(const char *text, const zl_entry *e)
{
    for (size_t i = 0; i < e->n; i++) {
        const zl_lex_tok *t = &e->toks[i];
        if (t->quoted)
            continue;
        const char *p = text + t->off;
        if (has_pair(p, t->len, '{', '{') || has_pair(p, t->len, '}', '}') ||
            has_pair(p, t->len, '{', '%') || has_pair(p, t->len, '%', '}'))
            return true;
    }
    return false;
}
