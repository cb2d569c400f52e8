/* The plain-field shortcut (parser/master/plain_field.c) against ldns's own
 * converter: every text the shortcut takes, ldns must accept, and where the
 * shortcut gives a wire form it must be ldns's octets. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <ldns/ldns.h>
#include <stdlib.h>
#include <string.h>

#include "parser/master/plain_field.h"

static const ldns_rdf_type kinds[] = {
    LDNS_RDF_TYPE_INT8, LDNS_RDF_TYPE_INT16, LDNS_RDF_TYPE_INT32, LDNS_RDF_TYPE_ALG,
    LDNS_RDF_TYPE_HEX,  LDNS_RDF_TYPE_DNAME, LDNS_RDF_TYPE_NSEC,
};

/* One text of one field type; returns whether the shortcut took it. */
static bool agree(ldns_rdf_type ft, const char *s)
{
    size_t n = strlen(s);
    bool valid = zl_plain_field_valid(ft, s, n);
    zl_buf wire = {0};
    zl_buf_addc(&wire, '>'); /* appended after what is there */
    bool has_wire = zl_plain_field_wire(ft, s, n, &wire);
    if (has_wire && !valid)
        fail_msg("type %d '%s': a wire form for a text not plain", (int)ft, s);
    if (!has_wire && wire.len != 1)
        fail_msg("type %d '%s': out written though not plain", (int)ft, s);
    if (valid) {
        ldns_rdf *rdf = ldns_rdf_new_frm_str(ft, s);
        if (!rdf)
            fail_msg("type %d '%.80s': plain, but ldns refuses it", (int)ft, s);
        if (has_wire) {
            assert_int_equal(wire.len - 1, ldns_rdf_size(rdf));
            assert_memory_equal(wire.data + 1, ldns_rdf_data(rdf), wire.len - 1);
        }
        ldns_rdf_deep_free(rdf);
    }
    zl_buf_free(&wire);
    return valid;
}

static void numbers(void **state)
{
    (void)state;
    const char *yes[] = {"0", "1", "255", "007", "0000000000000000000012", "65535", "4294967295"};
    const char *no[] = {"", "-1", "+1", " 1", "1 ", "1a", "0x10", "99999999999999999999", "1.5"};
    for (size_t i = 0; i < sizeof yes / sizeof *yes; i++)
        assert_true(agree(LDNS_RDF_TYPE_INT32, yes[i]));
    for (size_t i = 0; i < sizeof no / sizeof *no; i++)
        for (size_t k = 0; k < 4; k++)
            assert_false(agree(kinds[k], no[i]));
    assert_true(agree(LDNS_RDF_TYPE_INT8, "255"));
    assert_false(agree(LDNS_RDF_TYPE_INT8, "256")); /* ldns wraps it; left to ldns */
    assert_false(agree(LDNS_RDF_TYPE_ALG, "300"));
    assert_false(agree(LDNS_RDF_TYPE_ALG, "RSASHA256")); /* a mnemonic: ldns reads it */
    assert_true(agree(LDNS_RDF_TYPE_INT16, "65535"));
    assert_false(agree(LDNS_RDF_TYPE_INT16, "65536"));
    assert_false(agree(LDNS_RDF_TYPE_INT32, "4294967296"));
    for (unsigned v = 0; v < 70000; v += 7) {
        char s[16];
        snprintf(s, sizeof s, "%u", v);
        for (size_t k = 0; k < 4; k++)
            agree(kinds[k], s);
    }
}

static void hex(void **state)
{
    (void)state;
    assert_true(agree(LDNS_RDF_TYPE_HEX, "00"));
    assert_true(agree(LDNS_RDF_TYPE_HEX, "aBcDeF0123456789"));
    assert_true(agree(LDNS_RDF_TYPE_HEX,
                      "d0b61adc25c35e8e289add1eb9c9cf7fdc1438a9a186d1b9d23cb20cd7204dcc"));
    const char *no[] = {"", "a", "abc", "0g", " ab", "ab cd", "ab\t", "-", "0x12"};
    for (size_t i = 0; i < sizeof no / sizeof *no; i++)
        assert_false(agree(LDNS_RDF_TYPE_HEX, no[i]));
    size_t big = (size_t)LDNS_MAX_RDFLEN * 2 + 2;
    char *s = malloc(big + 1);
    memset(s, 'f', big);
    s[big] = '\0';
    assert_false(agree(LDNS_RDF_TYPE_HEX, s));
    s[big - 2] = '\0';
    assert_true(agree(LDNS_RDF_TYPE_HEX, s));
    free(s);
}

static void names(void **state)
{
    (void)state;
    const char *yes[] = {".", "a", "a.", "@", "ns1.sub0", "*.example.", "_dmarc.x", "a-b.c_d.",
                         "\xc3\xa9.example", "a b"};
    const char *no[] = {"", "..", ".a", "a..b", "a\\.b", "a\\065", "a.."};
    for (size_t i = 0; i < sizeof yes / sizeof *yes; i++)
        assert_true(agree(LDNS_RDF_TYPE_DNAME, yes[i]));
    for (size_t i = 0; i < sizeof no / sizeof *no; i++)
        assert_false(agree(LDNS_RDF_TYPE_DNAME, no[i]));
    char s[300];
    memset(s, 'x', 64);
    s[64] = '\0';
    assert_false(agree(LDNS_RDF_TYPE_DNAME, s)); /* a 64-octet label */
    s[63] = '\0';
    assert_true(agree(LDNS_RDF_TYPE_DNAME, s));
    /* Lengths around ldns's limit, relative and absolute. */
    for (size_t len = 240; len < 260; len++) {
        for (size_t i = 0; i < len; i++)
            s[i] = i % 50 == 49 ? '.' : 'y';
        s[len] = '\0';
        agree(LDNS_RDF_TYPE_DNAME, s);
        s[len - 1] = '.';
        agree(LDNS_RDF_TYPE_DNAME, s);
    }
}

static void type_lists(void **state)
{
    (void)state;
    assert_true(agree(LDNS_RDF_TYPE_NSEC, "NS SOA RRSIG NSEC DNSKEY ZONEMD"));
    assert_true(agree(LDNS_RDF_TYPE_NSEC, "a aaaa txt TYPE65534"));
    assert_true(agree(LDNS_RDF_TYPE_NSEC, "A"));
    const char *no[] = {"", "A  NS", " A", "A ", "NS\tSOA", "BOGUS", "A BOGUS"};
    for (size_t i = 0; i < sizeof no / sizeof *no; i++)
        assert_false(agree(LDNS_RDF_TYPE_NSEC, no[i]));
}

/* Random texts over the characters that matter, for every field type: a
 * fixed seed, so a failure repeats. */
static void random_texts(void **state)
{
    (void)state;
    static const char alphabet[] = "0123456789abcdefABCDEFgxyz.-_\\ @\t";
    uint32_t seed = 12345;
    char s[40];
    for (int round = 0; round < 200000; round++) {
        seed = seed * 1103515245u + 12345u;
        size_t len = (seed >> 16) % 24;
        for (size_t i = 0; i < len; i++) {
            seed = seed * 1103515245u + 12345u;
            s[i] = alphabet[(seed >> 16) % (sizeof alphabet - 1)];
        }
        s[len] = '\0';
        agree(kinds[round % (sizeof kinds / sizeof *kinds)], s);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(numbers),    cmocka_unit_test(hex),          cmocka_unit_test(names),
        cmocka_unit_test(type_lists), cmocka_unit_test(random_texts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
