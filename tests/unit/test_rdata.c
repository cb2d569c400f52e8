/* Rdata checks through ldns, TTLs, character-string lengths, canonical form. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <ldns/ldns.h>
#include <stdlib.h>
#include <string.h>

#include "lint/util/util.h"
#include "parser/master/rdata.h"
#include "parser/master/rrtype.h"

/* Split text into tokens the way the lexer would (no quotes with spaces). */
static unsigned toks_of(char *text, zl_tok *out)
{
    unsigned n = 0;
    for (char *save = NULL, *w = strtok_r(text, " ", &save); w; w = strtok_r(NULL, " ", &save))
        out[n++] = (zl_tok){.p = w, .len = (uint32_t)strlen(w), .quoted = w[0] == '"'};
    return n;
}

static char *check(uint16_t type, const char *rdata, unsigned *bad)
{
    char buf[512];
    zl_tok t[32];
    snprintf(buf, sizeof buf, "%s", rdata);
    unsigned n = toks_of(buf, t);
    zl_rdata_result r = zl_rdata_check(type, t, n);
    if (bad)
        *bad = r.tok;
    return r.message;
}

static void valid_rdata(void **state)
{
    (void)state;
    const struct {
        uint16_t type;
        const char *rdata;
    } ok[] = {
        {LDNS_RR_TYPE_A, "192.0.2.1"},
        {LDNS_RR_TYPE_AAAA, "2001:db8::1"},
        {LDNS_RR_TYPE_MX, "10 mail"},
        {LDNS_RR_TYPE_SOA, "ns h 2024010101 1h 30m 2w 300"},
        {LDNS_RR_TYPE_TXT, "\"a\" \"b\" c"},
        {LDNS_RR_TYPE_SRV, "0 5 443 host."},
        {LDNS_RR_TYPE_CAA, "0 issue \"ca.example\""},
        {LDNS_RR_TYPE_DS, "1 8 2 49FD46E6C4B45C55D4AC69CBD3CD34AC 1AFE51DE6C1DFF4D27A2BFDE8E2DB7E5"},
        {LDNS_RR_TYPE_DS, "1 RSASHA256 2 49FD46E6C4B45C55D4AC69CBD3CD34AC1AFE51DE6C1DFF4D27A2BFDE8E2DB7E5"},
        {LDNS_RR_TYPE_NSEC3, "1 1 12 aabbccdd CPNMU A NS"},
        {LDNS_RR_TYPE_SSHFP, "1 1 123456789abcdef67890123456789abcdef67890"},
        {LDNS_RR_TYPE_LOC, "52 22 23.000 N 4 53 32.000 E -2.00m 0.00m 10000m 10m"},
        {LDNS_RR_TYPE_A, "\\# 4 C0000201"},
    };
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        char *msg = check(ok[i].type, ok[i].rdata, NULL);
        if (msg)
            fail_msg("%s: %s", ok[i].rdata, msg);
    }
}

static void invalid_rdata(void **state)
{
    (void)state;
    const struct {
        uint16_t type;
        const char *rdata;
        unsigned bad;
    } bad[] = {
        {LDNS_RR_TYPE_A, "256.0.0.1", 0},
        {LDNS_RR_TYPE_A, "192.0.2.1 extra", 1},
        {LDNS_RR_TYPE_MX, "70000 mail", 0},
        {LDNS_RR_TYPE_MX, "10", 0},
        {LDNS_RR_TYPE_SOA, "ns h 4294967296 1 1 1 1", 2},
        {LDNS_RR_TYPE_NSEC3, "1 1 12 aabbccdd CPNMU=== A", 4},
        {LDNS_RR_TYPE_EUI48, "1-23-45-67-89-ab", 0},
        {LDNS_RR_TYPE_A, "\\# 3 C00002", 2},
        {LDNS_RR_TYPE_A, "\\# 4 C00002", 1},
        {LDNS_RR_TYPE_NULL, "abc", 0},
        {LDNS_RR_TYPE_DS, "1 8x 2 49FD46E6C4B45C55D4AC69CBD3CD34AC1AFE51DE6C1DFF4D27A2BFDE8E2DB7E5", 1},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        unsigned at = 99;
        char *msg = check(bad[i].type, bad[i].rdata, &at);
        if (!msg)
            fail_msg("accepted: %s", bad[i].rdata);
        assert_int_equal(at, bad[i].bad);
        free(msg);
    }
}

