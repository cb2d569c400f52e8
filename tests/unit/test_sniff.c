/* The whole-text sniff (parser/master/sniff.c): it tests the text 64 octets
 * at a time and a large one in two halves on two threads, so markers, words
 * and NUL bytes across a block's or the halves' edge count as anywhere else,
 * and a NUL in the first half hides markers in the second. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "parser/master/sniff.h"

/* A small text, read on one thread, and one past the size read on two. */
static const size_t sizes[] = {3 * 65536 + 100, (2u << 20) + 100};

/* A text of size octets of zone-like filler with s written at off. */
static char *text_with(size_t size, const char *s, size_t off)
{
    char *t = malloc(size + 1);
    assert_non_null(t);
    for (size_t i = 0; i < size; i++)
        t[i] = "www IN A 192.0.2.1\n"[i % 19];
    t[size] = '\0';
    memcpy(t + off, s, strlen(s));
    return t;
}

/* Offsets at the start, at block edges, at both sides of the halves'
 * edge and at the end, for a string of n octets. */
static size_t offsets(size_t size, size_t n, size_t *out)
{
    size_t k = 0, half = size / 2;
    out[k++] = 0;
    out[k++] = 63;
    out[k++] = 64 - n / 2;
    out[k++] = 65535;
    out[k++] = half - n;
    out[k++] = half - n / 2;
    out[k++] = half;
    out[k++] = size - n;
    return k;
}

static void expect(const char *s, size_t off, size_t size, bool templated, bool gdnsd)
{
    char *t = text_with(size, s, off);
    zl_sniffed got = zl_sniff_master_text(t, size);
    if (got.templated != templated || got.gdnsd != gdnsd)
        fail_msg("'%s' at %zu of %zu: templated %d gdnsd %d", s, off, size, got.templated,
                 got.gdnsd);
    assert_int_equal(got.nul, size);
    free(t);
}

static void markers_anywhere(void **state)
{
    (void)state;
    const char *markers[] = {"{{", "}}", "{%", "%}"};
    for (size_t z = 0; z < 2; z++) {
        size_t offs[8], n = offsets(sizes[z], 2, offs);
        for (size_t m = 0; m < 4; m++)
            for (size_t o = 0; o < n; o++)
                expect(markers[m], offs[o], sizes[z], true, false);
        expect("{ }", 65535, sizes[z], false, false);
        expect("%{", sizes[z] / 2 - 1, sizes[z], false, false);
    }
}

/* gdnsd's words count as whole tokens only: @Z also at the end of a name. */
static void gdnsd_words(void **state)
{
    (void)state;
    const char *words[] = {" DYNA ", " DYNC ", "\t$ADDR_LIMIT_V4 ", "\n$ADDR_LIMIT_V6 ",
                           " @Z ", " www.@Z\t", "(DYNA)"};
    const char *not_words[] = {" DYNAMIC ", " xDYNA ", " DYN ", " $ADDR_LIMIT_V5 ",
                               " a@Z ", " @ZONE ", " dyna "};
    for (size_t z = 0; z < 2; z++) {
        size_t offs[8];
        for (size_t w = 0; w < sizeof words / sizeof *words; w++) {
            size_t n = offsets(sizes[z], strlen(words[w]), offs);
            for (size_t o = 0; o < n; o++)
                expect(words[w], offs[o], sizes[z], false, true);
        }
        for (size_t w = 0; w < sizeof not_words / sizeof *not_words; w++) {
            size_t n = offsets(sizes[z], strlen(not_words[w]), offs);
            for (size_t o = 0; o < n; o++)
                expect(not_words[w], offs[o], sizes[z], false, false);
        }
    }
    /* At the very start and end of the text, with no blank around. */
    char *t = text_with(sizes[0], "DYNA", 0);
    t[4] = ' ';
    assert_true(zl_sniff_master_text(t, sizes[0]).gdnsd);
    free(t);
    t = text_with(sizes[0], " @Z", sizes[0] - 3);
    assert_true(zl_sniff_master_text(t, sizes[0]).gdnsd);
    free(t);
}

static void stops_at_nul(void **state)
{
    (void)state;
    for (size_t z = 0; z < 2; z++) {
        size_t size = sizes[z], half = size / 2;
        char *t = text_with(size, "{{", half + 100);
        t[half - 7] = '\0'; /* the marker is past the NUL, in the other half */
        zl_sniffed got = zl_sniff_master_text(t, size);
        assert_false(got.templated);
        assert_int_equal(got.nul, half - 7);
        t[half + 50] = '\0'; /* the first NUL counts */
        assert_int_equal(zl_sniff_master_text(t, size).nul, half - 7);
        t[half - 7] = '{';
        t[half - 6] = '\0'; /* "{" then NUL: no "{{" before it */
        got = zl_sniff_master_text(t, size);
        assert_false(got.templated);
        assert_int_equal(got.nul, half - 6);
        t[half - 6] = '{';
        got = zl_sniff_master_text(t, size);
        assert_true(got.templated);
        assert_int_equal(got.nul, half + 50);
        /* gdnsd's words count past the NUL too. */
        memcpy(t + size - 10, " DYNA ", 6);
        assert_true(zl_sniff_master_text(t, size).gdnsd);
        free(t);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(markers_anywhere),
        cmocka_unit_test(gdnsd_words),
        cmocka_unit_test(stops_at_nul),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
