/* zl_real_path (lint/io/real_path.c) against realpath(3): the same answer,
 * or the same errno, for files, folders, links at the end and in the
 * middle, missing and misused components, '.' and '..', after more folders
 * than it keeps. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lint/io/real_path.h"

/* What the test made, removed in reverse at its end. */
static char *made[64];
static size_t nmade;

static void note(const char *path)
{
    assert_true(nmade < sizeof made / sizeof *made);
    made[nmade++] = strdup(path);
}

static void touch(const char *path)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fclose(f);
    note(path);
}

static void folder(const char *path)
{
    assert_int_equal(mkdir(path, 0755), 0);
    note(path);
}

static void link_to(const char *target, const char *path)
{
    assert_int_equal(symlink(target, path), 0);
    note(path);
}

static void same(const char *path)
{
    errno = 0;
    char *want = realpath(path, NULL);
    int want_err = want ? 0 : errno;
    errno = 0;
    char *got = zl_real_path(path);
    int got_err = got ? 0 : errno;
    if ((want == NULL) != (got == NULL) || (want && strcmp(want, got) != 0) ||
        want_err != got_err)
        fail_msg("%s: realpath %s (errno %d), zl_real_path %s (errno %d)", path,
                 want ? want : "NULL", want_err, got ? got : "NULL", got_err);
    free(want);
    free(got);
}

static void agrees_with_realpath(void **state)
{
    (void)state;
    char tmpl[] = "/tmp/zl-real-path-XXXXXX";
    assert_non_null(mkdtemp(tmpl));
    assert_int_equal(chdir(tmpl), 0);
    folder("d");
    folder("d/e");
    touch("d/f");
    touch("d/e/g");
    link_to("e", "d/link-dir");
    link_to("f", "d/link-file");
    link_to("missing", "d/dangling");
    link_to("../d", "d/e/up");
    const char *paths[] = {
        "d/f", "d/e/g", "d/link-file", "d/link-dir", "d/link-dir/g", "d/e/up/f",
        "d/e/up/link-dir/g", "d/dangling", "d/missing", "missing/f", "d/f/g",
        "d/./f", "d/e/../f", "d/e/..", "d/.", "d/", "d", ".", "..", "/", "/tmp",
        "f-not-here", "./d/f", "d//f",
    };
    /* Twice over, the second time from what was kept; then after more
     * folders than are kept. */
    for (int round = 0; round < 2; round++)
        for (size_t i = 0; i < sizeof paths / sizeof *paths; i++)
            same(paths[i]);
    char name[64];
    for (int k = 0; k < 20; k++) {
        snprintf(name, sizeof name, "d/n%d", k);
        folder(name);
        snprintf(name, sizeof name, "d/n%d/x", k);
        touch(name);
        same(name);
    }
    for (size_t i = 0; i < sizeof paths / sizeof *paths; i++)
        same(paths[i]);
    char absolute[256];
    snprintf(absolute, sizeof absolute, "%s/d/link-dir/g", tmpl);
    same(absolute);
    while (nmade) {
        assert_int_equal(remove(made[--nmade]), 0);
        free(made[nmade]);
    }
    assert_int_equal(chdir("/"), 0);
    assert_int_equal(rmdir(tmpl), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(agrees_with_realpath),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
