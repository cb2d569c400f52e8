/* The JSON position scanner: where each value is, member lookup as jansson
 * resolves it, and the export offset of every decoded byte of a string. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "parser/exports/json_pos.h"

static zl_jdoc load(const char *text)
{
    zl_jdoc d;
    char *err = NULL;
    size_t off = 0;
    assert_true(zl_jdoc_load(&d, text, strlen(text), &err, &off));
    return d;
}

/* The text of a value, as the scanner delimits it. */
static void assert_value(const zl_jdoc *d, zl_jval v, const char *want)
{
    assert_non_null(v.v);
    assert_int_equal(zl_jlen(d, v), strlen(want));
    assert_memory_equal(d->text + zl_jstart(d, v), want, strlen(want));
}

static void values_and_members(void **state)
{
    (void)state;
    const char *text = "{ \"a\" : [1, {\"b\": \"x\\\"y\"}, true],\n  \"c\": null, \"a2\": -1.5e3 }";
    zl_jdoc d = load(text);
    zl_jval root = zl_jdoc_root(&d);
    assert_value(&d, root, text);
    zl_jval a = zl_jget(&d, root, "a", false);
    assert_value(&d, a, "[1, {\"b\": \"x\\\"y\"}, true]");
    size_t i = 0;
    zl_jval e, elems[3];
    const char *want[] = {"1", "{\"b\": \"x\\\"y\"}", "true"};
    while (zl_jnext(&d, a, &i, &e)) {
        assert_value(&d, e, want[i - 1]);
        elems[i - 1] = e;
    }
    assert_int_equal(i, 3);
    assert_value(&d, zl_jget(&d, elems[1], "b", false), "\"x\\\"y\"");
    assert_value(&d, zl_jget(&d, root, "c", false), "null");
    assert_value(&d, zl_jget(&d, root, "a2", false), "-1.5e3");
    assert_null(zl_jget(&d, root, "missing", false).v);
    assert_null(zl_jget(&d, a, "a", false).v); /* not an object */
    zl_jdoc_free(&d);
}

static void duplicate_keys_and_case(void **state)
{
    (void)state;
    /* jansson keeps the last of duplicate keys: so does the scanner. */
    zl_jdoc d = load("{\"TTL\": 1, \"ttl\": 2, \"TTL\": 3, \"k\\u0065y\": \"v\"}");
    zl_jval root = zl_jdoc_root(&d);
    zl_jval ttl = zl_jget(&d, root, "TTL", false);
    assert_int_equal(json_integer_value(ttl.v), 3);
    assert_value(&d, ttl, "3");
    assert_value(&d, zl_jget(&d, root, "key", false), "\"v\"");
    zl_jval ci = zl_jget(&d, root, "tTl", true);
    assert_non_null(ci.v);
    assert_int_equal(json_integer_value(ci.v), 3);
    zl_jdoc_free(&d);
}

static void string_byte_offsets(void **state)
{
    (void)state;
    /* "a\"\u00e9\ud83d\ude00b": a, ", e-acute (2 bytes), an emoji (4), b */
    const char *text = "[\"a\\\"\\u00e9\\ud83d\\ude00b\"]";
    zl_jdoc d = load(text);
    size_t i = 0;
    zl_jval s;
    assert_true(zl_jnext(&d, zl_jdoc_root(&d), &i, &s));
    zl_lstr l;
    assert_true(zl_jstr(&d, s, &l));
    assert_int_equal(l.n, 9);
    const uint32_t want[] = {2, 3, 5, 5, 11, 11, 11, 11, 23, 24};
    for (size_t k = 0; k <= l.n; k++)
        assert_int_equal(l.raw[k], want[k]);
    zl_lstr_free(&l);
    zl_jdoc_free(&d);
}

static void errors_point_at_the_problem(void **state)
{
    (void)state;
    const char *text = "{\n  \"a\": [1,, 2]\n}";
    zl_jdoc d;
    char *err = NULL;
    size_t off = 0;
    assert_false(zl_jdoc_load(&d, text, strlen(text), &err, &off));
    assert_non_null(err);
    assert_int_equal(off, 12); /* the second comma */
    free(err);
    zl_jdoc_free(&d);
}

static void byte_order_mark(void **state)
{
    (void)state;
    zl_jdoc d = load("\xEF\xBB\xBF{\"a\": \"b\"}");
    assert_int_equal(zl_jstart(&d, zl_jget(&d, zl_jdoc_root(&d), "a", false)), 9);
    zl_jdoc_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(values_and_members),
        cmocka_unit_test(duplicate_keys_and_case),
        cmocka_unit_test(string_byte_offsets),
        cmocka_unit_test(errors_point_at_the_problem),
        cmocka_unit_test(byte_order_mark),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
