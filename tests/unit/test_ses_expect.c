/* The SES data reader: every shape of AWS CLI output and the console's CSV,
 * and the errors for data that is malformed or not SES data. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "lint/ses/expect.h"

#define T1 "oc4vbmhlp2jdgulaqmj64h4a5ea6rvhi"
#define T2 "cw3h654y4ufvu7ux4a2mf2bec3le3sw4"
#define T3 "67cc7cuhbidfnrxmaocfq33jtdyutqfi"
#define VTOKEN "RSOthFcgHSsLOE0u2IYtAaDXyqCFcwPWQs5y2vnH1mY="

/* Parse text as the file path; the error (or NULL) goes to *err. */
static bool parse(zl_ses_expect *e, const char *path, const char *text, const char *identity,
                  const char *region, char **err)
{
    *err = NULL;
    return zl_ses_expect_parse(e, path, text, strlen(text), identity, region, err);
}

static zl_ses_expect parse_ok(const char *path, const char *text, const char *identity,
                              const char *region)
{
    zl_ses_expect e = {0};
    char *err;
    bool ok = parse(&e, path, text, identity, region, &err);
    if (!ok)
        fail_msg("%s", err);
    return e;
}

/* The error message for text that must be refused. */
static char *parse_err(const char *path, const char *text, const char *identity)
{
    zl_ses_expect e = {0};
    char *err;
    assert_false(parse(&e, path, text, identity, NULL, &err));
    assert_non_null(err);
    zl_ses_expect_free(&e);
    return err;
}

/* text parses into a BYODKIM identity with the selector. */
static zl_ses_expect parse_byodkim(const char *path, const char *text, const char *selector)
{
    zl_ses_expect e = parse_ok(path, text, NULL, NULL);
    assert_int_equal(e.v[0].signing, ZL_SES_SIGN_BYODKIM);
    assert_string_equal(e.v[0].dkim[0], selector);
    return e;
}

static void assert_err(const char *path, const char *text, const char *identity,
                       const char *want)
{
    char *err = parse_err(path, text, identity);
    if (!strstr(err, want))
        fail_msg("error \"%s\" lacks \"%s\"", err, want);
    free(err);
}

static const char v2[] =
    "{\n"
    "    \"IdentityType\": \"DOMAIN\",\n"
    "    \"FeedbackForwardingStatus\": true,\n"
    "    \"VerifiedForSendingStatus\": false,\n"
    "    \"DkimAttributes\": {\n"
    "        \"SigningEnabled\": true,\n"
    "        \"Status\": \"PENDING\",\n"
    "        \"Tokens\": [\"" T1 "\", \"" T2 "\", \"" T3 "\"],\n"
    "        \"SigningAttributesOrigin\": \"AWS_SES\",\n"
    "        \"NextSigningKeyLength\": \"RSA_2048_BIT\",\n"
    "        \"CurrentSigningKeyLength\": \"RSA_2048_BIT\",\n"
    "        \"LastKeyGenerationTimestamp\": \"2024-03-28T23:15:43.083000+07:00\"\n"
    "    },\n"
    "    \"MailFromAttributes\": {\"BehaviorOnMxFailure\": \"USE_DEFAULT_VALUE\"},\n"
    "    \"Policies\": {}, \"Tags\": [],\n"
    "    \"VerificationStatus\": \"PENDING\"\n"
    "}\n";

static void sesv2_identity_from_file_name(void **state)
{
    (void)state;
    zl_ses_expect e = parse_ok("expect/Example.COM.json", v2, NULL, "us-east-1");
    assert_int_equal(e.n, 1);
    zl_ses_identity *id = &e.v[0];
    assert_string_equal(id->domain, "example.com");
    assert_string_equal(id->region, "us-east-1");
    assert_string_equal(id->source, "expect/Example.COM.json");
    assert_int_equal(id->ndkim, 3);
    assert_string_equal(id->dkim[0], T1);
    assert_string_equal(id->dkim[2], T3);
    assert_int_equal(id->signing, ZL_SES_SIGN_EASY);
    assert_null(id->dkim_host);
    assert_null(id->mail_from);
    assert_null(id->verification);
    zl_ses_expect_free(&e);
}

static void sesv2_identity_flag_wins(void **state)
{
    (void)state;
    zl_ses_expect e = parse_ok("out.json", v2, "mail.example.org", NULL);
    assert_string_equal(e.v[0].domain, "mail.example.org");
    assert_null(e.v[0].region);
    zl_ses_expect_free(&e);
    assert_err("out.json", v2, NULL, "give --identity DOMAIN");
}

