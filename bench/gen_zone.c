/* Generate a large, realistic zone file for benchmarks:
 *   gen_zone RECORDS [ORIGIN] > big.zone
 * A mix of A, AAAA, CNAME, MX, TXT, SRV and delegations with glue, relative
 * owners, inherited owners and explicit TTLs, deterministic for a given size.
 * The zone is clean: zonelint should report nothing on it. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "rnd.h"

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: gen_zone RECORDS [ORIGIN]\n");
        return 2;
    }
    long total = strtol(argv[1], NULL, 10);
    const char *origin = argc > 2 ? argv[2] : "bench.example.";
    printf("$ORIGIN %s\n$TTL 3600\n", origin);
    printf("@ IN SOA ns1 hostmaster ( 2024010101 7200 3600 1209600 300 )\n");
    printf("  IN NS ns1\n  IN NS ns2\n  IN MX 10 mail\n");
    printf("  IN TXT \"v=spf1 mx include:_spf.example.net -all\"\n");
    printf("ns1 IN A 192.0.2.1\nns2 IN A 192.0.2.2\nmail IN A 192.0.2.3\n");
    long n = 8;
    long host = -1; /* the last host-N with an A record: aliases and SRV point at it */
    for (long h = 0; n < total; h++) {
        uint32_t r = rnd() % 100;
        uint32_t a = rnd();
        if (r < 55) {
            printf("host-%07ld.dc%ld 3600 IN A 10.%u.%u.%u\n", h, h % 4, (a >> 16) & 255, (a >> 8) & 255,
                   a & 255);
            host = h;
            n++;
            if (r < 20 && n < total) {
                printf("        IN A 10.%u.%u.%u\n", (a >> 8) & 255, a & 255, (a >> 16) & 255);
                n++;
            }
        } else if (r < 70) {
            printf("v6-%07ld.dc%ld 300 IN AAAA 2001:db8:%x:%x::%x\n", h, h % 4, (a >> 16) & 0xffff,
                   a & 0xffff, (unsigned)h & 0xffff);
            n++;
        } else if (r < 82 && host >= 0) {
            printf("www-%07ld IN CNAME host-%07ld.dc%ld\n", h, host, host % 4);
            n++;
        } else if (r < 87) {
            printf("mx-%07ld IN MX %u mail%ld.example.net.\n", h, (a % 5) * 10, h % 7);
            n++;
        } else if (r < 93) {
            printf("txt-%07ld IN TXT \"site-key=%08x%08x\"\n", h, a, rnd());
            n++;
        } else if (r < 97 && host >= 0) {
            printf("_sip._tcp.srv%ld IN SRV 10 60 5060 host-%07ld.dc%ld\n", h, host, host % 4);
            n++;
        } else if (n + 4 <= total) {
            printf("sub%ld NS ns1.sub%ld\n  NS ns2.sub%ld\nns1.sub%ld A 198.51.100.%u\n"
                   "ns2.sub%ld A 203.0.113.%u\n",
                   h, h, h, h, a & 255, h, (a >> 8) & 255);
            n += 4;
        }
    }
    return 0;
}
