/* The YAML loader: libyaml's events built into documents as its own loader
 * builds them (tags, aliases as references, several documents), marks in
 * octets, and the errors of hostile input (anchors defined twice, undefined
 * or recursive aliases, aliases that multiply the document). */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "parser/exports/yaml_pos.h"

static zl_ydoc load(const char *text)
{
    zl_ydoc d;
    char *err = NULL;
    size_t off = 0;
    if (!zl_ydoc_load(&d, text, strlen(text), &err, &off))
        fail_msg("'%s': %s at %zu", text, err, off);
    return d;
}

/* The error loading text gives, and where. */
static void fails(const char *text, const char *want, size_t want_off)
{
    zl_ydoc d;
    char *err = NULL;
    size_t off = 0;
    assert_false(zl_ydoc_load(&d, text, strlen(text), &err, &off));
    assert_non_null(strstr(err, want));
    assert_int_equal(off, want_off);
    free(err);
    zl_ydoc_free(&d);
}

static void scalar_is(zl_ynode n, const char *want)
{
    assert_true(zl_yis(n, YAML_SCALAR_NODE));
    assert_int_equal(n.n->data.scalar.length, strlen(want));
    assert_memory_equal(n.n->data.scalar.value, want, strlen(want));
}

static void structure(void **state)
{
    (void)state;
    zl_ydoc d = load("a: [1, 'two']\nb: !Ref x\n\"é\": {c: d}\n");
    assert_int_equal(d.n, 1);
    zl_ynode root = zl_yroot(&d, 0);
    assert_true(zl_yis(root, YAML_MAPPING_NODE));
    assert_int_equal(zl_ycount(root), 3);
    zl_ynode a = zl_yget(root, "a");
    assert_int_equal(zl_ycount(a), 2);
    scalar_is(zl_yitem(a, 1), "two");
    assert_int_equal(zl_yitem(a, 1).n->data.scalar.style, YAML_SINGLE_QUOTED_SCALAR_STYLE);
    assert_string_equal(zl_yitem(a, 0).n->tag, YAML_STR_TAG);
    assert_string_equal(a.n->tag, YAML_SEQ_TAG);
    zl_ynode b = zl_yget(root, "b");
    scalar_is(b, "x");
    assert_string_equal(b.n->tag, "!Ref");
    /* Marks count octets: "é" is two, so d starts at 34, not 33. */
    zl_ynode c = zl_yget(zl_yget(root, "é"), "c");
    scalar_is(c, "d");
    assert_int_equal(zl_ystart(c), 34);
    assert_int_equal(zl_ylen(zl_yvalue(root, 2)), 6);
    zl_ydoc_free(&d);
}

/* An alias is its anchor's node; a merge key's mapping lends its keys. */
static void aliases(void **state)
{
    (void)state;
    zl_ydoc d = load("base: &b {ttl: 60}\nuse: *b\nrec:\n  <<: *b\n  type: A\n");
    zl_ynode root = zl_yroot(&d, 0);
    assert_ptr_equal(zl_yget(root, "use").n, zl_yget(root, "base").n);
    scalar_is(zl_yget(zl_yget(root, "rec"), "ttl"), "60");
    scalar_is(zl_yget(zl_yget(root, "rec"), "type"), "A");
    zl_ydoc_free(&d);
}

static void documents(void **state)
{
    (void)state;
    zl_ydoc d = load("--- a\n--- [b]\n...\n");
    assert_int_equal(d.n, 2);
    scalar_is(zl_yroot(&d, 0), "a");
    scalar_is(zl_yitem(zl_yroot(&d, 1), 0), "b");
    zl_ydoc_free(&d);
    d = load("# nothing\n");
    assert_int_equal(d.n, 0);
    zl_ydoc_free(&d);
}

static void hostile(void **state)
{
    (void)state;
    fails("a: &x 1\nb: &x 2\n", "found duplicate anchor", 11);
    fails("a: 1\nb: *nope\n", "found undefined alias", 8);
    fails("a: &r [1, *r]\n", "YAML aliases expand the document", 0);
    fails("a: [1, \n", "did not find expected node content", 8);
    /* Ten levels, each ten aliases of the one before: 10^10 nodes. */
    char text[2048];
    size_t n = (size_t)snprintf(text, sizeof text, "l0: &l0 [x]\n");
    for (int i = 1; i < 10; i++)
        n += (size_t)snprintf(text + n, sizeof text - n,
                              "l%d: &l%d [*l%d,*l%d,*l%d,*l%d,*l%d,*l%d,*l%d,*l%d,*l%d,*l%d]\n",
                              i, i, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1,
                              i - 1);
    fails(text, "YAML aliases expand the document", 0);
    /* Anchors name nodes within their document. */
    fails("--- &a 1\n--- *a\n", "found undefined alias", 13);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(structure),
        cmocka_unit_test(aliases),
        cmocka_unit_test(documents),
        cmocka_unit_test(hostile),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
