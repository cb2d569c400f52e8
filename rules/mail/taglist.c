#include "rules/mail/taglist.h"

#include <stdlib.h>
#include <string.h>

#include "lint/util/util.h"

static bool wsp(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static bool alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static void set_error(zl_taglist *t, const char *msg, size_t off)
{
    if (!t->error) {
        t->error = msg;
        t->error_off = off;
    }
}

static void add_tag(zl_taglist *t, zl_tag tag)
{
    if (t->n == t->cap) {
        zl_tag *more = zl_xmalloc(2 * t->cap * sizeof *more);
        memcpy(more, t->tags, t->n * sizeof *more);
        if (t->tags != t->local)
            free(t->tags);
        t->tags = more;
        t->cap *= 2;
    }
    t->tags[t->n++] = tag;
}

void zl_taglist_parse(const char *text, size_t len, zl_taglist *out)
{
    out->tags = out->local;
    out->n = 0;
    out->cap = sizeof out->local / sizeof out->local[0];
    out->error = NULL;
    out->error_off = 0;
    size_t i = 0;
    while (i < len) {
        size_t start = i;
        const char *semi = memchr(text + i, ';', len - i);
        i = semi ? (size_t)(semi - text) : len;
        size_t end = i;
        i++; /* past ';' */
        size_t a = start;
        while (a < end && wsp(text[a]))
            a++;
        size_t b = end;
        while (b > a && wsp(text[b - 1]))
            b--;
        if (a == b) {
            /* An empty spec is allowed only as the trailing ';'. */
            if (end < len)
                set_error(out, "an empty tag between two ';'", start);
            continue;
        }
        const char *eq = memchr(text + a, '=', b - a);
        if (!eq) {
            set_error(out, "a tag without '='", a);
            continue;
        }
        size_t ne = (size_t)(eq - text);
        while (ne > a && wsp(text[ne - 1]))
            ne--;
        bool name_ok = ne > a && alpha(text[a]);
        for (size_t k = a + 1; name_ok && k < ne; k++)
            name_ok = alpha(text[k]) || (text[k] >= '0' && text[k] <= '9') || text[k] == '_';
        if (!name_ok) {
            set_error(out, "a tag name that is not letters, digits and '_'", a);
            continue;
        }
        size_t vs = (size_t)(eq - text) + 1;
        while (vs < b && wsp(text[vs]))
            vs++;
        for (size_t k = 0; k < out->n; k++)
            if (zl_tag_named(&out->tags[k], text + a, ne - a))
                set_error(out, "a tag that appears twice", a);
        add_tag(out, (zl_tag){.name = text + a,
                              .name_len = ne - a,
                              .value = text + vs,
                              .value_len = b - vs,
                              .off = a});
    }
}

void zl_taglist_free(zl_taglist *t)
{
    if (t->tags != t->local)
        free(t->tags);
    t->tags = NULL;
    t->n = t->cap = 0;
}
