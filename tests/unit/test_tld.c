/* The top-level domain list (lint/model/tld_list.c, generated) and its
 * look-up: zl_is_tld turns away a label that is neither letters nor an
 * A-label before searching, so the list must hold only such labels. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdbool.h>
#include <string.h>

#include "lint/model/tld.h"
#include "lint/util/util.h"

static bool letters_or_a_label(const char *t)
{
    bool a_label = strncmp(t, "xn--", 4) == 0;
    for (const char *p = t; *p; p++) {
        bool letter = *p >= 'a' && *p <= 'z';
        bool ldh = (*p >= '0' && *p <= '9') || *p == '-';
        if (!letter && !(a_label && ldh))
            return false;
    }
    return *t != '\0';
}

static void every_listed_label_is_found(void **state)
{
    (void)state;
    for (size_t i = 0; i < zl_ntlds; i++) {
        const char *t = zl_tlds[i];
        if (!letters_or_a_label(t))
            fail_msg("'%s' is neither letters nor an A-label", t);
        if (!zl_is_tld(t, strlen(t)))
            fail_msg("'%s' is listed but not found", t);
        char upper[64];
        size_t n = strlen(t);
        assert_true(n < sizeof upper);
        for (size_t k = 0; k < n; k++)
            upper[k] = (char)(t[k] >= 'a' && t[k] <= 'z' ? t[k] - 32 : t[k]);
        if (!zl_is_tld(upper, n))
            fail_msg("'%.*s' (upper case) is not found", (int)n, upper);
    }
}

static void other_labels_are_not(void **state)
{
    (void)state;
    const char *labels[] = {"web-01", "c0-1", "example", "com.", "xn--", "xn--zzzzzz", "co m",
                            "", "localhost", "1com"};
    for (size_t i = 0; i < sizeof labels / sizeof *labels; i++)
        if (zl_is_tld(labels[i], strlen(labels[i])))
            fail_msg("'%s' is taken for a top-level domain", labels[i]);
    assert_true(zl_is_tld("com", 3));
    assert_true(zl_is_tld("Com", 3));
    assert_true(zl_is_tld("comX", 3)); /* the length given, not the string's */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_listed_label_is_found),
        cmocka_unit_test(other_labels_are_not),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