static void long_strings_are_left_to_the_rule(void **state)
{
    (void)state;
    char big[600];
    big[0] = '"';
    memset(big + 1, 'a', 300);
    big[301] = '"';
    big[302] = '\0';
    char *msg = check(LDNS_RR_TYPE_TXT, big, NULL);
    assert_null(msg);
    zl_tok t = {.p = "\"\\065\\\"b\"", .len = 9, .quoted = true};
    assert_int_equal(zl_charstr_len(&t), 3);
}

static void ttls(void **state)
{
    (void)state;
    uint32_t v;
    const char *why;
    assert_true(zl_parse_ttl("3600", 4, &v, &why));
    assert_int_equal(v, 3600);
    assert_true(zl_parse_ttl("1h30m", 5, &v, &why));
    assert_int_equal(v, 5400);
    assert_true(zl_parse_ttl("1W", 2, &v, &why));
    assert_int_equal(v, 604800);
    assert_false(zl_parse_ttl("1z", 2, &v, &why));
    assert_false(zl_parse_ttl("h", 1, &v, &why));
    assert_false(zl_parse_ttl("2147483648", 10, &v, &why));
    assert_false(zl_parse_ttl("99999999999", 11, &v, &why));
    assert_false(zl_parse_ttl("9999999w", 8, &v, &why));
}

/* Type mnemonics in any case, as ldns names them; nothing else. */
static void type_mnemonics(void **state)
{
    (void)state;
    for (unsigned t = 1; t <= 65535; t++) {
        const ldns_rr_descriptor *d = ldns_rr_descript((uint16_t)t);
        if (!d || !d->_name || strncmp(d->_name, "TYPE", 4) == 0 || strlen(d->_name) >= 16)
            continue;
        char lower[16];
        size_t n = strlen(d->_name);
        for (size_t i = 0; i <= n; i++)
            lower[i] = (char)zl_ascii_lower((unsigned char)d->_name[i]);
        assert_int_equal(zl_rrtype_lookup(d->_name, n), t);
        assert_int_equal(zl_rrtype_lookup(lower, n), t);
    }
    assert_int_equal(zl_rrtype_lookup("aAaA", 4), LDNS_RR_TYPE_AAAA);
    assert_int_equal(zl_rrtype_lookup("TYPE65534", 9), 65534);
    assert_int_equal(zl_rrtype_lookup("NS\0", 3), 0);
    assert_int_equal(zl_rrtype_lookup("N", 1), 0);
    assert_int_equal(zl_rrtype_lookup("", 0), 0);
    assert_int_equal(zl_rrtype_lookup("AAAAA", 5), 0);
}

/* A TTL of plain digits is read without ldns_str2period: the same value,
 * and the same bound, as with it. */
static void digit_ttls_as_ldns_reads_them(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "0",          "00",         "007",         "1",           "59",         "86400",
        "2147483647", "2147483648", "02147483647", "4294967295",  "4294967296", "4294967297",
        "9999999999", "18446744073709551615",      "000000000000000000000000001",
    };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        const char *end = NULL;
        uint32_t want = ldns_str2period(texts[i], &end);
        /* The bound, as the RFC sets it, on the value without ldns's wrap. */
        errno = 0;
        unsigned long long exact = strtoull(texts[i], NULL, 10);
        bool fits = errno != ERANGE && exact <= 0x7FFFFFFFull;
        uint32_t v = 0;
        const char *why = NULL;
        assert_int_equal(zl_parse_ttl(texts[i], strlen(texts[i]), &v, &why), fits);
        if (fits)
            assert_int_equal(v, want);
    }
}

