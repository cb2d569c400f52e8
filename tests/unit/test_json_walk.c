/* The JSON walker: members and elements with their extents, each decoded
 * alone with positions in the whole text, and every kind of broken text
 * refused at the place it breaks. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "parser/exports/json_pos.h"
#include "parser/exports/json_walk.h"

static void assert_span(const char *text, zl_jspan v, const char *want)
{
    assert_int_equal(v.end - v.start, strlen(want));
    assert_memory_equal(text + v.start, want, strlen(want));
}

/* A walk of the whole text, which is JSON. */
static void open_root(const char *text, zl_jwalk *w)
{
    zl_jspan root;
    char *err = NULL;
    size_t off = 0;
    assert_true(zl_jwalk_root(text, strlen(text), &root, &err, &off));
    assert_true(zl_jwalk_open(w, text, root));
}

/* The next member or element of a walk of good JSON: 1, or 0 at its end. */
static int next(zl_jwalk *w, zl_jspan *key, zl_jspan *v)
{
    char *err = NULL;
    size_t off = 0;
    int more = zl_jwalk_next(w, key, v, &err, &off);
    assert_null(err);
    return more;
}

/* A span of good JSON decoded alone. */
static void load_span(zl_jdoc *d, const char *text, zl_jspan v)
{
    char *err = NULL;
    size_t off = 0;
    assert_true(zl_jdoc_load_span(d, text, v, &err, &off));
    assert_null(err);
}

static void members_and_elements(void **state)
{
    (void)state;
    const char *text = " {\"a\\\"\": [1, \"x\\\\\\\"]\", {\"b\": {}}] , \"c\" :null}\n";
    zl_jspan key, v;
    zl_jwalk w;
    open_root(text, &w);
    assert_int_equal(next(&w, &key, &v), 1);
    assert_span(text, key, "\"a\\\"\"");
    assert_true(zl_jkey_is(text, strlen(text), key.start, "a\"", false));
    assert_span(text, v, "[1, \"x\\\\\\\"]\", {\"b\": {}}]");
    zl_jwalk e;
    assert_true(zl_jwalk_open(&e, text, v));
    const char *want[] = {"1", "\"x\\\\\\\"]\"", "{\"b\": {}}"};
    for (size_t i = 0; i < 3; i++) {
        assert_int_equal(next(&e, &key, &v), 1);
        assert_int_equal(key.end, 0);
        assert_span(text, v, want[i]);
    }
    assert_int_equal(next(&e, &key, &v), 0);
    assert_int_equal(next(&w, &key, &v), 1);
    assert_span(text, v, "null");
    assert_int_equal(next(&w, &key, &v), 0);
}

static void decoded_alone_in_place(void **state)
{
    (void)state;
    const char *text = "[{\"n\": \"\\u00e9t\\u00e9\"}, 7]";
    zl_jspan key, v;
    zl_jwalk w;
    open_root(text, &w);
    assert_int_equal(next(&w, &key, &v), 1);
    zl_jdoc d;
    load_span(&d, text, v);
    zl_jval n = zl_jget(&d, zl_jdoc_root(&d), "n", false);
    assert_string_equal(json_string_value(n.v), "\xC3\xA9t\xC3\xA9");
    assert_int_equal(zl_jstart(&d, n), 7); /* offsets in the whole text */
    zl_jdoc_free(&d);
    assert_int_equal(next(&w, &key, &v), 1);
    load_span(&d, text, v);
    assert_int_equal(json_integer_value(d.root), 7);
    zl_jdoc_free(&d);
}

/* Walks text whole, every level, to its first error: its offset and what
 * it says, or SIZE_MAX when there is none. */
static size_t walk(const char *text, zl_jspan v, char **err)
{
    zl_jwalk w;
    if (!zl_jwalk_open(&w, text, v))
        return SIZE_MAX;
    zl_jspan key, e;
    size_t off = SIZE_MAX;
    int more;
    while ((more = zl_jwalk_next(&w, &key, &e, err, &off)) == 1) {
        size_t inner = walk(text, e, err);
        if (inner != SIZE_MAX)
            return inner;
    }
    return more < 0 ? off : SIZE_MAX;
}

static size_t first_error(const char *text, const char *says)
{
    zl_jspan root;
    char *err = NULL;
    size_t off = SIZE_MAX;
    if (zl_jwalk_root(text, strlen(text), &root, &err, &off))
        off = walk(text, root, &err);
    assert_non_null(err);
    assert_string_equal(err, says);
    free(err);
    return off;
}

static void broken_text(void **state)
{
    (void)state;
    assert_int_equal(first_error("{\"a\": 1 \"b\": 2}", "',' or '}' expected"), 8);
    assert_int_equal(first_error("[1,]", "a value expected"), 3);
    assert_int_equal(first_error("{,}", "a string key expected"), 1);
    assert_int_equal(first_error("{\"a\" 1}", "':' expected"), 5);
    assert_int_equal(first_error("{\"a\": [1, 2}", "']' expected"), 11);
    assert_int_equal(first_error("{\"a\": [1, {\"b\": 2}", "'[' never closed"), 6);
    assert_int_equal(first_error("{\"a\": \"b", "string never closed"), 6);
    assert_int_equal(first_error("{\"a\": 1}}", "end of file expected"), 8);
    assert_int_equal(first_error("{\"a\": 1} \n x", "end of file expected"), 11);
    assert_int_equal(first_error("{\"a\": 1", "',' or '}' expected"), 7);
    assert_int_equal(first_error("\"a\" 1", "end of file expected"), 4);
    assert_int_equal(first_error("   ", "a value expected at the end of the text"), 3);
    /* The root and 2,049 arrays inside it: one more than jansson takes. */
    char deep[2 * 2050 + 1];
    memset(deep, '[', 2050);
    memset(deep + 2050, ']', 2050);
    deep[sizeof deep - 1] = '\0';
    assert_int_equal(first_error(deep, "nested more than 2048 levels deep"), 2049);
}

/* What a reader skips is checked at every level, never decoded. */
static void skipped_values_checked(void **state)
{
    (void)state;
    const char *good = "{\"a\": [1, {\"b\": [true, \"]\"]}], \"c\": {}}";
    const char *bad = "{\"a\": [1, {\"b\": [true,, \"]\"]}]}";
    zl_jspan v = {0, (uint32_t)strlen(good)};
    char *err = NULL;
    size_t off = 0;
    assert_true(zl_jwalk_check(good, v, &err, &off));
    assert_null(err);
    v.end = (uint32_t)strlen(bad);
    assert_false(zl_jwalk_check(bad, v, &err, &off));
    assert_string_equal(err, "a value expected");
    assert_int_equal(off, 22); /* the second comma */
    free(err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(members_and_elements),
        cmocka_unit_test(decoded_alone_in_place),
        cmocka_unit_test(broken_text),
        cmocka_unit_test(skipped_values_checked),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
