/* The name table: interning, case folding, ancestry, formatting, limits. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <ldns/ldns.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lint/model/names.h"
#include "parser/master/name_text.h"

static zl_name_id add(zl_names *t, const char *text)
{
    ldns_rdf *rdf = NULL;
    assert_int_equal(ldns_str2rdf_dname(&rdf, text), LDNS_STATUS_OK);
    zl_name_id id = zl_names_add_wire(t, ZL_NAME_ROOT, ldns_rdf_data(rdf), ldns_rdf_size(rdf));
    ldns_rdf_deep_free(rdf);
    return id;
}

static void interning_folds_case(void **state)
{
    (void)state;
    zl_names t;
    zl_names_init(&t);
    zl_name_id a = add(&t, "WWW.Example.COM.");
    zl_name_id b = add(&t, "www.example.com.");
    assert_int_equal(a, b);
    assert_int_equal(zl_names_depth(&t, a), 3);
    char *s = zl_names_str(&t, a);
    assert_string_equal(s, "www.example.com.");
    free(s);
    zl_names_free(&t);
}

static void ancestry(void **state)
{
    (void)state;
    zl_names t;
    zl_names_init(&t);
    zl_name_id apex = add(&t, "example.com.");
    zl_name_id deep = add(&t, "a.b.example.com.");
    zl_name_id other = add(&t, "example.org.");
    assert_true(zl_names_is_below(&t, deep, apex));
    assert_true(zl_names_is_below(&t, apex, apex));
    assert_false(zl_names_is_below(&t, other, apex));
    assert_int_equal(zl_names_ancestor(&t, deep, 3), add(&t, "b.example.com."));
    assert_true(zl_names_is_below(&t, deep, ZL_NAME_ROOT));
    zl_buf b = {0};
    zl_names_format_relative(&t, deep, apex, &b);
    assert_string_equal(zl_buf_str(&b), "a.b");
    zl_buf_free(&b);
    zl_names_free(&t);
}

static void repeated_apex(void **state)
{
    (void)state;
    zl_names t;
    zl_names_init(&t);
    zl_name_id apex = add(&t, "example.com.");
    assert_true(zl_names_repeats(&t, add(&t, "tok.example.com.example.com."), apex, apex));
    assert_true(zl_names_repeats(&t, add(&t, "example.com.example.com."), apex, apex));
    assert_false(zl_names_repeats(&t, add(&t, "example.com.x.example.com."), apex, apex));
    assert_false(zl_names_repeats(&t, add(&t, "com.example.com."), apex, apex));
    zl_names_free(&t);
}

/* Every octet at every place of a label longer than a word is kept as it
 * is, but for A..Z, which are lowered. */
static void labels_lowered_octet_by_octet(void **state)
{
    (void)state;
    zl_names t;
    zl_names_init(&t);
    for (unsigned c = 1; c < 256; c++) {
        for (size_t at = 0; at < 19; at++) {
            uint8_t label[19];
            memset(label, 'Q', sizeof label);
            label[at] = (uint8_t)c;
            zl_name_id id = zl_names_child(&t, ZL_NAME_ROOT, label, sizeof label);
            size_t n;
            const uint8_t *got = zl_names_label(&t, id, &n);
            assert_int_equal(n, sizeof label);
            for (size_t i = 0; i < n; i++) {
                uint8_t want = label[i] >= 'A' && label[i] <= 'Z' ? label[i] + 32 : label[i];
                if (got[i] != want)
                    fail_msg("octet %u at %zu: %u kept as %u", c, i, label[i], got[i]);
            }
        }
    }
    zl_names_free(&t);
}

/* name is X.suffix.base, read by depths and ancestors as the definition
 * says (zl_names_repeats finds it with one walk). */
