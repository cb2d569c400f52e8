/* Generate one adversarial zone shape for the scaling benchmark:
 *   gen_shapes SHAPE RECORDS OUT        (OUT: a file, or a directory for
 *                                        the shapes that write several files)
 * Each shape is a realistic worst case for one part of a linter: the same
 * kind of record repeated at the scale of a large zone. Every shape is a
 * whole zone under the origin "bench.example." (SOA and NS at the apex),
 * deterministic for a given size. Only "findings" is meant to draw findings
 * (and "ses-expect", whose SES data lists what the zone lacks).
 * gen_shapes list   prints the shape names. */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "rnd.h"

/* A token as SES issues them: 32 lower-case letters and digits. */
static void ses_token(char out[33])
{
    static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz234567";
    for (int i = 0; i < 32; i++)
        out[i] = alphabet[rnd() % 32];
    out[32] = '\0';
}

static void apex(FILE *f)
{
    fprintf(f, "$ORIGIN bench.example.\n$TTL 3600\n");
    fprintf(f, "@ IN SOA ns1 hostmaster ( 2024010101 7200 3600 1209600 300 )\n");
    fprintf(f, "  IN NS ns1\n  IN NS ns2\nns1 IN A 192.0.2.1\nns2 IN A 192.0.2.2\n");
}

#define APEX_RECORDS 5

/* Distinct SES identities, each a subdomain with its three Easy DKIM CNAMEs
 * and its verification TXT: the grouping of DKIM sets by identity. */
static void ses_identities(FILE *f, long n)
{
    for (long i = 0; n > 0; i++, n -= 4) {
        for (int k = 0; k < 3; k++) {
            char tok[33];
            ses_token(tok);
            fprintf(f, "%s._domainkey.id%ld IN CNAME %s.dkim.amazonses.com.\n", tok, i, tok);
        }
        char tok[33];
        ses_token(tok);
        fprintf(f, "_amazonses.id%ld IN TXT \"%.22s+abcdefghijklmnopqrst=\"\n", i, tok);
    }
}

/* One RRset of N addresses. */
static void huge_rrset(FILE *f, long n)
{
    for (long i = 0; i < n; i++)
        fprintf(f, "pool IN A 10.%ld.%ld.%ld\n", (i >> 16) & 255, (i >> 8) & 255, i & 255);
}

/* N distinct TXT records at one name (site verifications piling up). */
static void txt_one_name(FILE *f, long n)
{
    for (long i = 0; i < n; i++)
        fprintf(f, "@ IN TXT \"site-verification=%08x%08x%ld\"\n", rnd(), rnd(), i);
}

/* Delegations, each with two in-bailiwick servers, their glue and a DS. */
static void delegations(FILE *f, long n)
{
    for (long i = 0; n > 0; i++, n -= 5) {
        uint32_t a = rnd();
        fprintf(f, "sub%ld IN NS ns1.sub%ld\n  IN NS ns2.sub%ld\n", i, i, i);
        fprintf(f, "  IN DS %u 13 2 %08x%08x%08x%08x%08x%08x%08x%08x\n", a & 0xffff, rnd(), rnd(),
                rnd(), rnd(), rnd(), rnd(), rnd(), rnd());
        fprintf(f, "ns1.sub%ld IN A 198.51.%u.%u\nns2.sub%ld IN A 203.0.%u.%u\n", i, (a >> 16) & 255,
                (a >> 8) & 255, i, (a >> 8) & 255, a & 255);
    }
}

/* CNAME chains of 100 links each, ending at an address. */
static void cname_chains(FILE *f, long n)
{
    const long links = 100;
    for (long c = 0; n > 0; c++) {
        for (long k = 0; k < links - 1 && n > 1; k++, n--)
            fprintf(f, "c%ld-%ld IN CNAME c%ld-%ld\n", c, k, c, k + 1);
        fprintf(f, "c%ld-%ld IN A 192.0.2.%ld\n", c, links - 1, c & 255);
        n--;
        if (n <= 0)
            break;
    }
}

/* Every record a finding: white space inside a quoted string. */
static void findings(FILE *f, long n)
{
    for (long i = 0; i < n; i++)
        fprintf(f, "t%ld IN TXT \" token-%ld\"\n", i, i);
}

