#include "parser/master/suppress_comment.h"

#include <string.h>

#include "lint/util/util.h"

static bool at_word(const char *at, const char *end, const char *word)
{
    size_t k = strlen(word);
    return (size_t)(end - at) >= k && memcmp(at, word, k) == 0;
}

/* `zonelint-removed: NAME[, NAME]`: names whose SES records went on purpose. */
static void removed_ok(zl_source *s, const char *at, const char *end)
{
    const char *q = at + strlen("zonelint-removed:");
    for (;;) {
        while (q < end && (*q == ' ' || *q == '\t' || *q == ','))
            q++;
        const char *b = q;
        while (q < end && *q != ' ' && *q != '\t' && *q != ',' && *q != '\r')
            q++;
        if (q == b)
            return;
        size_t n = (size_t)(q - b);
        if (n > 1 && b[n - 1] == '.')
            n--;
        char *name = zl_xstrndup(b, n);
        for (char *c = name; *c; c++)
            if (*c >= 'A' && *c <= 'Z')
                *c = (char)(*c + 'a' - 'A');
        ZL_GROW(s->removed_ok, s->removed_ok_cap, s->nremoved_ok + 1);
        s->removed_ok[s->nremoved_ok++] = name;
    }
}

void zl_suppress_comment(zl_source *s, uint32_t off, uint32_t len)
{
    /* One pass over the comment (a zone may hold one on every line): a
     * removal anywhere in it wins over a suppression before it. */
    const char *p = s->text + off, *end = p + len, *at = NULL;
    for (const char *z = p; (z = zl_find(z, (size_t)(end - z), "zonelint-")) != NULL; z++) {
        if (at_word(z, end, "zonelint-removed:")) {
            removed_ok(s, z, end);
            return;
        }
        if (!at && at_word(z, end, "zonelint-disable-"))
            at = z;
    }
    if (!at)
        return;
    static const char line_kw[] = "zonelint-disable-line";
    static const char next_kw[] = "zonelint-disable-next-line";
    bool next = at_word(at, end, next_kw);
    if (!next && !at_word(at, end, line_kw))
        return;
    const char *q = at + (next ? sizeof next_kw : sizeof line_kw) - 1;
    while (q < end && (*q == ' ' || *q == '\t'))
        q++;
    const char *rules = q;
    /* RULE, RULE: a space may follow a comma. */
    while (q < end && *q != ' ' && *q != '\t' && *q != '\r') {
        if (*q == ',')
            while (q + 1 < end && (q[1] == ' ' || q[1] == '\t'))
                q++;
        q++;
    }
    uint32_t line, col;
    zl_source_position(s, (uint32_t)(rules - s->text), &line, &col);
    ZL_GROW(s->supp, s->supp_cap, s->nsupp + 1);
    char *names = zl_xmalloc((size_t)(q - rules) + 1), *w = names;
    for (const char *c = rules; c < q; c++)
        if (*c != ' ' && *c != '\t')
            *w++ = *c;
    *w = '\0';
    zl_suppression x = {.line = next ? line + 1 : line,
                        .at_line = line,
                        .col = col,
                        .off = (uint32_t)(rules - s->text),
                        .len = (uint32_t)(q - rules),
                        .rules = names};
    /* Kept in the order of the lines they apply to (comments come in text
     * order, so this is the end), for the lookup of zl_lint_suppressed. */
    size_t k = s->nsupp++;
    for (; k > 0 && s->supp[k - 1].line > x.line; k--)
        s->supp[k] = s->supp[k - 1];
    s->supp[k] = x;
}
