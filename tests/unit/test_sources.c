/* The zone set's sources: found by identity, and their suppression comments
 * kept in the order of the lines they apply to. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "lint/model/model.h"
#include "lint/util/util.h"
#include "parser/master/suppress_comment.h"

static uint32_t add_source(zl_zoneset *zs, const char *text)
{
    return zl_zoneset_add_source(zs, "zone", zl_xstrdup(text), strlen(text));
}

/* The first source given an identity is the one found, past the table's
 * growth; an identity never given is not. */
static void sources_by_identity(void **state)
{
    (void)state;
    zl_zoneset zs;
    zl_zoneset_init(&zs);
    assert_null(zl_zoneset_find_identity(&zs, "/zones/a"));
    char id[64];
    for (int i = 0; i < 200; i++) {
        uint32_t src = add_source(&zs, "");
        snprintf(id, sizeof id, "/zones/f%d", i % 150);
        zl_zoneset_set_identity(&zs, src, zl_xstrdup(id));
    }
    for (int i = 0; i < 150; i++) {
        snprintf(id, sizeof id, "/zones/f%d", i);
        const zl_source *s = zl_zoneset_find_identity(&zs, id);
        assert_non_null(s);
        assert_ptr_equal(s, zs.srcs[i]); /* not the later source of f0 .. f49 */
        assert_string_equal(s->identity, id);
    }
    assert_null(zl_zoneset_find_identity(&zs, "/zones/f150"));
    zl_zoneset_free(&zs);
}

/* The offset of the n-th ';' of the text, and the length of its comment. */
static uint32_t comment_at(const zl_source *s, int n, uint32_t *len)
{
    const char *p = s->text;
    for (int k = 0; k <= n; k++)
        p = strchr(k ? p + 1 : p, ';');
    *len = (uint32_t)strcspn(p, "\n");
    return (uint32_t)(p - s->text);
}

/* Comments reach the source in any order (text order, from the master
 * reader); the suppressions stay in line order, which the lookup of
 * zl_lint_suppressed searches. */
static void suppressions_in_line_order(void **state)
{
    (void)state;
    zl_zoneset zs;
    zl_zoneset_init(&zs);
    uint32_t src = add_source(&zs, "a IN TXT \"x\" ; zonelint-disable-line value-whitespace\n"
                                   "; zonelint-disable-next-line value-quoting\n"
                                   "b IN TXT \"y\"\n"
                                   "c IN TXT \"z\" ; zonelint-disable-line value-whitespace\n");
    zl_source *s = zs.srcs[src];
    static const int order[] = {2, 0, 1};
    for (size_t k = 0; k < sizeof order / sizeof order[0]; k++) {
        uint32_t len, off = comment_at(s, order[k], &len);
        zl_suppress_comment(s, off, len);
    }
    assert_int_equal(s->nsupp, 3);
    assert_int_equal(s->supp[0].line, 1);
    assert_int_equal(s->supp[1].line, 3);
    assert_int_equal(s->supp[1].at_line, 2);
    assert_string_equal(s->supp[1].rules, "value-quoting");
    assert_int_equal(s->supp[2].line, 4);
    zl_zoneset_free(&zs);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sources_by_identity),
        cmocka_unit_test(suppressions_in_line_order),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