/* Every record a finding, each suppressed by a comment on its line: a
 * legacy zone whose owners chose to silence a rule line by line. */
static void suppressed(FILE *f, long n)
{
    for (long i = 0; i < n; i++)
        fprintf(f, "t%ld IN TXT \" token-%ld\" ; zonelint-disable-line value-whitespace\n", i, i);
}

/* Delegations, each with glue and a record the delegation occludes: a
 * parent that kept its children's records after handing them off. */
static void occluded(FILE *f, long n)
{
    for (long i = 0; i < n / 3; i++)
        fprintf(f, "x%ld.sub IN NS ns.x%ld.sub\nns.x%ld.sub IN A 192.0.2.1\n"
                   "h.x%ld.sub IN A 192.0.2.2\n",
                i, i, i, i);
}

/* Long names: 30 labels, about 200 octets each, most labels distinct. */
static void long_names(FILE *f, long n)
{
    for (long i = 0; i < n; i++) {
        for (int l = 0; l < 30; l++)
            fprintf(f, "l%02d%03lx.", l, (i * 31 + (long)l * 977) & 0xfff);
        fprintf(f, "n%ld IN A 10.%ld.%ld.%ld\n", i, (i >> 16) & 255, (i >> 8) & 255, i & 255);
    }
}

/* An $ORIGIN before every record, as some exporters write. */
static void origin_per_record(FILE *f, long n)
{
    for (long i = 0; i < n; i++)
        fprintf(f, "$ORIGIN h%ld.bench.example.\n@ IN A 10.%ld.%ld.%ld\n", i, (i >> 16) & 255,
                (i >> 8) & 255, i & 255);
    fprintf(f, "$ORIGIN bench.example.\n");
}

/* DKIM keys: a 2048-bit RSA public key (SubjectPublicKeyInfo, 294 octets,
 * 392 base64 characters split in two strings) per selector. */
static void dkim_keys(FILE *f, long n)
{
    static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    static const unsigned char head[] = {0x30, 0x82, 0x01, 0x22, 0x30, 0x0d, 0x06, 0x09, 0x2a,
                                         0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05,
                                         0x00, 0x03, 0x82, 0x01, 0x0f, 0x00, 0x30, 0x82, 0x01,
                                         0x0a, 0x02, 0x82, 0x01, 0x01, 0x00};
    static const unsigned char tail[] = {0x02, 0x03, 0x01, 0x00, 0x01};
    unsigned char der[294];
    char key[393];
    for (long i = 0; i < n; i++) {
        memcpy(der, head, sizeof head);
        for (size_t k = sizeof head; k < sizeof der - sizeof tail; k++)
            der[k] = (unsigned char)rnd();
        der[sizeof head] |= 0x80; /* the modulus's top bit: a full 2048 bits */
        memcpy(der + sizeof der - sizeof tail, tail, sizeof tail);
        for (size_t k = 0, o = 0; k < sizeof der; k += 3, o += 4) {
            uint32_t v = (uint32_t)der[k] << 16 | (uint32_t)der[k + 1] << 8 | der[k + 2];
            key[o] = b64[v >> 18];
            key[o + 1] = b64[(v >> 12) & 63];
            key[o + 2] = b64[(v >> 6) & 63];
            key[o + 3] = b64[v & 63];
        }
        key[392] = '\0';
        fprintf(f, "s%ld._domainkey IN TXT \"v=DKIM1; k=rsa; p=%.200s\" \"%s\"\n", i, key,
                key + 200);
    }
}

/* Dispatch table for the single-file shapes. */
struct shape {
    const char *name;
    void (*write)(FILE *, long);
};

static const struct shape shapes[] = {
    {"ses-identities", ses_identities}, {"huge-rrset", huge_rrset},
    {"txt-one-name", txt_one_name},     {"delegations", delegations},
    {"cname-chains", cname_chains},     {"findings", findings},
    {"long-names", long_names},         {"origin-per-record", origin_per_record},
    {"dkim-keys", dkim_keys},           {"suppressed", suppressed},
    {"occluded", occluded},
};

