/* Entries lexed ahead on a second thread are the entries lexed in place:
 * the same tokens, errors and layouts, comments at the same points, and
 * rdata checks that agree with checking afterwards. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lint/util/util.h"
#include "parser/master/entries.h"

/* Lines of every kind the lexer and the layout tell apart, repeated until
 * the text is large enough to be lexed ahead. */
static char *big_text(size_t *len)
{
    static const char *const lines[] = {
        "$ORIGIN example.com.\n",
        "$TTL 3600\n",
        "@ IN SOA ns1 hostmaster ( 1 7200 3600\n  1209600 300 ) ; the SOA\n",
        "www 300 IN A 192.0.2.1\n",
        "    IN AAAA 2001:db8::1\n",
        "mail IN 600 MX 10 mx.example.net.\n",
        "txt TXT \"v=spf1 -all\" \"two\" ; zonelint-disable-line value-quoting\n",
        "bad IN A 999.1.1.1\n",
        "short IN MX 10\n",
        "notype 300 IN\n",
        "odd IN BOGUS data\n",
        "quote TXT \"never closed\n",
        "paren IN A ( 192.0.2.9\n",
        "after IN A 192.0.2.10\n",
        "; a comment on its own line\n",
        "svc IN SVCB 1 . alpn=\"h2,h3\"\n",
        "gen IN TYPE65280 \\# 2 abcd\n",
        "close ) IN A 192.0.2.11\n",
        "\"quoted\" IN A 192.0.2.12\n",
        "badttl 3600x IN A 192.0.2.14\n",
        "units 1h30m IN A 192.0.2.15\n",
    };
    zl_buf b = {0};
    for (size_t round = 0; b.len < 2 * ZL_ENTRIES_AHEAD_MIN; round++)
        for (size_t i = 0; i < sizeof lines / sizeof *lines; i++)
            zl_buf_adds(&b, lines[(i + round) % (sizeof lines / sizeof *lines)]);
    zl_buf_adds(&b, "last IN A 192.0.2.13\n; a comment after the last entry\n");
    *len = b.len;
    return zl_buf_take(&b);
}

typedef struct seen {
    size_t *com; /* comment offset, and the entries fetched when it came */
    size_t ncom, cap;
    size_t fetched;
} seen;

static void on_comment(void *ctx, size_t off, size_t len)
{
    (void)len;
    seen *s = ctx;
    ZL_GROW(s->com, s->cap, s->ncom + 2);
    s->com[s->ncom++] = off;
    s->com[s->ncom++] = s->fetched;
}

typedef struct lexed {
    zl_read_entry *e;
    zl_lex_tok **toks;
    size_t n, cap;
    seen comments;
} lexed;

/* Every entry, kept (tokens copied: they live only until the call after next). */
static void read_all(const char *text, size_t len, bool ahead, lexed *out)
{
    memset(out, 0, sizeof *out);
    zl_entries *es = zl_entries_open(text, len, ahead, false, on_comment, &out->comments);
    /* The thread checks rdata only while it is batches ahead of the reader
     * (else validation does, later): a reader that waits lets it get there. */
    if (ahead)
        nanosleep(&(struct timespec){.tv_nsec = 200 * 1000 * 1000}, NULL);
    zl_read_entry e;
    while (zl_entries_next(es, &e)) {
        out->comments.fetched++;
        ZL_GROW(out->e, out->cap, out->n + 1);
        out->toks = realloc(out->toks, out->cap * sizeof *out->toks);
        out->toks[out->n] = malloc((e.e.n + 1) * sizeof **out->toks);
        memcpy(out->toks[out->n], e.e.toks, e.e.n * sizeof *e.e.toks);
        out->e[out->n++] = e;
    }
    zl_entries_close(es);
}

static void free_lexed(lexed *l)
{
    for (size_t i = 0; i < l->n; i++) {
        free(l->toks[i]);
        free(l->e[i].check.message);
    }
    free(l->toks);
    free(l->e);
    free(l->comments.com);
}