static bool repeats_by_depth(const zl_names *t, zl_name_id name, zl_name_id base,
                             zl_name_id suffix)
{
    unsigned d = zl_names_depth(t, suffix), bd = zl_names_depth(t, base);
    if (suffix == ZL_NAME_ROOT || zl_names_depth(t, name) < bd + d ||
        !zl_names_is_below(t, name, base))
        return false;
    zl_name_id a = zl_names_ancestor(t, name, bd + d), s = suffix;
    for (unsigned i = 0; i < d; i++, a = zl_names_parent(t, a), s = zl_names_parent(t, s)) {
        size_t la, ls;
        const uint8_t *pa = zl_names_label(t, a, &la), *ps = zl_names_label(t, s, &ls);
        if (la != ls || memcmp(pa, ps, la) != 0)
            return false;
    }
    return true;
}

static void repeats_agrees_with_definition(void **state)
{
    (void)state;
    static const char *const texts[] = {
        ".", "com.", "example.com.", "example.com.example.com.", "a.example.com.example.com.",
        "example.org.", "b.example.com.", "ab.example.com.", "a.b.example.com.",
        "b.example.com.b.example.com.", "x.b.example.com.b.example.com.", "com.com.",
        "example.example.com.", "example.com.example.com.example.com.", "elpmaxe.com.",
        "exampl3.com.example.com.", "b.example.com.example.com.", "a.com.com.",
    };
    const size_t n = sizeof texts / sizeof texts[0];
    zl_names t;
    zl_names_init(&t);
    zl_name_id ids[sizeof texts / sizeof texts[0]];
    for (size_t i = 0; i < n; i++)
        ids[i] = add(&t, texts[i]);
    for (size_t a = 0; a < n; a++)
        for (size_t b = 0; b < n; b++)
            for (size_t c = 0; c < n; c++)
                if (zl_names_repeats(&t, ids[a], ids[b], ids[c]) !=
                    repeats_by_depth(&t, ids[a], ids[b], ids[c]))
                    fail_msg("name %s, base %s, suffix %s", texts[a], texts[b], texts[c]);
    zl_names_free(&t);
}

/* Every octet value formats as ldns_rdf2str formats it (finding keys and
 * messages were written with ldns's escapes). */
static void format_matches_ldns(void **state)
{
    (void)state;
    zl_names t;
    zl_names_init(&t);
    for (unsigned c = 0; c < 256; c++) {
        uint8_t wire[] = {3, 'a', (uint8_t)c, 'b', 2, 'e', 'x', 0};
        zl_name_id id = zl_names_add_wire(&t, ZL_NAME_ROOT, wire, sizeof wire);
        ldns_rdf *rdf = ldns_rdf_new_frm_data(LDNS_RDF_TYPE_DNAME, sizeof wire, wire);
        char *want = ldns_rdf2str(rdf);
        /* The table keeps names lower-cased, so compare with the folded form. */
        for (char *p = want; *p; p++)
            if (*p >= 'A' && *p <= 'Z')
                *p = (char)(*p - 'A' + 'a');
        char *got = zl_names_str(&t, id);
        assert_string_equal(got, want);
        free(got);
        free(want);
        ldns_rdf_deep_free(rdf);
    }
    char *root = zl_names_str(&t, ZL_NAME_ROOT);
    assert_string_equal(root, ".");
    free(root);
    zl_names_free(&t);
}

static void escapes_and_limits(void **state)
{
    (void)state;
    zl_names t;
    zl_names_init(&t);
    zl_name_id id = add(&t, "a\\.b.example.");
    char *s = zl_names_str(&t, id);
    assert_string_equal(s, "a\\.b.example.");
    free(s);
    /* 4 labels of 63 octets are 256 octets of wire: one too many. */
    char label[64];
    memset(label, 'x', 63);
    label[63] = '\0';
    zl_name_id n = ZL_NAME_ROOT;
    for (int i = 0; i < 3; i++)
        n = zl_names_child(&t, n, (const uint8_t *)label, 63);
    assert_int_not_equal(n, ZL_NAME_NONE);
    assert_int_equal(zl_names_child(&t, n, (const uint8_t *)label, 63), ZL_NAME_NONE);
    assert_int_equal(zl_names_child(&t, n, (const uint8_t *)label, 0), ZL_NAME_NONE);
    zl_names_free(&t);
}

