/* TXT values as the rules read them: a record's strings found once and
 * joined, and the test of a value's start from its first string. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <ldns/ldns.h>
#include <stdlib.h>
#include <string.h>

#include "lint/util/util.h"
#include "parser/master/master.h"
#include "rules/values/txt.h"

static zl_read_result no_read(const zl_fs *fs, const char *path, char **data, size_t *len,
                              char **err)
{
    (void)fs, (void)data, (void)len;
    *err = zl_xasprintf("%s: no such file", path);
    return ZL_READ_FAILED;
}

static char *same_path(const zl_fs *fs, const char *path)
{
    (void)fs;
    return zl_path_normalize(path);
}

static const zl_fs nofs = {.read = no_read, .identity = same_path};

/* The records of text, read at the root origin with a default TTL. */
static zl_zone *read_text(zl_zoneset *zs, const char *text)
{
    zl_master_opts o = {.fs = &nofs, .origin = ZL_NAME_ROOT, .origin_forced = true};
    zl_buf b = {0};
    zl_buf_adds(&b, "$TTL 60\n");
    zl_buf_adds(&b, text);
    size_t len = b.len;
    zl_zone *z = zl_read_master_text(zs, "main.zone", zl_buf_take(&b), len, &o);
    assert_int_equal(zs->ndiags, 0);
    return z;
}

static void view_joins_and_is_reused(void **state)
{
    (void)state;
    zl_zoneset zs;
    zl_zoneset_init(&zs);
    zl_zone *z = read_text(&zs, "a. TXT \"v=spf1 \" \"-all\" x\\059y \"\\\"q\\\"\"\n"
                                "b. TXT \"one\"\n");
    zl_txt_view v = {0};
    zl_txt_view_read(&v, &zs, z, &z->recs[0]);
    assert_int_equal(v.n, 4);
    assert_string_equal(v.value.data, "v=spf1 -allx;y\"q\"");
    assert_int_equal(v.value.len, strlen("v=spf1 -allx;y\"q\""));
    assert_int_equal(v.starts[0], 0);
    assert_int_equal(v.starts[1], 7);
    assert_int_equal(v.starts[2], 11);
    assert_int_equal(v.starts[3], 14);
    assert_true(v.tok[0].quoted);
    assert_false(v.tok[2].quoted);
    assert_int_equal(v.tok[2].len, strlen("x\\059y"));
    /* The next record replaces the first: fewer strings, a shorter value. */
    zl_txt_view_read(&v, &zs, z, &z->recs[1]);
    assert_int_equal(v.n, 1);
    assert_string_equal(v.value.data, "one");
    zl_txt_view_free(&v);
    zl_zoneset_free(&zs);
}

static void start_told_from_the_first_string(void **state)
{
    (void)state;
    zl_zoneset zs;
    zl_zoneset_init(&zs);
    zl_zone *z = read_text(&zs, "a. TXT \"V=SPF1 -all\"\n"
                                "b. TXT \"v=DKIM1; p=\"\n"
                                "c. TXT \"v=s\" \"pf1 -all\"\n"
                                "d. TXT \"\\118=spf1 -all\"\n"
                                "e. TXT \"v=spf\\049 -all\"\n");
    const char *spf = "v=spf1";
    assert_true(zl_txt_may_start_ci(&zs, z, &z->recs[0], spf));  /* in any case */
    assert_false(zl_txt_may_start_ci(&zs, z, &z->recs[1], spf)); /* settled: no */
    assert_true(zl_txt_may_start_ci(&zs, z, &z->recs[2], spf));  /* first string too short */
    /* An escape in the first six octets: only decoding tells. */
    assert_true(zl_txt_may_start_ci(&zs, z, &z->recs[3], spf));
    assert_true(zl_txt_may_start_ci(&zs, z, &z->recs[4], spf));
    assert_true(zl_txt_may_start_ci(&zs, z, &z->recs[1], "v=DKIM1"));
    zl_zoneset_free(&zs);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(view_joins_and_is_reused),
        cmocka_unit_test(start_told_from_the_first_string),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