static FILE *open_out(const char *path)
{
    FILE *f = fopen(path, "w");
    if (!f) {
        fprintf(stderr, "gen_shapes: %s: %s\n", path, strerror(errno));
        exit(2);
    }
    return f;
}

static void make_dir(const char *path)
{
    if (mkdir(path, 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "gen_shapes: %s: %s\n", path, strerror(errno));
        exit(2);
    }
}

/* Zone file number z of a directory of small zones, its apex written. */
static FILE *small_zone(const char *dir, long z)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/db.z%06ld.example", dir, z);
    FILE *f = open_out(path);
    fprintf(f, "$ORIGIN z%06ld.example.\n$TTL 3600\n", z);
    fprintf(f, "@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300\n  IN NS ns1\n");
    fprintf(f, "ns1 IN A 192.0.2.1\n");
    return f;
}

/* Many small zone files in one directory: 50 records each. */
static void many_files(const char *dir, long n)
{
    make_dir(dir);
    for (long z = 0; n > 0; z++) {
        FILE *f = small_zone(dir, z);
        for (long r = 3; r < 50; r++)
            fprintf(f, "h%ld IN A 198.51.%ld.%ld\n", r, r % 256, z % 256);
        n -= 50;
        fclose(f);
    }
}

/* Many zones that each $INCLUDE two files of their own (25 records a zone):
 * every include asks whether its file was read before, among thousands of
 * sources. */
static void many_includes(const char *dir, long n)
{
    make_dir(dir);
    char path[4096];
    snprintf(path, sizeof path, "%s/inc", dir);
    make_dir(path);
    for (long z = 0; n > 0; z++) {
        FILE *f = small_zone(dir, z);
        for (int part = 0; part < 2; part++) {
            fprintf(f, "$INCLUDE inc/z%06ld.%d.inc\n", z, part);
            snprintf(path, sizeof path, "%s/inc/z%06ld.%d.inc", dir, z, part);
            FILE *inc = open_out(path);
            for (int r = 0; r < 11; r++)
                fprintf(inc, "h%d-%d IN A 198.51.%d.%ld\n", part, r, r, z % 256);
            fclose(inc);
        }
        n -= 25;
        fclose(f);
    }
}

/* An $INCLUDE tree: the top file includes 8 files, each of those 8 more,
 * three levels deep (585 files); leaves carry the records. Paths are relative
 * to the directory, so run the checkers from there. */
static void include_tree(const char *dir, long n)
{
    make_dir(dir);
    char path[4096];
    const int fan = 8, depth = 3;
    long leaves = 1;
    for (int d = 0; d < depth; d++)
        leaves *= fan;
    long per_leaf = n / leaves + 1;
    snprintf(path, sizeof path, "%s/db.bench.example", dir);
    FILE *top = open_out(path);
    apex(top);
    for (int a = 0; a < fan; a++) {
        fprintf(top, "$INCLUDE i%d.inc\n", a);
        snprintf(path, sizeof path, "%s/i%d.inc", dir, a);
        FILE *fa = open_out(path);
        for (int b = 0; b < fan; b++) {
            fprintf(fa, "$INCLUDE i%d-%d.inc\n", a, b);
            snprintf(path, sizeof path, "%s/i%d-%d.inc", dir, a, b);
            FILE *fb = open_out(path);
            for (int c = 0; c < fan; c++) {
                fprintf(fb, "$INCLUDE i%d-%d-%d.inc\n", a, b, c);
                snprintf(path, sizeof path, "%s/i%d-%d-%d.inc", dir, a, b, c);
                FILE *fc = open_out(path);
                for (long r = 0; r < per_leaf; r++)
                    fprintf(fc, "h%d-%d-%d-%ld IN A 10.%d.%d.%ld\n", a, b, c, r, a * fan + b, c,
                            r & 255);
                fclose(fc);
            }
            fclose(fb);
        }
        fclose(fa);
    }
    fclose(top);
}

/* The SES identities' zone, and beside it (OUT.json) SES's data for some
 * of its identities and for as many it lacks, 1 per 100 records in all,
 * each with a MAIL FROM domain: every token SES lists looked for in every
 * record, near misses (a character lost) included. */
