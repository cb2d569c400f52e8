/* Fixes: placing edits in the real file (directly, and through the position
 * map of an export, with the replacement written for its format), refusing
 * what cannot be placed, applying non-overlapping fixes in finding order, and
 * the unified diff of --fix --diff. */
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

#include "lint/engine/fix.h"
#include "lint/fix/session.h"
#include "lint/util/util.h"

static uint32_t add_source(zl_zoneset *zs, const char *path, const char *text)
{
    return zl_zoneset_add_source(zs, path, zl_xstrdup(text), strlen(text));
}

/* A source standing for an export: text, and display with one map entry
 * saying text [0, same) repeats display [raw, raw + same). */
static uint32_t add_export(zl_zoneset *zs, const char *text, const char *display, uint32_t raw,
                           uint32_t same, zl_fix_text how)
{
    uint32_t src = add_source(zs, "export", text);
    zl_source *s = zs->srcs[src];
    s->display = zl_xstrdup(display);
    s->display_len = strlen(display);
    s->dlines = zl_line_table(s->display, s->display_len, &s->ndlines);
    s->map = zl_xmalloc(2 * sizeof *s->map);
    s->map[0] = (zl_posmap){.off = 0, .line = 1, .col = raw + 1, .raw = raw, .same = same};
    s->map[1] = (zl_posmap){.off = same, .line = 1, .col = raw + same + 1, .raw = raw + same};
    s->nmap = 2;
    s->fix_text = how;
    return src;
}

static void placed_in_a_master_file(void **state)
{
    (void)state;
    zl_zoneset zs;
    zl_zoneset_init(&zs);
    uint32_t src = add_source(&zs, "db.x", "a 1 IN A 192.0.2.1\nwww CNAME t.example.net\n");
    zl_fix *f = zl_fix_new(ZL_FIX_SAFE);
    zl_fix_replace(f, src, 42, 0, ".");
    assert_true(zl_fix_place(f, &zs));
    assert_string_equal(f->path, "db.x");
    assert_int_equal(f->edits[0].start, 42);
    assert_int_equal(f->edits[0].line, 2);
    assert_int_equal(f->edits[0].col, 24);
    assert_int_equal(f->edits[0].end_col, 24);
    zl_fix_free(f);
    /* Appended after the last line: a line of its own. */
    f = zl_fix_new(ZL_FIX_SAFE);
    zl_fix_replace(f, src, 43, 0, "x A 192.0.2.2\n");
    assert_true(zl_fix_place(f, &zs));
    assert_int_equal(f->edits[0].line, 3);
    assert_int_equal(f->edits[0].col, 1);
    zl_fix_free(f);
    zl_zoneset_free(&zs);
}

static void placed_through_the_map_and_escaped(void **state)
{
    (void)state;
    zl_zoneset zs;
    zl_zoneset_init(&zs);
    const char *display = "{\"Name\": \"v=spf1 -all\"}";
    uint32_t src = add_export(&zs, "\"v=spf1 -all\"", display, 10, 0, ZL_FIX_TEXT_JSON);
    /* The map says nothing repeats: no edit can be placed. */
    zl_fix *f = zl_fix_new(ZL_FIX_SAFE);
    zl_fix_replace(f, src, 1, 0, " ");
    assert_false(zl_fix_place(f, &zs));
    zl_fix_free(f);
    zl_zoneset_free(&zs);

    zl_zoneset_init(&zs);
    /* The text repeats display [10, 21), the string's content. */
    src = add_export(&zs, "v=spf1 -all", display, 10, 11, ZL_FIX_TEXT_JSON);
    f = zl_fix_new(ZL_FIX_SAFE);
    zl_fix_replace(f, src, 6, 0, "\" \"");
    assert_true(zl_fix_place(f, &zs));
    assert_int_equal(f->edits[0].start, 16);
    assert_string_equal(f->edits[0].text, "\\\" \\\"");
    assert_int_equal(f->edits[0].col, 17);
    zl_fix_free(f);
    /* Past the bytes that repeat the export: refused. */
    f = zl_fix_new(ZL_FIX_SAFE);
    zl_fix_replace(f, src, 10, 2, "");
    assert_false(zl_fix_place(f, &zs));
    zl_fix_free(f);
    zl_zoneset_free(&zs);
}