static void sesv2_signing_hosted_zone_and_mail_from(void **state)
{
    (void)state;
    zl_ses_expect e = parse_ok(
        "example.com.json",
        "{\"IdentityType\": \"DOMAIN\", \"DkimAttributes\": {\"Tokens\": [\"" T1 "\"],"
        " \"SigningAttributesOrigin\": \"AWS_SES\", \"SigningHostedZone\": \"dkim.amazonses.com.\"},"
        " \"MailFromAttributes\": {\"MailFromDomain\": \"Bounce.Example.com\","
        " \"MailFromDomainStatus\": \"PENDING\", \"BehaviorOnMxFailure\": \"USE_DEFAULT_VALUE\"}}",
        NULL, "eu-west-1");
    assert_string_equal(e.v[0].dkim_host, "dkim.amazonses.com");
    assert_string_equal(e.v[0].mail_from, "bounce.example.com");
    zl_ses_expect_free(&e);
}

static void sesv2_byodkim_and_deed(void **state)
{
    (void)state;
    zl_ses_expect e = parse_byodkim("example.com.json",
                                    "{\"DkimAttributes\": {\"Tokens\": [\"Sel2048\"], "
                                    "\"SigningAttributesOrigin\": \"EXTERNAL\", "
                                    "\"Status\": \"PENDING\"}}",
                                    "sel2048");
    zl_ses_expect_free(&e);
    e = parse_ok("example.com.json",
                 "{\"IdentityType\": \"DOMAIN\", \"DkimAttributes\": {\"Tokens\": [\"" T1 "\"], "
                 "\"SigningAttributesOrigin\": \"AWS_SES_EU_SOUTH_1\"}}",
                 NULL, "us-east-1");
    assert_int_equal(e.v[0].signing, ZL_SES_SIGN_DEED);
    assert_string_equal(e.v[0].dkim_region, "eu-south-1");
    zl_ses_expect_free(&e);
    /* BYODKIM as the developer guide shows it, with no selector: nothing to check */
    assert_err("example.com.json",
               "{\"DkimAttributes\": {\"Tokens\": [], \"SigningAttributesOrigin\": \"EXTERNAL\"}}",
               NULL, "nothing to check");
}

static void sesv2_refusals(void **state)
{
    (void)state;
    assert_err("user.json", "{\"IdentityType\": \"EMAIL_ADDRESS\", \"DkimAttributes\": {}}",
               "user@example.com", "email-address identity");
    assert_err("example.com.json",
               "{\"IdentityType\": \"DOMAIN\",\n \"DkimAttributes\": {\n  \"Tokens\": \"" T1
               "\"}}",
               NULL, "example.com.json:3: \"Tokens\" must be an array");
    assert_err("example.com.json",
               "{\"DkimAttributes\": {\"Tokens\": [\"a.b\"], \"Status\": \"PENDING\"}}", NULL,
               "is not a DKIM token");
    assert_err("example.com.json",
               "{\"DkimAttributes\": {\"Tokens\": [\"" T1 "\"], \"SigningAttributesOrigin\": "
               "\"MAGIC\"}}",
               NULL, "unknown SigningAttributesOrigin \"MAGIC\"");
}

static const char v1_verification[] =
    "{\n"
    "    \"VerificationAttributes\": {\n"
    "        \"example.com\": {\"VerificationStatus\": \"Pending\",\n"
    "                        \"VerificationToken\": \"" VTOKEN "\"},\n"
    "        \"example.org\": {\"VerificationStatus\": \"Success\",\n"
    "                        \"VerificationToken\": \"pmBGN/7MjnfhTKUZ06Enqq1PeGUaOkw8lGhcfwefcHU=\"},\n"
    "        \"user@example.com\": {\"VerificationStatus\": \"Success\"}\n"
    "    }\n"
    "}\n";

static void v1_verification_attributes(void **state)
{
    (void)state;
    zl_ses_expect e = parse_ok("verification.json", v1_verification, NULL, "us-west-2");
    assert_int_equal(e.n, 2);
    assert_string_equal(e.v[0].domain, "example.com");
    assert_string_equal(e.v[0].verification, VTOKEN);
    assert_string_equal(e.v[1].domain, "example.org");
    zl_ses_expect_free(&e);
    e = parse_ok("verification.json", v1_verification, "example.org", NULL);
    assert_int_equal(e.n, 1);
    assert_string_equal(e.v[0].domain, "example.org");
    zl_ses_expect_free(&e);
    assert_err("verification.json", v1_verification, "example.net",
               "the identity example.net is not in this output");
}

