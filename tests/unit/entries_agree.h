/* A text's entries read both ways (parser/master/entries.h), and whether
 * the ones lexed ahead agree with the ones lexed in place: the same tokens,
 * errors, layouts and comment points, and every rdata check made ahead the
 * one made afterwards. Shared by tests/unit/test_entries.c and
 * fuzz/fuzz_entries.c. */
#ifndef ZL_ENTRIES_AGREE_H
#define ZL_ENTRIES_AGREE_H

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lint/util/util.h"
#include "parser/master/entries.h"

/* The size of text the test and the fuzz target lex both ways: a few times
 * the batches the thread keeps in flight, so that it runs ahead, waits for
 * the reader, and stops mid-text (the reader's threshold is far larger). */
#define AHEAD_TEXT (256u * 1024u)

typedef struct kept {
    zl_read_entry *e;
    zl_lex_tok **toks; /* copied: they live only until the call after next */
    size_t n, cap;
    size_t *com; /* comment offset, then the number of entries fetched before it */
    size_t ncom, ccap;
} kept;

static void kept_comment(void *ctx, size_t off, size_t len)
{
    (void)len;
    kept *k = ctx;
    ZL_GROW(k->com, k->ccap, k->ncom + 2);
    k->com[k->ncom++] = off;
    k->com[k->ncom++] = k->n;
}

/* pause_ms: wait before reading, so that the thread gets batches ahead and
 * checks rdata (it checks only then). */
static void kept_read(const char *text, size_t len, bool ahead, long pause_ms, kept *k)
{
    memset(k, 0, sizeof *k);
    zl_entries *es = zl_entries_open(text, len, ahead, false, kept_comment, k);
    if (pause_ms)
        nanosleep(&(struct timespec){.tv_nsec = pause_ms * 1000 * 1000}, NULL);
    zl_read_entry e;
    while (zl_entries_next(es, &e)) {
        size_t cap = k->cap;
        ZL_GROW(k->e, k->cap, k->n + 1);
        /* Only when e grew: under ASan each realloc copies the array, which
         * made a text of 100,000 entries take minutes. */
        if (k->cap != cap)
            k->toks = zl_xrealloc(k->toks, k->cap * sizeof *k->toks);
        k->toks[k->n] = zl_xmalloc((e.e.n + 1) * sizeof **k->toks);
        if (e.e.n)
            memcpy(k->toks[k->n], e.e.toks, e.e.n * sizeof *e.e.toks);
        k->e[k->n++] = e;
    }
    zl_entries_close(es);
}

static void kept_free(kept *k)
{
    for (size_t i = 0; i < k->n; i++) {
        free(k->toks[i]);
        free(k->e[i].check.message);
    }
    free(k->toks);
    free(k->e);
    free(k->com);
}

static bool same_check(const char *text, const zl_read_entry *y, const zl_lex_tok *toks)
{
    size_t first = y->lay.type_tok + 1, n = y->e.n - first;
    zl_tok *t = zl_xmalloc((n + 1) * sizeof *t);
    for (size_t k = 0; k < n; k++)
        t[k] = zl_lex_tok_view(text, &toks[first + k]);
    zl_rdata_result r = zl_rdata_check(y->lay.type, t, (unsigned)n);
    bool same = r.generic == y->check.generic && !r.message == !y->check.message &&
                (!r.message || (strcmp(r.message, y->check.message) == 0 && r.tok == y->check.tok));
    free(r.message);
    free(t);
    return same;
}

static bool same_layout(const zl_layout *x, const zl_layout *y)
{
    return x->type_tok == y->type_tok && x->type == y->type && x->rclass == y->rclass &&
           x->ttl_tok == y->ttl_tok && x->class_tok == y->class_tok &&
           x->class_first == y->class_first && x->ttl_why == y->ttl_why &&
           (x->ttl_why || x->ttl == y->ttl);
}

/* NULL when b (read ahead) agrees with a (read in place); else what differs. */
static const char *kept_differ(const char *text, const kept *a, const kept *b)
{
    if (a->n != b->n)
        return "the number of entries";
    if (a->ncom != b->ncom || (a->ncom && memcmp(a->com, b->com, a->ncom * sizeof *a->com)))
        return "the comments, or when they came";
    for (size_t i = 0; i < a->n; i++) {
        const zl_read_entry *x = &a->e[i], *y = &b->e[i];
        if (x->checked)
            return "an rdata check made in place";
        if (x->e.n != y->e.n || x->e.start != y->e.start || x->e.blank_start != y->e.blank_start)
            return "an entry's extent";
        /* An entry without an error keeps the lexer's old offsets: not compared. */
        if (x->e.err != y->e.err ||
            (x->e.err && (x->e.err_off != y->e.err_off || x->e.err_len != y->e.err_len)))
            return "an entry's error";
        for (size_t k = 0; k < x->e.n; k++)
            if (a->toks[i][k].off != b->toks[i][k].off || a->toks[i][k].len != b->toks[i][k].len ||
                a->toks[i][k].quoted != b->toks[i][k].quoted)
                return "a token";
        if (!same_layout(&x->lay, &y->lay))
            return "a layout";
        if (y->checked && !same_check(text, y, b->toks[i]))
            return "an rdata check made ahead";
    }
    return NULL;
}

#endif