static void ses_expect(const char *path, long n)
{
    long present = n / 200 + 1, identities = n / 4 + 1;
    char (*first)[33] = calloc((size_t)present, sizeof *first);
    FILE *f = open_out(path);
    apex(f);
    for (long i = 0; i < identities; i++) {
        for (int k = 0; k < 3; k++) {
            char tok[33];
            ses_token(tok);
            if (k == 0 && i < present)
                memcpy(first[i], tok, sizeof tok);
            fprintf(f, "%s._domainkey.id%ld IN CNAME %s.dkim.amazonses.com.\n", tok, i, tok);
        }
        char tok[33];
        ses_token(tok);
        fprintf(f, "_amazonses.id%ld IN TXT \"%.22s+abcdefghijklmnopqrst=\"\n", i, tok);
    }
    fclose(f);
    char json[4096];
    snprintf(json, sizeof json, "%s.json", path);
    f = open_out(json);
    const char *maps[] = {"DkimAttributes", "VerificationAttributes",
                          "MailFromDomainAttributes"};
    fputc('{', f);
    for (int m = 0; m < 3; m++) {
        fprintf(f, "%s\"%s\": {", m ? ", " : "", maps[m]);
        for (long j = 0; j < 2 * present; j++) {
            long i = j < present ? j : identities + j;
            fprintf(f, "%s\"id%ld.bench.example\": {", j ? ", " : "", i);
            char a[33], b[33], c[33];
            ses_token(a);
            ses_token(b);
            ses_token(c);
            if (m == 0)
                fprintf(f, "\"DkimEnabled\": true, \"DkimTokens\": [\"%s\", \"%s\", \"%s\"]}",
                        j < present && j % 2 == 0 ? first[j] + 1 : a, b, c);
            else if (m == 1)
                fprintf(f, "\"VerificationToken\": \"%.22s%.21sA=\"}", a, b);
            else
                fprintf(f, "\"MailFromDomain\": \"mail.id%ld.bench.example\"}", i);
        }
        fputc('}', f);
    }
    fputs("}\n", f);
    fclose(f);
    free(first);
}

/* An export of many zones in one file, five records a zone: each zone's
 * text and positions come from the one file. dnscontrol's JSON (its
 * domains), or a Terraform plan (hosted zones created with their records,
 * each record's zone told by its configuration's reference). */
static void dnscontrol_domains(const char *path, long n)
{
    FILE *f = open_out(path);
    fprintf(f, "{\"registrars\": [], \"dns_providers\": [], \"domains\": [\n");
    for (long d = 0; n > 0; d++, n -= 5)
        fprintf(f, "%s {\"name\": \"d%ld.example\", \"records\": [\n"
                   "  {\"type\": \"A\", \"name\": \"@\", \"target\": \"192.0.2.%ld\"},\n"
                   "  {\"type\": \"A\", \"name\": \"www\", \"target\": \"192.0.2.%ld\"},\n"
                   "  {\"type\": \"MX\", \"name\": \"@\", \"mxpreference\": 10, "
                   "\"target\": \"mail.d%ld.example.\"},\n"
                   "  {\"type\": \"A\", \"name\": \"mail\", \"target\": \"198.51.100.%ld\"},\n"
                   "  {\"type\": \"TXT\", \"name\": \"@\", \"target\": \"v=spf1 mx -all\"}]}\n",
                d ? "," : "", d, d % 250 + 1, d % 250 + 1, d, d % 250 + 1);
    fprintf(f, "]}\n");
    fclose(f);
}