static void v1_dkim_and_mail_from_merge(void **state)
{
    (void)state;
    zl_ses_expect e = parse_ok(
        "dkim.json",
        "{\"DkimAttributes\": {\"example.com\": {\"DkimEnabled\": true, "
        "\"DkimVerificationStatus\": \"Pending\", \"DkimTokens\": [\"" T1 "\", \"" T2 "\", \"" T3
        "\"]}, \"user@example.com\": {\"DkimEnabled\": false, \"DkimVerificationStatus\": "
        "\"NotStarted\"}}}",
        NULL, "us-east-1");
    char *err;
    assert_true(parse(&e, "mail-from.json",
                      "{\"MailFromDomainAttributes\": {\"example.com\": {\"BehaviorOnMXFailure\": "
                      "\"UseDefaultValue\", \"MailFromDomain\": \"bounces.example.com\", "
                      "\"MailFromDomainStatus\": \"Pending\"}}}",
                      NULL, "us-east-1", &err));
    assert_int_equal(e.n, 1);
    assert_int_equal(e.v[0].ndkim, 3);
    assert_string_equal(e.v[0].mail_from, "bounces.example.com");
    assert_string_equal(e.v[0].source, "dkim.json and mail-from.json");
    /* a second account's tokens in the same region: a second set */
    assert_true(parse(&e, "other-account.json",
                      "{\"DkimAttributes\": {\"example.com\": {\"DkimTokens\": [\"" T1 "x\"]}}}",
                      NULL, "us-east-1", &err));
    assert_int_equal(e.n, 2);
    zl_ses_expect_free(&e);
    assert_err("dkim.json",
               "{\"DkimAttributes\": {\"user@example.com\": {\"DkimEnabled\": false}}}", NULL,
               "nothing to check");
}

static void verify_domain_outputs(void **state)
{
    (void)state;
    static const char identity[] = "{\n    \"VerificationToken\": \"" VTOKEN "\"\n}\n";
    static const char dkim[] = "{\n    \"DkimTokens\": [\"" T1 "\", \"" T2 "\", \"" T3 "\"]\n}\n";
    zl_ses_expect e = parse_ok("token.json", identity, "example.com", NULL);
    assert_string_equal(e.v[0].verification, VTOKEN);
    zl_ses_expect_free(&e);
    e = parse_ok("tokens.json", dkim, "example.com", NULL);
    assert_int_equal(e.v[0].ndkim, 3);
    zl_ses_expect_free(&e);
    assert_err("token.json", identity, NULL,
               "token.json:2: the output of aws ses verify-domain-identity does not name its "
               "domain: give --identity DOMAIN");
    assert_err("tokens.json", dkim, NULL, "verify-domain-dkim does not name its domain");
    assert_err("token.json", "{\"VerificationToken\": \"not a token\"}", "example.com",
               "is not a token SES issues");
}

static void csv_type_name_value(void **state)
{
    (void)state;
    zl_ses_expect e = parse_ok(
        "records.csv",
        "Type,Name,Value\n"
        "CNAME," T1 "._domainkey.example.com," T1 ".dkim.amazonses.com\n"
        "CNAME," T2 "._domainkey.example.com," T2 ".dkim.amazonses.com\r\n"
        "\n"
        "CNAME," T3 "._domainkey.example.com," T3 ".dkim.amazonses.com\n",
        NULL, "us-east-1");
    assert_int_equal(e.n, 1);
    assert_string_equal(e.v[0].domain, "example.com");
    assert_int_equal(e.v[0].ndkim, 3);
    assert_string_equal(e.v[0].dkim[1], T2);
    assert_string_equal(e.v[0].dkim_host, "dkim.amazonses.com");
    assert_string_equal(e.v[0].region, "us-east-1");
    zl_ses_expect_free(&e);
}

