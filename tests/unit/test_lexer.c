/* The lexer: entries, tokens, comments, quotes, parentheses, recovery. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parser/master/lexer.h"

typedef struct lexed {
    char tokens[64][64];
    int ntok[16];
    const char *err[16];
    size_t err_off[16];
    bool blank[16];
    int n;
} lexed;

static void lex_all(const char *text, lexed *out)
{
    memset(out, 0, sizeof *out);
    zl_lexer lx;
    zl_lexer_init(&lx, text, strlen(text), NULL, NULL);
    zl_entry e = {0};
    int t = 0;
    while (out->n < 16 && zl_lex_entry(&lx, &e)) {
        out->ntok[out->n] = (int)e.n;
        out->err[out->n] = e.err;
        out->err_off[out->n] = e.err_off;
        out->blank[out->n] = e.blank_start;
        for (size_t i = 0; i < e.n && t < 64; i++, t++)
            snprintf(out->tokens[t], sizeof out->tokens[t], "%.*s", (int)e.toks[i].len,
                     text + e.toks[i].off);
        out->n++;
    }
    zl_entry_free(&e);
}

static void entries_and_tokens(void **state)
{
    (void)state;
    lexed l;
    lex_all("a IN A 1.2.3.4\n\n; only a comment\n  b TXT \"x y\" ; c\n", &l);
    assert_int_equal(l.n, 2);
    assert_int_equal(l.ntok[0], 4);
    assert_int_equal(l.ntok[1], 3);
    assert_false(l.blank[0]);
    assert_true(l.blank[1]);
    assert_string_equal(l.tokens[0], "a");
    assert_string_equal(l.tokens[3], "1.2.3.4");
    assert_string_equal(l.tokens[6], "\"x y\"");
}

static void parentheses_join_lines(void **state)
{
    (void)state;
    lexed l;
    lex_all("@ SOA ns h ( 1 ; serial\n 2 3\n 4 5 )\nnext A 1.1.1.1\n", &l);
    assert_int_equal(l.n, 2);
    assert_int_equal(l.ntok[0], 9);
    assert_null(l.err[0]);
}

static void escapes_stay_in_tokens(void **state)
{
    (void)state;
    lexed l;
    lex_all("a\\ b\\;c TXT \"q\\\"uote\" \\040x\n", &l);
    assert_int_equal(l.ntok[0], 4);
    assert_string_equal(l.tokens[0], "a\\ b\\;c");
    assert_string_equal(l.tokens[2], "\"q\\\"uote\"");
    assert_string_equal(l.tokens[3], "\\040x");
}

static void quoted_part_inside_a_word(void **state)
{
    (void)state;
    lexed l;
    lex_all("s HTTPS 1 . alpn=\"h2,h3\" ech=\"a b\"\n", &l);
    assert_int_equal(l.ntok[0], 6);
    assert_string_equal(l.tokens[5], "ech=\"a b\"");
}

static void unterminated_quote_recovers(void **state)
{
    (void)state;
    lexed l;
    lex_all("a TXT \"open\nb A 1.2.3.4\n", &l);
    assert_int_equal(l.n, 2);
    assert_non_null(l.err[0]);
    assert_null(l.err[1]);
    assert_int_equal(l.ntok[1], 3);
}

static void unclosed_paren_resumes_at_column_one(void **state)
{
    (void)state;
    lexed l;
    lex_all("@ SOA ns h (\n  1 2\n  3 4 5\nwww A 1.2.3.4\n", &l);
    assert_int_equal(l.n, 2);
    assert_string_equal(l.err[0], "'(' is never closed");
    assert_int_equal(l.err_off[0], 11);
    assert_int_equal(l.ntok[1], 3);
}

static void nested_paren_and_stray_close(void **state)
{
    (void)state;
    lexed l;
    lex_all("a TXT ( \"x\"\nb TXT ( \"y\" )\nc A 1.1.1.1 )\n", &l);
    assert_int_equal(l.n, 3);
    assert_string_equal(l.err[0], "'(' is never closed");
    assert_null(l.err[1]);
    assert_non_null(l.err[2]);
}

static void nul_byte_is_an_error(void **state)
{
    (void)state;
    const char text[] = "a A 1.1.1.1\0junk\n";
    zl_lexer lx;
    zl_lexer_init(&lx, text, sizeof text - 1, NULL, NULL);
    zl_entry e = {0};
    assert_true(zl_lex_entry(&lx, &e));
    assert_non_null(e.err);
    zl_entry_free(&e);
}

static void byte_order_mark_is_skipped(void **state)
{
    (void)state;
    lexed l;
    lex_all("\xEF\xBB\xBFwww A 1.2.3.4\n", &l);
    assert_int_equal(l.n, 1);
    assert_false(l.blank[0]);
    assert_string_equal(l.tokens[0], "www");
}

static int comments_seen;
static void count_comment(void *ctx, size_t off, size_t len)
{
    (void)ctx;
    (void)off;
    assert_true(len >= 1);
    comments_seen++;
}

static void comments_reach_the_callback(void **state)
{
    (void)state;
    const char *text = "; one\na A 1.1.1.1 ; two\nb TXT \"; not a comment\"\n";
    zl_lexer lx;
    zl_lexer_init(&lx, text, strlen(text), count_comment, NULL);
    zl_entry e = {0};
    comments_seen = 0;
    while (zl_lex_entry(&lx, &e))
        ;
    zl_entry_free(&e);
    assert_int_equal(comments_seen, 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(entries_and_tokens),
        cmocka_unit_test(parentheses_join_lines),
        cmocka_unit_test(escapes_stay_in_tokens),
        cmocka_unit_test(quoted_part_inside_a_word),
        cmocka_unit_test(unterminated_quote_recovers),
        cmocka_unit_test(unclosed_paren_resumes_at_column_one),
        cmocka_unit_test(nested_paren_and_stray_close),
        cmocka_unit_test(nul_byte_is_an_error),
        cmocka_unit_test(byte_order_mark_is_skipped),
        cmocka_unit_test(comments_reach_the_callback),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