static void test_ahead_equals_in_place(void **state)
{
    (void)state;
    size_t len;
    char *text = big_text(&len);
    lexed a, b;
    read_all(text, len, false, &a);
    read_all(text, len, true, &b);
    assert_true(a.n > 10000);
    assert_int_equal(a.n, b.n);
    size_t checked = 0, bad = 0;
    for (size_t i = 0; i < a.n; i++) {
        const zl_read_entry *x = &a.e[i], *y = &b.e[i];
        assert_false(x->checked); /* in place, rdata is checked after reading */
        assert_int_equal(x->e.n, y->e.n);
        assert_int_equal(x->e.start, y->e.start);
        assert_int_equal(x->e.blank_start, y->e.blank_start);
        assert_true(x->e.err == y->e.err);
        if (x->e.err) { /* else the lexer leaves them as they were */
            assert_int_equal(x->e.err_off, y->e.err_off);
            assert_int_equal(x->e.err_len, y->e.err_len);
        }
        for (size_t k = 0; k < x->e.n; k++) {
            assert_int_equal(a.toks[i][k].off, b.toks[i][k].off);
            assert_int_equal(a.toks[i][k].len, b.toks[i][k].len);
            assert_int_equal(a.toks[i][k].quoted, b.toks[i][k].quoted);
        }
        assert_int_equal(x->lay.type_tok, y->lay.type_tok);
        assert_int_equal(x->lay.type, y->lay.type);
        assert_int_equal(x->lay.rclass, y->lay.rclass);
        assert_int_equal(x->lay.ttl_tok, y->lay.ttl_tok);
        assert_int_equal(x->lay.class_tok, y->lay.class_tok);
        assert_int_equal(x->lay.class_first, y->lay.class_first);
        assert_int_equal(x->lay.ttl, y->lay.ttl);
        assert_true(x->lay.ttl_why == y->lay.ttl_why);
        if (!y->checked)
            continue;
        /* The check made ahead is the one made afterwards. */
        checked++;
        size_t first = y->lay.type_tok + 1, n = y->e.n - first;
        zl_tok toks[64];
        assert_true(n < 64);
        for (size_t k = 0; k < n; k++) {
            const zl_lex_tok *t = &b.toks[i][first + k];
            toks[k] = (zl_tok){text + t->off, t->off, t->len, t->quoted};
        }
        zl_rdata_result r = zl_rdata_check(y->lay.type, toks, (unsigned)n);
        assert_int_equal(r.generic, y->check.generic);
        assert_int_equal(r.message != NULL, y->check.message != NULL);
        if (r.message) {
            bad++;
            assert_string_equal(r.message, y->check.message);
            assert_int_equal(r.tok, y->check.tok);
        }
        free(r.message);
    }
    assert_true(checked > 0);
    assert_true(bad > 0);
    /* Comments: the same ones, each while the same entry was fetched; the
     * last after every entry. */
    assert_int_equal(a.comments.ncom, b.comments.ncom);
    assert_memory_equal(a.comments.com, b.comments.com, a.comments.ncom * sizeof(size_t));
    assert_int_equal(a.comments.com[a.comments.ncom - 1], a.n);
    free_lexed(&a);
    free_lexed(&b);
    free(text);
}

/* A reader that stops early (a zone limit) closes the entries while the
 * thread is still lexing: nothing hangs, nothing leaks. */
static void test_close_early(void **state)
{
    (void)state;
    size_t len;
    char *text = big_text(&len);
    for (size_t stop = 0; stop < 20000; stop += 4999) {
        zl_entries *es = zl_entries_open(text, len, true, false, NULL, NULL);
        zl_read_entry e;
        for (size_t i = 0; i < stop && zl_entries_next(es, &e); i++)
            free(e.check.message);
        zl_entries_close(es);
    }
    free(text);
}

/* A small text is lexed in place even when lexing ahead is allowed. */
static void test_small_text_in_place(void **state)
{
    (void)state;
    const char *text = "www IN A 192.0.2.1\n";
    zl_entries *es = zl_entries_open(text, strlen(text), true, false, NULL, NULL);
    zl_read_entry e;
    assert_true(zl_entries_next(es, &e));
    assert_false(e.checked);
    assert_int_equal(e.lay.type, 1);
    assert_false(zl_entries_next(es, &e));
    zl_entries_close(es);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ahead_equals_in_place),
        cmocka_unit_test(test_close_early),
        cmocka_unit_test(test_small_text_in_place),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