static void plan_zones(const char *path, long n)
{
    FILE *f = open_out(path);
    fprintf(f, "{\"format_version\": \"1.2\", \"resource_changes\": [\n");
    long zones = n / 5 + 1;
    for (long z = 0; z < zones; z++) {
        fprintf(f, "%s{\"address\": \"aws_route53_zone.z%ld\", \"type\": \"aws_route53_zone\", "
                   "\"name\": \"z%ld\", \"change\": {\"actions\": [\"create\"], "
                   "\"after\": {\"name\": \"z%ld.example\"}}}\n",
                z ? "," : "", z, z, z);
        for (int k = 0; k < 5; k++)
            fprintf(f, ",{\"address\": \"aws_route53_record.r%ld_%d\", "
                       "\"type\": \"aws_route53_record\", \"name\": \"r%ld_%d\", "
                       "\"change\": {\"actions\": [\"create\"], \"after\": {\"name\": "
                       "\"h%d.z%ld.example\", \"type\": \"A\", \"ttl\": 300, \"records\": "
                       "[\"192.0.2.%d\"], \"alias\": []}}}\n",
                    z, k, z, k, k, z, k + 1);
    }
    fprintf(f, "], \"configuration\": {\"root_module\": {\"resources\": [\n");
    for (long z = 0; z < zones; z++)
        for (int k = 0; k < 5; k++)
            fprintf(f, "%s{\"type\": \"aws_route53_record\", \"name\": \"r%ld_%d\", "
                       "\"expressions\": {\"zone_id\": {\"references\": "
                       "[\"aws_route53_zone.z%ld.zone_id\", \"aws_route53_zone.z%ld\"]}}}\n",
                    z || k ? "," : "", z, k, z, z);
    fprintf(f, "]}}}\n");
    fclose(f);
}

/* A Route 53 export of weighted record sets, two of each name and type:
 * the model holds one RRset per name and type, so each set is looked for
 * among those read before. */
static void route53_routing(const char *path, long n)
{
    FILE *f = open_out(path);
    fprintf(f, "{\"ResourceRecordSets\": [\n");
    for (long i = 0; i < n; i++)
        fprintf(f, "%s {\"Name\": \"h%ld.bench.example.\", \"Type\": \"A\", "
                   "\"SetIdentifier\": \"%s\", \"Weight\": 1, \"TTL\": 60, "
                   "\"ResourceRecords\": [{\"Value\": \"192.0.2.%ld\"}]}\n",
                i ? "," : "", i / 2, i % 2 ? "b" : "a", i % 250 + 1);
    fprintf(f, "]}\n");
    fclose(f);
}

/* A Terraform module OUT/main.tf, its hosted zone bench.example written. */
static FILE *open_module(const char *path)
{
    make_dir(path);
    char file[4096];
    snprintf(file, sizeof file, "%s/main.tf", path);
    FILE *f = open_out(file);
    fprintf(f, "resource \"aws_route53_zone\" \"z\" {\n  name = \"bench.example\"\n}\n");
    return f;
}

/* The same in Terraform (OUT/main.tf): aws_route53_record resources with a
 * set_identifier, two of each name and type. */
static void terraform_routing(const char *path, long n)
{
    FILE *f = open_module(path);
    for (long i = 0; i < n; i++)
        fprintf(f, "resource \"aws_route53_record\" \"r%ld\" {\n"
                   "  zone_id        = aws_route53_zone.z.zone_id\n"
                   "  name           = \"h%ld.bench.example\"\n"
                   "  type           = \"A\"\n  ttl            = 60\n"
                   "  set_identifier = \"%s\"\n"
                   "  weighted_routing_policy {\n    weight = 1\n  }\n"
                   "  records        = [\"192.0.2.%ld\"]\n}\n",
                i, i / 2, i % 2 ? "b" : "a", i % 250 + 1);
    fclose(f);
}

/* A Terraform configuration of SES identities (OUT/main.tf), each with the
 * record of its first DKIM token only, so that every identity is counted,
 * matched and reported as an incomplete set (they were searched one by
 * one: 20,000 took 1.3 s). Two resources to a record. */
static void terraform_ses(const char *path, long n)
{
    FILE *f = open_module(path);
    for (long i = 0; i < n; i++)
        fprintf(f, "resource \"aws_ses_domain_dkim\" \"d%ld\" {\n  domain = \"id%ld.bench.example\"\n}\n"
                   "resource \"aws_route53_record\" \"r%ld\" {\n"
                   "  zone_id = aws_route53_zone.z.zone_id\n"
                   "  name    = \"${aws_ses_domain_dkim.d%ld.dkim_tokens[0]}._domainkey.id%ld\"\n"
                   "  type    = \"CNAME\"\n  ttl     = 600\n"
                   "  records = [\"${aws_ses_domain_dkim.d%ld.dkim_tokens[0]}.dkim.amazonses.com\"]\n"
                   "}\n",
                i, i, i, i, i, i);
    fclose(f);
}