static void canonical_form(void **state)
{
    (void)state;
    zl_names names;
    zl_names_init(&names);
    ldns_rdf *rdf = NULL;
    ldns_str2rdf_dname(&rdf, "example.com.");
    zl_name_id origin =
        zl_names_add_wire(&names, ZL_NAME_ROOT, ldns_rdf_data(rdf), ldns_rdf_size(rdf));
    ldns_rdf_deep_free(rdf);
    zl_tok rel = {.p = "mail", .len = 4};
    zl_rdata_name(&names, origin, &rel, NULL);
    char a[] = "10 mail", b[] = "10 MAIL.example.COM.";
    zl_tok ta[4], tb[4];
    unsigned na = toks_of(a, ta), nb = toks_of(b, tb);
    zl_buf wa = {0}, wb = {0};
    assert_true(zl_rdata_canonical(&names, origin, LDNS_RR_TYPE_MX, ta, na, &wa));
    assert_true(zl_rdata_canonical(&names, origin, LDNS_RR_TYPE_MX, tb, nb, &wb));
    assert_int_equal(wa.len, wb.len);
    assert_memory_equal(wa.data, wb.data, wa.len);
    /* A one-name type (read without the field walk) gives the name's wire
     * form too, and no form for a name the table does not hold. */
    zl_buf_reset(&wa);
    zl_buf_reset(&wb);
    zl_tok upper = {.p = "MAIL.example.COM.", .len = 17}, unknown = {.p = "www", .len = 3};
    assert_true(zl_rdata_canonical(&names, origin, LDNS_RR_TYPE_NS, &rel, 1, &wa));
    assert_true(zl_rdata_canonical(&names, origin, LDNS_RR_TYPE_CNAME, &upper, 1, &wb));
    assert_int_equal(wa.len, 18);
    assert_int_equal(wa.len, wb.len);
    assert_memory_equal(wa.data, wb.data, wa.len);
    assert_false(zl_rdata_canonical(&names, origin, LDNS_RR_TYPE_PTR, &unknown, 1, &wa));
    /* An algorithm by number (read as an integer at once) and by mnemonic. */
    char dn[] = "1 8 2 49FD46E6C4B45C55D4AC69CBD3CD34AC1AFE51DE6C1DFF4D27A2BFDE8E2DB7E5",
         dm[] = "1 RSASHA256 2 49FD46E6C4B45C55D4AC69CBD3CD34AC1AFE51DE6C1DFF4D27A2BFDE8E2DB7E5";
    zl_tok tn[4], tm[4];
    unsigned nn = toks_of(dn, tn), nm = toks_of(dm, tm);
    zl_buf_reset(&wa);
    zl_buf_reset(&wb);
    assert_true(zl_rdata_canonical(&names, origin, LDNS_RR_TYPE_DS, tn, nn, &wa));
    assert_true(zl_rdata_canonical(&names, origin, LDNS_RR_TYPE_DS, tm, nm, &wb));
    assert_int_equal(wa.len, 36);
    assert_int_equal(wa.len, wb.len);
    assert_memory_equal(wa.data, wb.data, wa.len);
    zl_buf_free(&wa);
    zl_buf_free(&wb);
    zl_names_free(&names);
}

/* Which fields are names, for every type and the first 40 fields (the
 * first 31 are kept as bits), against ldns's descriptors. */
static void name_fields_as_ldns_says(void **state)
{
    (void)state;
    for (unsigned type = 0; type < 65536; type++) {
        const ldns_rr_descriptor *d = ldns_rr_descript((uint16_t)type);
        for (unsigned k = 0; k < 40; k++) {
            bool want = d && (k < ldns_rr_descriptor_maximum(d) ||
                              d->_variable != LDNS_RDF_TYPE_NONE) &&
                        ldns_rr_descriptor_field_type(d, k) == LDNS_RDF_TYPE_DNAME;
            if (zl_rdata_field_is_name((uint16_t)type, k) != want)
                fail_msg("type %u field %u", type, k);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(valid_rdata),
        cmocka_unit_test(invalid_rdata),
        cmocka_unit_test(long_strings_are_left_to_the_rule),
        cmocka_unit_test(ttls),
        cmocka_unit_test(digit_ttls_as_ldns_reads_them),
        cmocka_unit_test(type_mnemonics),
        cmocka_unit_test(canonical_form),
        cmocka_unit_test(name_fields_as_ldns_says),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
