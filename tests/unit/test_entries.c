/* Entries lexed ahead on a second thread are the entries lexed in place
 * (entries_agree.h), the reader may stop early, and only a large text is
 * worth lexing ahead. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lint/util/parallel.h"
#include "tests/unit/entries_agree.h"

/* Lines of every kind the lexer and the layout tell apart, repeated to
 * twice AHEAD_TEXT. */
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
    for (size_t round = 0; b.len < 2 * AHEAD_TEXT; round++)
        for (size_t i = 0; i < sizeof lines / sizeof *lines; i++)
            zl_buf_adds(&b, lines[(i + round) % (sizeof lines / sizeof *lines)]);
    zl_buf_adds(&b, "last IN A 192.0.2.13\n; a comment after the last entry\n");
    *len = b.len;
    return zl_buf_take(&b);
}

static void test_ahead_equals_in_place(void **state)
{
    (void)state;
    size_t len;
    char *text = big_text(&len);
    kept a, b;
    kept_read(text, len, false, 0, &a);
    assert_true(a.n > 10000);
    /* The thread checks rdata only when it gets ahead: on a loaded machine
     * that may take a longer pause. */
    size_t checked = 0, bad = 0;
    for (long pause = 200; pause <= 800 && !checked; pause *= 2) {
        kept_read(text, len, true, pause, &b);
        assert_null(kept_differ(text, &a, &b));
        for (size_t i = 0; i < b.n; i++) {
            checked += b.e[i].checked;
            bad += b.e[i].checked && b.e[i].check.message;
        }
        kept_free(&b);
    }
    assert_true(checked > 0);
    assert_true(bad > 0);
    /* The last comment comes after every entry. */
    assert_int_equal(a.com[a.ncom - 1], a.n);
    kept_free(&a);
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

/* A text is lexed ahead only from the size that pays for the thread, and
 * only when more than one job may run. */
static void test_worth_ahead(void **state)
{
    (void)state;
    zl_set_jobs(2);
    assert_false(zl_entries_worth_ahead(ZL_ENTRIES_AHEAD_MIN - 1));
    assert_true(zl_entries_worth_ahead(ZL_ENTRIES_AHEAD_MIN));
    zl_set_jobs(1);
    assert_false(zl_entries_worth_ahead(ZL_ENTRIES_AHEAD_MIN));
}

/* A text of one entry lexed ahead: the thread hands it over, and the end. */
static void test_one_entry_ahead(void **state)
{
    (void)state;
    const char *text = "www IN A 192.0.2.1\n";
    zl_entries *es = zl_entries_open(text, strlen(text), true, false, NULL, NULL);
    zl_read_entry e;
    assert_true(zl_entries_next(es, &e));
    assert_int_equal(e.lay.type, 1);
    free(e.check.message);
    assert_false(zl_entries_next(es, &e));
    zl_entries_close(es);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ahead_equals_in_place),
        cmocka_unit_test(test_close_early),
        cmocka_unit_test(test_worth_ahead),
        cmocka_unit_test(test_one_entry_ahead),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
