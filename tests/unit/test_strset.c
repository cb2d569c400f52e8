/* The string set: an added string is found again, exactly (a prefix, a
 * longer string or one with a NUL inside is another), with the place it was
 * first added, across the resizes thousands of strings take. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>

#include "lint/util/strset.h"

static void seen_once(void **state)
{
    (void)state;
    zl_strset set = {0};
    assert_true(zl_strset_add(&set, "www.example.com A", 17));
    assert_false(zl_strset_add(&set, "www.example.com A", 17));
    assert_true(zl_strset_add(&set, "www.example.com AAAA", 20));
    assert_true(zl_strset_add(&set, "www.example.com", 15)); /* a prefix */
    assert_true(zl_strset_add(&set, "a\0b", 3));
    assert_true(zl_strset_add(&set, "a\0c", 3)); /* the same up to the NUL */
    assert_false(zl_strset_add(&set, "a\0b", 3));
    assert_int_equal(set.n, 5);
    zl_strset_free(&set);
}

static void many(void **state)
{
    (void)state;
    zl_strset set = {0};
    char s[32];
    for (int i = 0; i < 5000; i++) {
        int n = snprintf(s, sizeof s, "h%d.example.com A", i);
        assert_true(zl_strset_add(&set, s, (size_t)n));
    }
    for (int i = 0; i < 5000; i++) {
        int n = snprintf(s, sizeof s, "h%d.example.com A", i);
        assert_false(zl_strset_add(&set, s, (size_t)n));
    }
    assert_int_equal(set.n, 5000);
    zl_strset_free(&set);
}

/* Each string's index is the order it was first added, kept over resizes. */
static void first_place(void **state)
{
    (void)state;
    zl_strset set = {0};
    char s[32];
    for (int i = 0; i < 3000; i++) {
        int n = snprintf(s, sizeof s, "key%d", i % 1000);
        assert_int_equal(zl_strset_index(&set, s, (size_t)n), i % 1000);
    }
    assert_int_equal(set.n, 1000);
    zl_strset_free(&set);
}

/* Lookup answers what was added, at its first place, and adds nothing. */
static void find_only(void **state)
{
    (void)state;
    zl_strset set = {0};
    assert_int_equal(zl_strset_find(&set, "a", 1), SIZE_MAX); /* empty: no table yet */
    char s[32];
    for (int i = 0; i < 100; i++) {
        int n = snprintf(s, sizeof s, "key%d", i);
        zl_strset_index(&set, s, (size_t)n);
    }
    for (int i = 0; i < 200; i++) {
        int n = snprintf(s, sizeof s, "key%d", i);
        assert_int_equal(zl_strset_find(&set, s, (size_t)n), i < 100 ? (size_t)i : SIZE_MAX);
    }
    assert_int_equal(zl_strset_find(&set, "key1", 3), SIZE_MAX); /* a prefix is another key */
    assert_int_equal(set.n, 100);
    zl_strset_free(&set);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(seen_once),
        cmocka_unit_test(many),
        cmocka_unit_test(first_place),
        cmocka_unit_test(find_only),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
