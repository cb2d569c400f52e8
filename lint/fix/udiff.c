/* --fix --diff: the change as a unified diff (patch -p0 applies it). Lines
 * are matched greedily, looking a little ahead for the next common line:
 * fixes change a few lines in place or insert a few, so that finds the
 * alignment a person would; any alignment gives a correct patch. */
#include <stdlib.h>
#include <string.h>

#include "lint/fix/session.h"
#include "lint/util/util.h"

#define CONTEXT 3
#define LOOKAHEAD 64

typedef struct lines {
    const char *text;
    size_t len;
    size_t *start; /* n + 1 entries: the last is len */
    size_t n;
} lines;

static void split(lines *l, const char *text, size_t len)
{
    l->text = text;
    l->len = len;
    l->n = 0;
    size_t cap = 16;
    l->start = zl_xmalloc(cap * sizeof *l->start);
    for (size_t at = 0; at < len;) {
        ZL_GROW(l->start, cap, l->n + 2);
        l->start[l->n++] = at;
        const char *nl = memchr(text + at, '\n', len - at);
        at = nl ? (size_t)(nl - text) + 1 : len;
    }
    l->start[l->n] = len;
}

static bool same(const lines *a, size_t i, const lines *b, size_t j)
{
    size_t la = a->start[i + 1] - a->start[i], lb = b->start[j + 1] - b->start[j];
    return la == lb && memcmp(a->text + a->start[i], b->text + b->start[j], la) == 0;
}

/* The pairing of lines: match[i] is the new line old line i became, or
 * SIZE_MAX when it was removed. */
static size_t *align(const lines *a, const lines *b)
{
    size_t *match = zl_xmalloc((a->n + 1) * sizeof *match);
    size_t i = 0, j = 0;
    while (i < a->n && j < b->n) {
        if (same(a, i, b, j)) {
            match[i++] = j++;
            continue;
        }
        /* The nearest pair (i + di, j + dj) of equal lines, by di + dj. */
        size_t best_i = a->n, best_j = b->n;
        for (size_t d = 1; d <= 2 * LOOKAHEAD && best_i == a->n; d++)
            for (size_t di = 0; di <= d; di++) {
                size_t dj = d - di;
                if (di <= LOOKAHEAD && dj <= LOOKAHEAD && i + di < a->n && j + dj < b->n &&
                    same(a, i + di, b, j + dj)) {
                    best_i = i + di;
                    best_j = j + dj;
                    break;
                }
            }
        if (best_i == a->n) { /* nothing near: one line replaced by one */
            best_i = i + 1;
            best_j = j + 1;
        }
        while (i < best_i)
            match[i++] = SIZE_MAX;
        j = best_j;
    }
    while (i < a->n)
        match[i++] = SIZE_MAX;
    return match;
}

static void put_line(FILE *out, char mark, const lines *l, size_t i)
{
    size_t from = l->start[i], to = l->start[i + 1];
    fputc(mark, out);
    fwrite(l->text + from, 1, to - from, out);
    if (l->text[to - 1] != '\n')
        fputs("\n\\ No newline at end of file\n", out);
}

/* One hunk: old lines [a0, a1) and new lines [b0, b1). */
static void hunk(FILE *out, const lines *a, const lines *b, const size_t *match, size_t a0,
                 size_t a1, size_t b0, size_t b1)
{
    fprintf(out, "@@ -%zu,%zu +%zu,%zu @@\n", a1 > a0 ? a0 + 1 : a0, a1 - a0,
            b1 > b0 ? b0 + 1 : b0, b1 - b0);
    size_t i = a0, j = b0;
    while (i < a1 || j < b1) {
        if (i < a1 && match[i] == j) {
            put_line(out, ' ', a, i++);
            j++;
            continue;
        }
        while (i < a1 && match[i] == SIZE_MAX)
            put_line(out, '-', a, i++);
        while (j < b1 && (i >= a1 || match[i] != j))
            put_line(out, '+', b, j++);
    }
}

/* A run of changed lines: old [a0, a1), new [b0, b1). */
typedef struct change {
    size_t a0, a1, b0, b1;
} change;

static void diff_file(FILE *out, const zl_fix_file *f)
{
    lines a, b;
    split(&a, f->orig, f->orig_len);
    split(&b, f->text, f->len);
    size_t *match = align(&a, &b);
    change *ch = NULL;
    size_t n = 0, cap = 0, i = 0, j = 0;
    while (i < a.n || j < b.n) {
        if (i < a.n && match[i] == j) {
            i++, j++;
            continue;
        }
        change c = {.a0 = i, .b0 = j};
        while (i < a.n && match[i] == SIZE_MAX)
            i++;
        j = i < a.n ? match[i] : b.n;
        c.a1 = i;
        c.b1 = j;
        ZL_GROW(ch, cap, n + 1);
        ch[n++] = c;
    }
    fprintf(out, "--- %s\n+++ %s\n", f->path, f->path);
    for (size_t k = 0; k < n;) {
        size_t last = k;
        while (last + 1 < n && ch[last + 1].a0 - ch[last].a1 <= 2 * CONTEXT)
            last++;
        size_t lead = ch[k].a0 < CONTEXT ? ch[k].a0 : CONTEXT;
        size_t trail = a.n - ch[last].a1 < CONTEXT ? a.n - ch[last].a1 : CONTEXT;
        hunk(out, &a, &b, match, ch[k].a0 - lead, ch[last].a1 + trail, ch[k].b0 - lead,
             ch[last].b1 + trail);
        k = last + 1;
    }
    free(ch);
    free(match);
    free(a.start);
    free(b.start);
}

void zl_fix_diff(const zl_fix_session *s, FILE *out)
{
    for (size_t i = 0; i < s->n; i++)
        if (s->v[i].len != s->v[i].orig_len || memcmp(s->v[i].text, s->v[i].orig, s->v[i].len))
            diff_file(out, &s->v[i]);
}
