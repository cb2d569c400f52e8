/* Escaping of what reaches a terminal or a log (lint/output/escape.c) and
 * the confined reader's decisions (lint/io/confine.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lint/io/confine.h"
#include "lint/output/escape.h"

static char *escaped(const char *s, int flags)
{
    zl_buf b = {0};
    zl_escape_add(&b, s, strlen(s), flags);
    return zl_buf_take(&b);
}

static void controls_and_bad_utf8_become_hex(void **state)
{
    (void)state;
    char *s = escaped("a\033]0;t\007b\tc\nd\xff" "e\xc2\x9b" "f\xc3\xa9\\", 0);
    assert_string_equal(s, "a\\x1B]0;t\\x07b\\tc\\nd\\xFFe\\xC2\\x9Bf\xc3\xa9\\");
    free(s);
    /* overlong '/', a surrogate, a truncated sequence */
    s = escaped("\xc0\xaf|\xed\xa0\x80|\xe2\x82", 0);
    assert_string_equal(s, "\\xC0\\xAF|\\xED\\xA0\\x80|\\xE2\\x82");
    free(s);
    s = escaped("x\r\ny", ZL_ESC_KEEP_NEWLINES);
    assert_string_equal(s, "x\r\ny");
    free(s);
}

static void printable_characters(void **state)
{
    (void)state;
    assert_true(zl_utf8_printable("a", 1));
    assert_true(zl_utf8_printable("\xc3\xa9", 2));
    assert_false(zl_utf8_printable("\x1b", 1));
    assert_false(zl_utf8_printable("\x7f", 1));
    assert_false(zl_utf8_printable("\xc2\x85", 2));
    assert_false(zl_utf8_printable("\xff\xfe", 2));
}

static void paths_are_quoted_as_git_does(void **state)
{
    (void)state;
    zl_buf b = {0};
    zl_escape_path(&b, "zones/db.example.com");
    assert_string_equal(zl_buf_str(&b), "zones/db.example.com");
    zl_buf_reset(&b);
    zl_escape_path(&b, "evil\nx.zone:1:1: error: \"forged\"\\\033\xc3\xa9");
    assert_string_equal(zl_buf_str(&b),
                        "\"evil\\nx.zone:1:1: error: \\\"forged\\\"\\\\\\033\\303\\251\"");
    zl_buf_free(&b);
}

static void confine_keeps_reads_inside(void **state)
{
    (void)state;
    char dir[] = "/tmp/zl-confine-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char inside[64], sub[64], link[64], outside[64], fifo[64];
    snprintf(sub, sizeof sub, "%s/in", dir);
    snprintf(inside, sizeof inside, "%s/in/a.zone", dir);
    snprintf(outside, sizeof outside, "%s/secret", dir);
    snprintf(link, sizeof link, "%s/in/link", dir);
    snprintf(fifo, sizeof fifo, "%s/in/fifo", dir);
    assert_int_equal(mkdir(sub, 0700), 0);
    FILE *f = fopen(inside, "w");
    fputs("x\n", f);
    fclose(f);
    f = fopen(outside, "w");
    fputs("secret\n", f);
    fclose(f);
    assert_int_equal(symlink("../secret", link), 0);
    assert_int_equal(mkfifo(fifo, 0600), 0);

    size_t run = 0;
    zl_confine c;
    zl_confine_init(&c, &run);
    assert_true(zl_confine_allow(&c, sub));
    char *data = NULL, *err = NULL;
    size_t len = 0;
    assert_int_equal(c.fs.read(&c.fs, inside, &data, &len, &err), ZL_READ_OK);
    assert_string_equal(data, "x\n");
    assert_int_equal(run, 2);
    free(data);
    assert_int_equal(c.fs.read(&c.fs, link, &data, &len, &err), ZL_READ_REFUSED);
    assert_null(strstr(err, "secret\n"));
    free(err);
    assert_int_equal(c.fs.read(&c.fs, outside, &data, &len, &err), ZL_READ_REFUSED);
    free(err);
    assert_int_equal(c.fs.read(&c.fs, fifo, &data, &len, &err), ZL_READ_REFUSED);
    assert_non_null(strstr(err, "FIFO"));
    free(err);
    /* the command line's own file is read wherever it is */
    zl_confine_trust(&c, outside);
    assert_int_equal(c.fs.read(&c.fs, outside, &data, &len, &err), ZL_READ_OK);
    free(data);
    zl_confine_free(&c);
    unlink(fifo);
    unlink(link);
    unlink(inside);
    unlink(outside);
    rmdir(sub);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(controls_and_bad_utf8_become_hex),
        cmocka_unit_test(printable_characters),
        cmocka_unit_test(paths_are_quoted_as_git_does),
        cmocka_unit_test(confine_keeps_reads_inside),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