static void yaml_takes_only_plain_characters(void **state)
{
    (void)state;
    zl_zoneset zs;
    zl_zoneset_init(&zs);
    uint32_t src = add_export(&zs, "host.example.com", "value: host.example.com\n", 7, 16,
                              ZL_FIX_TEXT_YAML);
    zl_fix *f = zl_fix_new(ZL_FIX_SAFE);
    zl_fix_replace(f, src, 16, 0, ".");
    assert_true(zl_fix_place(f, &zs));
    assert_int_equal(f->edits[0].start, 23);
    zl_fix_free(f);
    f = zl_fix_new(ZL_FIX_SAFE);
    zl_fix_replace(f, src, 4, 0, ": #");
    assert_false(zl_fix_place(f, &zs));
    zl_fix_free(f);
    zl_zoneset_free(&zs);
}

static void no_fix_where_the_format_is_unknown(void **state)
{
    (void)state;
    zl_zoneset zs;
    zl_zoneset_init(&zs);
    /* Even a deletion: the reader did not say how its format is written. */
    uint32_t src = add_export(&zs, "a b", "[\"a b\"]", 2, 3, ZL_FIX_TEXT_NONE);
    zl_fix *f = zl_fix_new(ZL_FIX_SAFE);
    zl_fix_replace(f, src, 1, 1, "");
    assert_false(zl_fix_place(f, &zs));
    zl_fix_free(f);
    zl_zoneset_free(&zs);
}

static void overlapping_edits_are_refused(void **state)
{
    (void)state;
    zl_zoneset zs;
    zl_zoneset_init(&zs);
    uint32_t src = add_source(&zs, "db.x", "abcdefgh\n");
    zl_fix *f = zl_fix_new(ZL_FIX_SAFE);
    zl_fix_replace(f, src, 2, 3, "X");
    zl_fix_replace(f, src, 4, 2, "Y");
    assert_false(zl_fix_place(f, &zs));
    zl_fix_free(f);
    f = zl_fix_new(ZL_FIX_SAFE);
    zl_fix_replace(f, src, 2, 0, "X");
    zl_fix_replace(f, src, 2, 0, "Y");
    assert_false(zl_fix_place(f, &zs));
    zl_fix_free(f);
    zl_zoneset_free(&zs);
}

static void add_finding(zl_findings *fs, const zl_zoneset *zs, uint32_t src, uint32_t off,
                        uint32_t len, const char *text, zl_fix_safety safety)
{
    zl_fix *f = zl_fix_new(safety);
    zl_fix_replace(f, src, off, len, text);
    assert_true(zl_fix_place(f, zs));
    zl_findings_add(fs, (zl_finding){.fix = f});
}

static void applied_in_order_without_overlap(void **state)
{
    (void)state;
    zl_zoneset zs;
    zl_zoneset_init(&zs);
    uint32_t src = add_source(&zs, "db.x", "one two three\n");
    zl_findings fs = {0};
    add_finding(&fs, &zs, src, 4, 3, "2", ZL_FIX_SAFE);
    add_finding(&fs, &zs, src, 5, 1, "W", ZL_FIX_SAFE);    /* overlaps: next round */
    add_finding(&fs, &zs, src, 7, 0, ".", ZL_FIX_SAFE);    /* touches: next round */
    add_finding(&fs, &zs, src, 13, 0, ".", ZL_FIX_UNSAFE); /* not without --unsafe-fixes */
    add_finding(&fs, &zs, src, 0, 3, "1", ZL_FIX_SAFE);
    zl_fix_session s;
    zl_fix_session_init(&s, ZL_FIX_SAFE, &zl_fs_posix);
    assert_int_equal(zl_fix_session_apply(&s, &fs), 2);
    assert_int_equal(s.n, 1);
    assert_string_equal(s.v[0].text, "1 2 three\n");
    assert_string_equal(s.v[0].orig, "one two three\n");
    /* The overlay serves the fixed content. */
    char *data, *err = NULL;
    size_t len;
    assert_int_equal(s.fs.read(&s.fs, "db.x", &data, &len, &err), ZL_READ_OK);
    assert_string_equal(data, "1 2 three\n");
    free(data);
    assert_int_equal(zl_fix_session_changed(&s), 1);
    zl_fix_session_free(&s);
    zl_findings_free(&fs);
    zl_zoneset_free(&zs);
}