static void csv_name_type_value_quoted_with_dots(void **state)
{
    (void)state;
    zl_ses_expect e = parse_ok(
        "records.csv",
        "\xEF\xBB\xBF\"Record name\",\"Record Type\",\"Record value\",\"TTL\"\n"
        "\"" T1 "._domainkey.Example.com.\",\"CNAME\",\"" T1 ".dkim.eu-south-1.amazonses.com.\",1800\n"
        "\"_amazonses.example.com.\",\"TXT\",\"\"\"" VTOKEN "\"\"\",1800\n"
        "\"mail.example.com.\",\"MX\",\"10 feedback-smtp.eu-south-1.amazonses.com.\",1800\n"
        "\"mail.example.com.\",\"TXT\",\"\"\"v=spf1 include:amazonses.com ~all\"\"\",1800\n",
        NULL, "us-east-1");
    zl_ses_identity *id = &e.v[0];
    assert_string_equal(id->domain, "example.com");
    assert_string_equal(id->dkim[0], T1);
    assert_string_equal(id->dkim_host, "dkim.eu-south-1.amazonses.com");
    assert_string_equal(id->region, "eu-south-1"); /* the records say so */
    assert_string_equal(id->verification, VTOKEN);
    assert_string_equal(id->mail_from, "mail.example.com");
    zl_ses_expect_free(&e);
}

static void csv_byodkim_split_value(void **state)
{
    (void)state;
    zl_ses_expect e = parse_byodkim(
        "byodkim.csv",
        "Type,Name,Value\nTXT,sel._domainkey.example.com,\"\"\"p=MIIBIjAN\"\" \"\"AQAB\"\"\"\n",
        "sel");
    assert_string_equal(e.v[0].byodkim_value, "p=MIIBIjANAQAB");
    zl_ses_expect_free(&e);
}

static void csv_refusals(void **state)
{
    (void)state;
    assert_err("r.csv", "Type,Name,Value\nA,www.example.com,192.0.2.1\n", NULL,
               "r.csv:2: a A record");
    assert_err("r.csv", "Type,Name,Value\nCNAME,x._domainkey.example.com\n", NULL,
               "r.csv:2: 2 fields where the header has 3");
    assert_err("r.csv", "Type,Name,Value\nMX,mail.example.com,10 feedback-smtp.us-east-1.amazonses.com\n",
               NULL, "give --identity");
    assert_err("r.csv",
               "Type,Name,Value\nCNAME," T1 "._domainkey.example.com," T2 ".dkim.amazonses.com\n",
               NULL, "is not an Easy DKIM record");
    assert_err("r.csv",
               "Type,Name,Value\nCNAME," T1 "._domainkey.example.com," T1 ".dkim.amazonses.com\n"
               "CNAME," T2 "._domainkey.example.org," T2 ".dkim.amazonses.com\n",
               NULL, "r.csv:3: " T2 "._domainkey.example.org is not a record of the identity");
    assert_err("r.csv", "hello world\n", NULL, "r.csv:1: not SES data");
    assert_err("r.csv", "", NULL, "empty");
}

static void json_refusals(void **state)
{
    (void)state;
    assert_err("x.json", "{\n  \"DkimTokens\": [\n    \"" T1 "\",\n  ]\n}\n", "example.com",
               "x.json:4: malformed JSON");
    assert_err("x.json", "{\n  \"ResourceRecordSets\": []\n}\n", NULL,
               "x.json:1: not SES data zonelint reads (keys: \"ResourceRecordSets\")");
    assert_err("x.json", "[1, 2]", NULL, "x.json:1: not SES data");
    assert_err("x.json", "\xFF\xFE{\0", NULL, "UTF-16");
}

static void helpers(void **state)
{
    (void)state;
    char *d = zl_ses_domain("Mail.Example.COM.");
    assert_string_equal(d, "mail.example.com");
    free(d);
    assert_null(zl_ses_domain("localhost"));
    assert_null(zl_ses_domain("a..b"));
    assert_null(zl_ses_domain("a b.com"));
    assert_true(zl_ses_token_ok(VTOKEN));
    assert_false(zl_ses_token_ok(" " VTOKEN));
    assert_null(zl_ses_label("a.b"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sesv2_identity_from_file_name),
        cmocka_unit_test(sesv2_identity_flag_wins),
        cmocka_unit_test(sesv2_signing_hosted_zone_and_mail_from),
        cmocka_unit_test(sesv2_byodkim_and_deed),
        cmocka_unit_test(sesv2_refusals),
        cmocka_unit_test(v1_verification_attributes),
        cmocka_unit_test(v1_dkim_and_mail_from_merge),
        cmocka_unit_test(verify_domain_outputs),
        cmocka_unit_test(csv_type_name_value),
        cmocka_unit_test(csv_name_type_value_quoted_with_dots),
        cmocka_unit_test(csv_byodkim_split_value),
        cmocka_unit_test(csv_refusals),
        cmocka_unit_test(json_refusals),
        cmocka_unit_test(helpers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
