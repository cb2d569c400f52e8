/* The plan's string index: every number a string names, ascending, exact
 * matches only (a prefix or a longer string is another key), and a string
 * added after a lookup found by the next. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "lint/model/model.h"
#include "parser/exports/plan_index.h"

static void numbers_of(zl_sindex *x, const char *s, size_t len, uint32_t *out, size_t *n)
{
    size_t at = 0;
    *n = 0;
    for (uint32_t k; (k = zl_sindex_next(x, s, len, &at)) != ZL_NONE;)
        out[(*n)++] = k;
}

static void exact_strings_in_order(void **state)
{
    (void)state;
    zl_sindex x = {0};
    static const char *addr[] = {"aws_route53_zone.a", "aws_route53_zone.b[0]",
                                 "aws_route53_zone.b[1]", "aws_route53_zone.a"};
    char many[3000][24];
    for (uint32_t z = 0; z < 4; z++) {
        const char *b = strchr(addr[z], '[');
        if (b)
            zl_sindex_add(&x, addr[z], (size_t)(b - addr[z]), z);
        zl_sindex_add(&x, addr[z], strlen(addr[z]), z);
    }
    for (uint32_t z = 4; z < 3000; z++) { /* past any small table */
        snprintf(many[z], sizeof many[z], "zone.%u", z);
        zl_sindex_add(&x, many[z], strlen(many[z]), z);
    }
    uint32_t got[8];
    size_t n;
    numbers_of(&x, "aws_route53_zone.a", 18, got, &n);
    assert_int_equal(n, 2);
    assert_int_equal(got[0], 0);
    assert_int_equal(got[1], 3);
    numbers_of(&x, "aws_route53_zone.b", 18, got, &n);
    assert_int_equal(n, 2);
    assert_int_equal(got[0], 1);
    assert_int_equal(got[1], 2);
    numbers_of(&x, "aws_route53_zone.b[1]", 21, got, &n);
    assert_int_equal(n, 1);
    assert_int_equal(got[0], 2);
    numbers_of(&x, "aws_route53_zone", 16, got, &n); /* a prefix no one added */
    assert_int_equal(n, 0);
    numbers_of(&x, "zone.2999", 9, got, &n);
    assert_int_equal(n, 1);
    assert_int_equal(got[0], 2999);
    zl_sindex_add(&x, "late", 4, 3000);
    numbers_of(&x, "late", 4, got, &n);
    assert_int_equal(n, 1);
    assert_int_equal(got[0], 3000);
    zl_sindex_free(&x);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(exact_strings_in_order),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