/* A file that is no longer what was linted is left alone; one that is, is
 * replaced with its mode kept. */
static void written_only_when_unchanged(void **state)
{
    (void)state;
    char dir[] = "/tmp/zonelint-fix-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char *path = zl_xasprintf("%s/db.x", dir);
    FILE *f = fopen(path, "w");
    fputs("edited meanwhile\n", f);
    fclose(f);
    chmod(path, 0640);
    zl_fix_session s;
    zl_fix_session_init(&s, ZL_FIX_SAFE, &zl_fs_posix);
    s.v = zl_xcalloc(1, sizeof *s.v);
    s.n = s.cap = 1;
    s.v[0] = (zl_fix_file){.path = zl_xstrdup(path),
                           .orig = zl_xstrdup("as read\n"),
                           .orig_len = 8,
                           .text = zl_xstrdup("as fixed\n"),
                           .len = 9};
    char *err = NULL;
    assert_false(zl_fix_write(&s, &err));
    assert_non_null(strstr(err, "changed since it was read"));
    free(err);
    char *data;
    size_t len;
    assert_int_equal(zl_fs_posix.read(&zl_fs_posix, path, &data, &len, &err), ZL_READ_OK);
    assert_string_equal(data, "edited meanwhile\n");
    free(data);

    f = fopen(path, "w");
    fputs("as read\n", f);
    fclose(f);
    assert_true(zl_fix_write(&s, &err));
    assert_int_equal(zl_fs_posix.read(&zl_fs_posix, path, &data, &len, &err), ZL_READ_OK);
    assert_string_equal(data, "as fixed\n");
    free(data);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0640);
    unlink(path);
    assert_int_equal(rmdir(dir), 0); /* no temporary file left */
    free(path);
    zl_fix_session_free(&s);
}

static void unified_diff(void **state)
{
    (void)state;
    zl_fix_session s;
    zl_fix_session_init(&s, ZL_FIX_SAFE, &zl_fs_posix);
    s.v = zl_xcalloc(1, sizeof *s.v);
    s.n = s.cap = 1;
    const char *orig = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n", *now =
        "1\nTWO\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13";
    s.v[0] = (zl_fix_file){.path = zl_xstrdup("db.x"),
                           .orig = zl_xstrdup(orig),
                           .orig_len = strlen(orig),
                           .text = zl_xstrdup(now),
                           .len = strlen(now)};
    char *out = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&out, &len);
    zl_fix_diff(&s, m);
    fclose(m);
    assert_string_equal(out, "--- db.x\n+++ db.x\n"
                             "@@ -1,5 +1,5 @@\n 1\n-2\n+TWO\n 3\n 4\n 5\n"
                             "@@ -10,3 +10,4 @@\n 10\n 11\n 12\n+13\n"
                             "\\ No newline at end of file\n");
    free(out);
    zl_fix_session_free(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(placed_in_a_master_file),
        cmocka_unit_test(placed_through_the_map_and_escaped),
        cmocka_unit_test(yaml_takes_only_plain_characters),
        cmocka_unit_test(no_fix_where_the_format_is_unknown),
        cmocka_unit_test(overlapping_edits_are_refused),
        cmocka_unit_test(applied_in_order_without_overlap),
        cmocka_unit_test(written_only_when_unchanged),
        cmocka_unit_test(unified_diff),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
