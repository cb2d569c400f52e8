/* The IPv4 reader (lint/util/ipv4.c) against inet_pton(AF_INET), which it
 * replaces for speed: both must accept the same texts, with one address. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include "lint/util/ipv4.h"

static void agree(const char *s, size_t n)
{
    char copy[64];
    memcpy(copy, s, n);
    copy[n] = '\0';
    uint8_t want[4], got[4];
    bool libc = inet_pton(AF_INET, copy, want) == 1;
    bool ours = zl_ipv4_parse(s, n, got);
    if (ours != libc)
        fail_msg("'%s': zonelint %s it, inet_pton %s", copy, ours ? "accepts" : "refuses",
                 libc ? "accepts" : "refuses");
    if (ours)
        assert_memory_equal(got, want, 4);
}

static void awkward_texts(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "0.0.0.0", "255.255.255.255", "256.1.1.1", "1.2.3.256", "01.2.3.4", "1.2.3.04",
        "1.2.3.00", "1.2.3.0", "10.32.77.204", "1.2.3", "1.2.3.4.", ".1.2.3.4", "1..2.3",
        "1.2.3.4.5", "1.2.3.4 ", " 1.2.3.4", "1.2.3.-4", "1.2.3.+4", "1.2.3.4a", "0x1.2.3.4",
        "1234.1.1.1", "999.1.1.1", "1.2.3.4/24", "", "1", "1.2.3.0000", "000.1.1.1",
        "192.168.1.1", "1.2.3.4\n", "::1", "1.2.3.4:53", "100.200.300.400",
    };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
        agree(texts[i], strlen(texts[i]));
}

/* Every text of up to six characters from an alphabet of the characters
 * that matter, and a sample of longer ones built from octets. */
static void all_short_texts(void **state)
{
    (void)state;
    static const char alphabet[] = "0129.5a";
    const size_t k = sizeof alphabet - 1;
    char s[8];
    for (size_t len = 0; len <= 6; len++) {
        size_t total = 1;
        for (size_t i = 0; i < len; i++)
            total *= k;
        for (size_t code = 0; code < total; code++) {
            size_t c = code;
            for (size_t i = 0; i < len; i++, c /= k)
                s[i] = alphabet[c % k];
            agree(s, len);
        }
    }
    static const char *const parts[] = {"0", "00", "1", "01", "9", "10", "99", "100", "199",
                                        "255", "256", "299", "999", "1000", ""};
    const size_t np = sizeof parts / sizeof parts[0];
    char buf[64];
    for (size_t a = 0; a < np; a++)
        for (size_t b = 0; b < np; b++)
            for (size_t c = 0; c < np; c++)
                for (size_t d = 0; d < np; d += 3) {
                    int n = snprintf(buf, sizeof buf, "%s.%s.%s.%s", parts[a], parts[b],
                                     parts[c], parts[d]);
                    agree(buf, (size_t)n);
                }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(awkward_texts),
        cmocka_unit_test(all_short_texts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
