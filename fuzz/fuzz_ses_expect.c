/* libFuzzer target for the SES data reader (JSON and CSV), and the SES rules
 * after it: arbitrary bytes as --expect data must never crash, hang or leak.
 * Each input is read as JSON or CSV (by content) and as CSV, with and
 * without --identity and --region; what parses is checked against a small
 * zone holding SES records of every kind. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lint/engine/lint.h"
#include "lint/util/parallel.h"
#include "lint/engine/registry.h"
#include "lint/ses/expect.h"
#include "parser/master/master.h"

static const char zone[] =
    "$ORIGIN example.com.\n$TTL 300\n"
    "@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300\n"
    "  IN NS ns1\n"
    "  IN MX 10 feedback-smtp.us-east-1.amazonses.com.\n"
    "ns1 IN A 192.0.2.1\n"
    "mail IN NS ns1.example.net.\n"
    "tok._domainkey.mail IN CNAME tok.dkim.amazonses.com.\n"
    "abc._domainkey IN CNAME abd.dkim.eu-south-1.amazonses.com\n"
    "abc._domainkey.example.com IN TXT \"p=MIGf\"\n"
    "sel._domainkey IN TXT \"p=\" \"AAAA\"\n"
    "_amazonses IN TXT \" dG9rZW4=\"\n"
    "amazonses IN TXT \"dG9rZW4\"\n"
    "bounce IN MX 20 feedback-smtp.eu-west-1.amazonses.com.\n"
    "bounce IN TXT \"v=spf1 -all\"\n";

static void lint_with(const zl_ses_expect *e)
{
    zl_zoneset zs;
    zl_zoneset_init(&zs);
    zl_name_id origin = zl_names_child(&zs.names, ZL_NAME_ROOT, (const uint8_t *)"com", 3);
    origin = zl_names_child(&zs.names, origin, (const uint8_t *)"example", 7);
    zl_master_opts o = {.fs = &zl_fs_posix, .origin = origin}; /* no $INCLUDE to read */
    zl_read_master_text(&zs, "example.com.zone", zl_xstrdup(zone), sizeof zone - 1, &o);
    zl_severity *sev = malloc(zl_nrules * sizeof *sev);
    for (size_t i = 0; i < zl_nrules; i++)
        sev[i] = zl_rules[i]->severity;
    zl_lint l;
    zl_lint_init(&l, &zs, sev);
    l.ses = e;
    zl_lint_run(&l);
    zl_lint_free(&l);
    free(sev);
    zl_zoneset_free(&zs);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    zl_set_jobs(1);
    const char *text = (const char *)data;
    static const char *const identities[] = {NULL, "example.com"};
    static const char *const regions[] = {NULL, "eu-south-1"};
    for (size_t i = 0; i < 2; i++) {
        zl_ses_expect e = {0};
        char *err = NULL;
        bool ok = zl_ses_expect_parse(&e, "fuzz.json", text, size, identities[i], regions[i],
                                      &err) &&
                  zl_ses_read_csv(&e, "fuzz.csv", text, size, identities[i], regions[i], &err);
        if (e.n)
            lint_with(&e);
        (void)ok;
        free(err);
        zl_ses_expect_free(&e);
    }
    return 0;
}
