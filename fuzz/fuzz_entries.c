/* libFuzzer target for lexing ahead (parser/master/entries.c): the input,
 * repeated until the text is large enough to be lexed on the second
 * thread, must give the same entries, layouts and comments lexed ahead as
 * lexed in place, and every rdata check made ahead must be the one made
 * afterwards. A difference aborts. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lint/util/util.h"
#include "parser/master/entries.h"

typedef struct kept {
    zl_read_entry *e;
    zl_lex_tok **toks;
    size_t n, cap;
    size_t *com; /* comment offset, then the number of entries fetched before it */
    size_t ncom, ccap;
} kept;

static void on_comment(void *ctx, size_t off, size_t len)
{
    (void)len;
    kept *k = ctx;
    ZL_GROW(k->com, k->ccap, k->ncom + 2);
    k->com[k->ncom++] = off;
    k->com[k->ncom++] = k->n;
}

static void read_all(const char *text, size_t len, bool ahead, kept *k)
{
    memset(k, 0, sizeof *k);
    zl_entries *es = zl_entries_open(text, len, ahead, false, on_comment, k);
    zl_read_entry e;
    while (zl_entries_next(es, &e)) {
        ZL_GROW(k->e, k->cap, k->n + 1);
        k->toks = realloc(k->toks, k->cap * sizeof *k->toks);
        k->toks[k->n] = zl_xmalloc((e.e.n + 1) * sizeof **k->toks);
        memcpy(k->toks[k->n], e.e.toks, e.e.n * sizeof *e.e.toks);
        k->e[k->n++] = e;
    }
    zl_entries_close(es);
}

static void free_kept(kept *k)
{
    for (size_t i = 0; i < k->n; i++) {
        free(k->toks[i]);
        free(k->e[i].check.message);
    }
    free(k->toks);
    free(k->e);
    free(k->com);
}

static void same_check(const char *text, const zl_read_entry *y, const zl_lex_tok *toks)
{
    size_t first = y->lay.type_tok + 1, n = y->e.n - first;
    zl_tok *t = zl_xmalloc((n + 1) * sizeof *t);
    for (size_t k = 0; k < n; k++)
        t[k] = (zl_tok){text + toks[first + k].off, toks[first + k].off, toks[first + k].len,
                        toks[first + k].quoted};
    zl_rdata_result r = zl_rdata_check(y->lay.type, t, (unsigned)n);
    if (r.generic != y->check.generic || !r.message != !y->check.message ||
        (r.message && (strcmp(r.message, y->check.message) != 0 || r.tok != y->check.tok)))
        abort();
    free(r.message);
    free(t);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    zl_buf b = {0};
    while (b.len < ZL_ENTRIES_AHEAD_MIN)
        zl_buf_add(&b, data, size);
    kept a, c;
    read_all(b.data, b.len, false, &a);
    read_all(b.data, b.len, true, &c);
    if (a.n != c.n || a.ncom != c.ncom ||
        (a.ncom && memcmp(a.com, c.com, a.ncom * sizeof *a.com) != 0))
        abort();
    for (size_t i = 0; i < a.n; i++) {
        const zl_read_entry *x = &a.e[i], *y = &c.e[i];
        if (x->e.n != y->e.n || x->e.start != y->e.start || x->e.blank_start != y->e.blank_start ||
            x->e.err != y->e.err || (x->e.err && (x->e.err_off != y->e.err_off ||
                                                  x->e.err_len != y->e.err_len)) ||
            x->lay.type_tok != y->lay.type_tok || x->lay.type != y->lay.type ||
            x->lay.rclass != y->lay.rclass || x->lay.ttl_tok != y->lay.ttl_tok ||
            x->lay.class_tok != y->lay.class_tok || x->lay.class_first != y->lay.class_first ||
            x->lay.ttl_why != y->lay.ttl_why || (!x->lay.ttl_why && x->lay.ttl != y->lay.ttl))
            abort();
        for (size_t k = 0; k < x->e.n; k++)
            if (a.toks[i][k].off != c.toks[i][k].off || a.toks[i][k].len != c.toks[i][k].len ||
                a.toks[i][k].quoted != c.toks[i][k].quoted)
                abort();
        if (y->checked)
            same_check(b.data, y, c.toks[i]);
    }
    free_kept(&a);
    free_kept(&c);
    zl_buf_free(&b);
    return 0;
}
