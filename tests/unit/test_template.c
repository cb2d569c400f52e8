/* The whole-text template sniff (parser/master/template.c): it searches a
 * chunk at a time, so markers and NUL bytes across a chunk's edge count as
 * anywhere else. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "parser/master/template.h"

enum { SIZE = 3 * 65536 + 100 };

/* A text of SIZE octets of zone-like filler with s written at off. */
static char *text_with(const char *s, size_t off)
{
    char *t = malloc(SIZE);
    assert_non_null(t);
    for (size_t i = 0; i < SIZE; i++)
        t[i] = "www IN A 192.0.2.1\n"[i % 19];
    memcpy(t + off, s, strlen(s));
    return t;
}

static void sniff(const char *s, size_t off, bool marked, size_t nul)
{
    char *t = text_with(s, off);
    size_t got_nul;
    if (zl_template_text(t, SIZE, &got_nul) != marked)
        fail_msg("'%s' at %zu: %s", s, off, marked ? "no marker seen" : "a marker seen");
    assert_int_equal(got_nul, nul);
    free(t);
}

static void markers_anywhere(void **state)
{
    (void)state;
    const char *markers[] = {"{{", "}}", "{%", "%}"};
    size_t offs[] = {0, 65535, 65536, 2 * 65536 - 1, SIZE - 2};
    for (size_t m = 0; m < 4; m++)
        for (size_t o = 0; o < sizeof offs / sizeof *offs; o++)
            sniff(markers[m], offs[o], true, SIZE);
    sniff("{ }", 65535, false, SIZE);
    sniff("%{", 65535, false, SIZE);
}

static void stops_at_nul(void **state)
{
    (void)state;
    char *t = text_with("{{", 2 * 65536);
    t[65536 + 7] = '\0';
    size_t nul;
    assert_false(zl_template_text(t, SIZE, &nul)); /* the marker is past the NUL */
    assert_int_equal(nul, 65536 + 7);
    t[65536 + 7] = '{';
    t[65536 + 8] = '\0'; /* "{" then NUL: no "{{" before it */
    assert_false(zl_template_text(t, SIZE, &nul));
    assert_int_equal(nul, 65536 + 8);
    t[65536 + 8] = '{';
    assert_true(zl_template_text(t, SIZE, &nul));
    assert_int_equal(nul, SIZE);
    free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(markers_anywhere),
        cmocka_unit_test(stops_at_nul),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
