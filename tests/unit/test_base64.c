/* The base64 decoder (lint/util/base64.c) against ldns_str2rdf_b64, which
 * it replaces for speed: both must accept and decode the same texts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <ldns/ldns.h>
#include <stdlib.h>
#include <string.h>

#include "lint/util/base64.h"

/* Agreement on one text: the same verdict, the same octets. */
static void agree(const char *s)
{
    ldns_rdf *want = NULL;
    bool ldns_ok = ldns_str2rdf_b64(&want, s) == LDNS_STATUS_OK && want &&
                   ldns_rdf_size(want) > 0;
    /* ldns skips white space and takes a final group without padding;
     * callers here strip white space and require whole groups. */
    ldns_ok = ldns_ok && strlen(s) % 4 == 0;
    zl_buf got = {0};
    bool ok = zl_base64_decode(s, strlen(s), &got) && got.len > 0;
    if (ok != ldns_ok)
        fail_msg("'%s': zonelint %s it, ldns %s", s, ok ? "accepts" : "refuses",
                 ldns_ok ? "accepts" : "refuses");
    if (ok) {
        assert_int_equal(got.len, ldns_rdf_size(want));
        assert_memory_equal(got.data, ldns_rdf_data(want), got.len);
    }
    /* The head of it: the same verdict and length, the first octets. */
    for (size_t room = 0; room <= got.len + 3; room++) {
        unsigned char head[64] = {0};
        size_t len = 0;
        bool head_ok = zl_base64_decode_head(s, strlen(s), head, room < 64 ? room : 64, &len) &&
                       len > 0;
        assert_int_equal(head_ok, ok);
        if (ok) {
            assert_int_equal(len, got.len);
            size_t k = room < 64 ? room : 64;
            assert_memory_equal(head, got.data, k < len ? k : len);
        }
    }
    ldns_rdf_deep_free(want);
    zl_buf_free(&got);
}

static void known_texts(void **state)
{
    (void)state;
    const char *texts[] = {"", "Zg==", "Zm8=", "Zm9v", "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy",
                           "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA", "Zh==", "Zm9=",
                           "Z===", "====", "Zm=v", "Zm9v!A==", "Zg=", "Zm9vY", "+/+/", "Zg==Zg==",
                           "Zm8=Zm8=", "-_-_", "Zm9v\xff\xfe=="};
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++)
        agree(texts[i]);
}

/* Random texts over the alphabet, '=' and a few strangers. */
static void random_texts(void **state)
{
    (void)state;
    const char chars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/===.-";
    uint32_t x = 12345;
    char s[128];
    for (int round = 0; round < 20000; round++) {
        size_t n = 4 * (1 + (round % 24)); /* past the 16 octets tested at once */
        for (size_t i = 0; i < n; i++) {
            x = x * 1103515245u + 12345u;
            /* mostly alphabet, so that valid texts are common too */
            size_t pick = (x >> 16) % (round % 3 ? 64 : sizeof chars - 1);
            s[i] = chars[pick];
        }
        if (round % 5 == 0)
            s[n - 1] = '=';
        if (round % 10 == 0)
            s[n - 2] = '=';
        s[n] = '\0';
        agree(s);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(known_texts),
        cmocka_unit_test(random_texts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
