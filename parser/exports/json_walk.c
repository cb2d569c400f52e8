#include "parser/exports/json_walk.h"

#include "lint/util/util.h"

#include <string.h>

/* jansson's own limit on nesting, so that what it would refuse to decode
 * is refused here too, and the skip's stack stays small. */
enum { MAX_DEPTH = 2048 };

static bool ws(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static void skip_ws(const char *text, size_t len, size_t *p)
{
    while (*p < len && ws(text[*p]))
        (*p)++;
}

static bool fail(char **err, size_t *err_off, size_t off, const char *why)
{
    *err = zl_xstrdup(why);
    *err_off = off;
    return false;
}

/* Past the string whose opening quote is at *p: the first quote after it
 * that an odd run of backslashes does not escape. memchr, as a plan's
 * strings are most of its text. */
static bool skip_string(const char *text, size_t len, size_t *p, char **err, size_t *err_off)
{
    const char *i = text + *p + 1, *end = text + len;
    for (;;) {
        const char *q = i < end ? memchr(i, '"', (size_t)(end - i)) : NULL;
        if (!q)
            return fail(err, err_off, *p, "string never closed");
        size_t slashes = 0;
        while (q - slashes > i && q[-1 - (ptrdiff_t)slashes] == '\\')
            slashes++;
        i = q + 1;
        if (slashes % 2 == 0)
            break;
    }
    *p = (size_t)(i - text);
    return true;
}

/* A number, true, false or null: its extent only; jansson reads it when
 * the value is decoded. */
static bool skip_word(const char *text, size_t len, size_t *p, char **err, size_t *err_off)
{
    size_t i = *p;
    while (i < len && !ws(text[i]) && !memchr(",:]}[{\"", text[i], 7))
        i++;
    char c = text[*p];
    if (i == *p || !(c == '-' || (c >= '0' && c <= '9') || c == 't' || c == 'f' || c == 'n'))
        return fail(err, err_off, *p, "a value expected");
    *p = i;
    return true;
}

/* Past the object or array whose opening bracket is at *p, its brackets
 * matched and its strings skipped. */
static bool skip_container(const char *text, size_t len, size_t *p, char **err, size_t *err_off)
{
    uint32_t opens[MAX_DEPTH]; /* where each bracket still open is */
    size_t depth = 0, i = *p;
    while (i < len) {
        char c = text[i];
        if (c == '"') {
            if (!skip_string(text, len, &i, err, err_off))
                return false;
            continue;
        }
        if (c == '{' || c == '[') {
            if (depth == MAX_DEPTH)
                return fail(err, err_off, i, "nested more than 2048 levels deep");
            opens[depth++] = (uint32_t)i;
        } else if (c == '}' || c == ']') {
            bool object = text[opens[depth - 1]] == '{';
            if (c != (object ? '}' : ']'))
                return fail(err, err_off, i, object ? "'}' expected" : "']' expected");
            if (--depth == 0) {
                *p = i + 1;
                return true;
            }
        }
        i++;
    }
    size_t open = opens[depth - 1];
    return fail(err, err_off, open, text[open] == '{' ? "'{' never closed" : "'[' never closed");
}

/* zl_jwalk_next's answer when the text is not JSON at off. */
static int stop(char **err, size_t *err_off, size_t off, const char *why)
{
    fail(err, err_off, off, why);
    return -1;
}

static bool skip_value(const char *text, size_t len, size_t *p, char **err, size_t *err_off)
{
    skip_ws(text, len, p);
    if (*p >= len)
        return fail(err, err_off, len, "a value expected at the end of the text");
    char c = text[*p];
    if (c == '"')
        return skip_string(text, len, p, err, err_off);
    if (c == '{' || c == '[')
        return skip_container(text, len, p, err, err_off);
    return skip_word(text, len, p, err, err_off);
}

bool zl_jwalk_root(const char *text, size_t len, zl_jspan *out, char **err, size_t *err_off)
{
    size_t p = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    if (len > UINT32_MAX)
        return fail(err, err_off, 0, "larger than 4 GiB");
    skip_ws(text, len, &p);
    size_t start = p, end = len;
    while (end > start && ws(text[end - 1]))
        end--;
    /* An object or array is not skipped through here: walking it checks it,
     * its closing bracket the last of the text (zl_jwalk_next). */
    if (p < len && (text[p] == '{' || text[p] == '[')) {
        *out = (zl_jspan){(uint32_t)start, (uint32_t)end};
        return true;
    }
    if (!skip_value(text, len, &p, err, err_off))
        return false;
    *out = (zl_jspan){(uint32_t)start, (uint32_t)p};
    skip_ws(text, len, &p);
    return p == len || fail(err, err_off, p, "end of file expected");
}

bool zl_jwalk_open(zl_jwalk *w, const char *text, zl_jspan v)
{
    if (v.end <= v.start || (text[v.start] != '{' && text[v.start] != '['))
        return false;
    *w = (zl_jwalk){text, v.end, v.start + 1, text[v.start] == '{' ? '}' : ']', false};
    return true;
}

int zl_jwalk_next(zl_jwalk *w, zl_jspan *key, zl_jspan *value, char **err, size_t *err_off)
{
    const char *t = w->text;
    skip_ws(t, w->len, &w->p);
    if (w->p < w->len && t[w->p] == w->close) {
        size_t after = w->p + 1; /* only the root's span goes on past its closer */
        skip_ws(t, w->len, &after);
        return after == w->len ? 0 : stop(err, err_off, after, "end of file expected");
    }
    if (w->started) {
        if (w->p >= w->len || t[w->p] != ',')
            return stop(err, err_off, w->p,
                        w->close == '}' ? "',' or '}' expected" : "',' or ']' expected");
        w->p++;
        skip_ws(t, w->len, &w->p);
    }
    w->started = true;
    *key = (zl_jspan){0, 0};
    if (w->close == '}') {
        if (w->p >= w->len || t[w->p] != '"')
            return stop(err, err_off, w->p, "a string key expected");
        size_t quote = w->p;
        if (!skip_string(t, w->len, &w->p, err, err_off))
            return -1;
        *key = (zl_jspan){(uint32_t)quote, (uint32_t)w->p};
        skip_ws(t, w->len, &w->p);
        if (w->p >= w->len || t[w->p] != ':')
            return stop(err, err_off, w->p, "':' expected");
        w->p++;
    }
    skip_ws(t, w->len, &w->p);
    size_t start = w->p;
    if (!skip_value(t, w->len, &w->p, err, err_off))
        return -1;
    *value = (zl_jspan){(uint32_t)start, (uint32_t)w->p};
    return 1;
}

bool zl_jwalk_check(const char *text, zl_jspan v, char **err, size_t *err_off)
{
    zl_jwalk w;
    if (!zl_jwalk_open(&w, text, v))
        return true;
    zl_jspan key, e;
    int more;
    while ((more = zl_jwalk_next(&w, &key, &e, err, err_off)) == 1)
        if (!zl_jwalk_check(text, e, err, err_off))
            return false;
    return more == 0;
}