/* A CloudFormation template of SES identities, each with a MAIL FROM
 * domain and two record sets: the CNAME of its first DKIM token (reported as
 * an incomplete set) and the MAIL FROM MX. Every record set looked its
 * identity up by logical id and by MAIL FROM domain among all of them. */
static void cloudformation_ses(const char *path, long n)
{
    FILE *f = open_out(path);
    fprintf(f, "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n");
    for (long i = 0; i < n / 2; i++)
        fprintf(f, "  Id%ld:\n    Type: AWS::SES::EmailIdentity\n    Properties:\n"
                   "      EmailIdentity: id%ld.bench.example\n"
                   "      MailFromAttributes:\n        MailFromDomain: mail.id%ld.bench.example\n"
                   "  Dkim%ld:\n    Type: AWS::Route53::RecordSet\n    Properties:\n"
                   "      HostedZoneName: bench.example.\n"
                   "      Name: !GetAtt Id%ld.DkimDNSTokenName1\n      Type: CNAME\n      TTL: 600\n"
                   "      ResourceRecords:\n        - !GetAtt Id%ld.DkimDNSTokenValue1\n"
                   "  MailFrom%ld:\n    Type: AWS::Route53::RecordSet\n    Properties:\n"
                   "      HostedZoneName: bench.example.\n"
                   "      Name: mail.id%ld.bench.example\n      Type: MX\n      TTL: 600\n"
                   "      ResourceRecords:\n"
                   "        - !Sub \"10 feedback-smtp.${AWS::Region}.amazonses.com\"\n",
                i, i, i, i, i, i, i, i);
    fclose(f);
}

/* The shapes that write files of their own (OUT is the file or directory),
 * in the order listed; a shape whose writer puts the apex in its zone
 * counts the apex's records in RECORDS. */
struct path_shape {
    const char *name;
    void (*write)(const char *, long);
    bool counts_apex;
};

static const struct path_shape path_shapes[] = {
    {"ses-expect", ses_expect, true},        {"dnscontrol-domains", dnscontrol_domains, false},
    {"plan-zones", plan_zones, false},       {"many-files", many_files, false},
    {"many-includes", many_includes, false}, {"include-tree", include_tree, true},
    {"route53-routing", route53_routing, false}, {"terraform-routing", terraform_routing, false},
    {"terraform-ses", terraform_ses, false}, {"cloudformation-ses", cloudformation_ses, false},
};

int main(int argc, char **argv)
{
    size_t count = sizeof shapes / sizeof shapes[0];
    size_t npath = sizeof path_shapes / sizeof path_shapes[0];
    if (argc == 2 && strcmp(argv[1], "list") == 0) {
        for (size_t i = 0; i < count; i++)
            puts(shapes[i].name);
        for (size_t i = 0; i < npath; i++)
            puts(path_shapes[i].name);
        return 0;
    }
    if (argc != 4) {
        fprintf(stderr, "usage: gen_shapes SHAPE RECORDS OUT | gen_shapes list\n");
        return 2;
    }
    long n = strtol(argv[2], NULL, 10) - APEX_RECORDS;
    for (size_t i = 0; i < npath; i++) {
        if (strcmp(argv[1], path_shapes[i].name) == 0) {
            path_shapes[i].write(argv[3], path_shapes[i].counts_apex ? n : n + APEX_RECORDS);
            return 0;
        }
    }
    for (size_t i = 0; i < count; i++) {
        if (strcmp(argv[1], shapes[i].name) == 0) {
            FILE *f = open_out(argv[3]);
            apex(f);
            shapes[i].write(f, n);
            if (fclose(f) != 0) {
                fprintf(stderr, "gen_shapes: %s: %s\n", argv[3], strerror(errno));
                return 2;
            }
            return 0;
        }
    }
    fprintf(stderr, "gen_shapes: unknown shape %s\n", argv[1]);
    return 2;
}