static void many_names_survive_growth(void **state)
{
    (void)state;
    zl_names t;
    zl_names_init(&t);
    zl_name_id base = add(&t, "example.com.");
    for (int i = 0; i < 100000; i++) {
        char l[16];
        int n = snprintf(l, sizeof l, "h%d", i);
        zl_names_child(&t, base, (const uint8_t *)l, (size_t)n);
    }
    for (int i = 0; i < 100000; i += 997) {
        char l[16];
        int n = snprintf(l, sizeof l, "H%d", i);
        assert_int_not_equal(zl_names_find_child(&t, base, (const uint8_t *)l, (size_t)n),
                             ZL_NAME_NONE);
    }
    assert_int_equal(zl_names_find_child(&t, base, (const uint8_t *)"nope", 4), ZL_NAME_NONE);
    zl_names_free(&t);
}

static uint64_t rng = 0x2545F4914F6CDD1DULL;
static unsigned next(unsigned n)
{
    rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
    return (unsigned)(rng % n);
}

/* Plain names read from text, as the reader does with its labels' slots
 * fetched ahead (parser/master/name_text.c): deep and shallow, new under
 * old and old under new, labels empty or too long, names over 255 octets,
 * against ldns; and each read twice names one node. */
static void plain_names_as_ldns_reads_them(void **state)
{
    (void)state;
    zl_names t;
    zl_names_init(&t);
    zl_name_id origin = add(&t, "example.com.");
    char text[400], full[500];
    for (int round = 0; round < 20000; round++) {
        size_t n = 0, labels = 1 + next(next(4) ? 8 : 70);
        for (size_t k = 0; k < labels && n < 300; k++) {
            if (k)
                text[n++] = '.';
            size_t len = next(50) ? 1 + next(next(8) ? 3 : 66) : 0;
            for (size_t i = 0; i < len && n < 300; i++)
                text[n++] = "abAB-0"[next(next(4) ? 2 : 6)];
        }
        if (next(4) == 0)
            text[n++] = '.';
        text[n] = '\0';
        bool absolute = n > 0 && text[n - 1] == '.'; /* an empty last label makes it so too */
        zl_name_read got = zl_name_from_text(&t, &t, origin, text, n);
        snprintf(full, sizeof full, "%s%s", text, absolute ? "" : ".example.com.");
        ldns_rdf *rdf = NULL;
        bool valid = n > 0 && (n == 1 || text[0] != '.') &&
                     ldns_str2rdf_dname(&rdf, full) == LDNS_STATUS_OK;
        if (!valid) {
            if (got.id != ZL_NAME_NONE)
                fail_msg("'%s' read, ldns refuses '%s'", text, full);
            ldns_rdf_deep_free(rdf);
            continue;
        }
        if (got.id == ZL_NAME_NONE)
            fail_msg("'%s' refused (%s), ldns reads it", text, got.why ? got.why : "");
        assert_int_equal(got.id, zl_names_find_wire(&t, ZL_NAME_ROOT, ldns_rdf_data(rdf),
                                                    ldns_rdf_size(rdf)));
        assert_int_equal(zl_name_from_text(&t, &t, origin, text, n).id, got.id);
        ldns_rdf_deep_free(rdf);
    }
    zl_names_free(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(interning_folds_case),
        cmocka_unit_test(ancestry),
        cmocka_unit_test(repeated_apex),
        cmocka_unit_test(repeats_agrees_with_definition),
        cmocka_unit_test(labels_lowered_octet_by_octet),
        cmocka_unit_test(escapes_and_limits),
        cmocka_unit_test(format_matches_ldns),
        cmocka_unit_test(many_names_survive_growth),
        cmocka_unit_test(plain_names_as_ldns_reads_them),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
