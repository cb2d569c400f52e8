/* How a value differs from SES's: the words a user reads, and where a value
 * stops being a near miss and becomes another value. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "rules/ses/diff.h"

#define TOKEN "xvvj77hbufxfl2cee6bhdit2v3jlaqbq"
#define VTOKEN "RSOthFcgHSsLOE0u2IYtAaDXyqCFcwPWQs5y2vnH1mY="

static void assert_diff(const char *found, const char *want, bool exact_case, const char *words)
{
    zl_buf b = {0};
    assert_true(zl_ses_diff(found, strlen(found), want, strlen(want), exact_case, &b));
    assert_string_equal(zl_buf_str(&b), words);
    zl_buf_free(&b);
}

static void assert_not_near(const char *found, const char *want)
{
    zl_buf b = {0};
    assert_false(zl_ses_diff(found, strlen(found), want, strlen(want), true, &b));
    zl_buf_free(&b);
}

static void slips_of_copy_and_paste(void **state)
{
    (void)state;
    assert_diff("RSOthFcgHSsLOE0u2IYtAaDXyqCFcwPWQs5y2vnH1mY", VTOKEN, true,
                "the final '=' was dropped");
    assert_diff(" " VTOKEN, VTOKEN, true, "an extra leading space");
    assert_diff(VTOKEN "  ", VTOKEN, true, "an extra trailing space");
    assert_diff("rsothfcghsslOE0u2IYtAaDXyqCFcwPWQs5y2vnH1mY=", VTOKEN, true,
                "it differs in letter case only, and SES compares exactly (a DNS provider may "
                "have lower-cased it)");
    assert_diff("vvj77hbufxfl2cee6bhdit2v3jlaqbq", TOKEN, false,
                "one character short: 'x' is missing at the start");
    assert_diff("xvvj77hbufxfl2cee6bhdit2v3jlaqb", TOKEN, false,
                "one character short: 'q' is missing at the end");
    assert_diff("xvvj77hbufxfl2ee6bhdit2v3jlaqbq", TOKEN, false,
                "one character short: 'c' is missing after \"hbufxfl2\"");
    assert_diff("3xvvj77hbufxfl2cee6bhdit2v3jlaqbq", TOKEN, false,
                "one character too many: an extra '3' at the start");
    assert_diff("xvvj77hbufxfl2cee6bhdlt2v3jlaqbq", TOKEN, false,
                "one character differs: 'l' instead of 'i', after \"2cee6bhd\"");
    assert_diff("xvvj77hbufxfl2cee6bhdti2v3jlaqbq", TOKEN, false,
                "two characters swapped: \"ti\" instead of \"it\"");
    assert_diff("RSOthFcgHSsLOE0u2IYtAaDXyqCF", VTOKEN, true,
                "truncated: 28 of 44 characters, \"cwPWQs5y2vnH1mY=\" is missing at the end");
    assert_diff("\xE2\x80\x9C" VTOKEN "\xE2\x80\x9D", VTOKEN, true,
                "extra characters around it: \"\xE2\x80\x9C\" before and \"\xE2\x80\x9D\" after");
}

static void other_values_are_not_near(void **state)
{
    (void)state;
    assert_not_near(VTOKEN, VTOKEN);
    assert_not_near("pmBGN/7MjnfhTKUZ06Enqq1PeGUaOkw8lGhcfwefcHU=", VTOKEN);
    assert_not_near("RSOth", VTOKEN); /* too little of it left to be a copy */
    assert_not_near("zxfo5z4dqr44uztwz5io2b4j4mwlrquj", TOKEN);
    assert_not_near("anything", "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(slips_of_copy_and_paste),
        cmocka_unit_test(other_values_are_not_near),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
