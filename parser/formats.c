#include "parser/formats.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "lint/io/fs.h"
#include "parser/exports/readers.h"
#include "parser/master/master.h"

#define DETECT_HEAD 65536 /* octets of a text export searched for its markers */

static bool has(const char *text, size_t len, const char *needle)
{
    return zl_find(text, len, needle) != NULL;
}

static bool in_json(const zl_sniff *s, const char *needle)
{
    return s->json && has(s->text, s->len, needle);
}

static bool in_head(const zl_sniff *s, const char *needle)
{
    return !s->json && has(s->text, s->head, needle);
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

static bool terraform_plan(const zl_sniff *s)
{
    return in_json(s, "\"format_version\"") &&
           (in_json(s, "\"resource_changes\"") || in_json(s, "\"planned_values\""));
}

static bool terraform(const zl_sniff *s)
{
    return (!s->json && ends_with(s->path, ".tf")) || ends_with(s->path, ".tf.json");
}

/* A CloudFormation template, YAML or JSON (CDK's cdk.out). */
static bool cloudformation(const zl_sniff *s)
{
    return s->json ? in_json(s, "\"AWSTemplateFormatVersion\"") || in_json(s, "\"AWS::Route53::")
                   : in_head(s, "AWSTemplateFormatVersion") || in_head(s, "AWS::Route53::");
}

static bool dnscontrol(const zl_sniff *s)
{
    return in_json(s, "\"domains\"") &&
           (in_json(s, "\"registrars\"") || in_json(s, "\"dns_providers\"") ||
            in_json(s, "\"dnsProviders\""));
}

/* dnsconfig.js itself, which only DNSControl can evaluate. */
static bool dnsconfig_js(const zl_sniff *s)
{
    return !s->json && (ends_with(s->path, "dnsconfig.js") ||
                        (in_head(s, "D(") && in_head(s, "DnsProvider(")));
}

static bool route53(const zl_sniff *s)
{
    return in_json(s, "\"ResourceRecordSets\"");
}

static bool route53_changes(const zl_sniff *s)
{
    return in_json(s, "\"ResourceRecordSet\"");
}

static bool azure_json(const zl_sniff *s)
{
    return in_json(s, "Microsoft.Network/dnszones/") || in_json(s, "Microsoft.Network/dnsZones/");
}

static bool cloudflare_json(const zl_sniff *s)
{
    return in_json(s, "\"zone_name\"") || in_json(s, "\"proxied\"");
}

static bool gcloud_yaml(const zl_sniff *s)
{
    return in_head(s, "kind: dns#resourceRecordSet") ||
           in_head(s, "kind: 'dns#resourceRecordSet'");
}

static bool cloudflare_bind(const zl_sniff *s)
{
    return (in_head(s, ";; Domain:") && in_head(s, ";; Exported:")) || in_head(s, "cf_tags=");
}

static bool azure_zone(const zl_sniff *s)
{
    return in_head(s, "; Exported zone file from Azure DNS");
}

static bool gcloud_zone(const zl_sniff *s)
{
    return in_head(s, "cloud-dns-hostmaster.google.com.");
}

/* An octoDNS zone: a .yaml file, or YAML whose records are mappings with an
 * indented type: key (zone files have no such line). */
static bool octodns(const zl_sniff *s)
{
    if (s->json)
        return false;
    if (ends_with(s->path, ".yaml") || ends_with(s->path, ".yml"))
        return true;
    for (const char *p = s->text, *end = s->text + s->head; p < end;) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        const char *q = p;
        while (q < end && q < (eol ? eol : end) && *q == ' ')
            q++;
        if (q > p && (size_t)(end - q) > 2 && q[0] == '-' && q[1] == ' ')
            q += 2;
        if (q > p && (size_t)(end - q) >= 5 && memcmp(q, "type:", 5) == 0)
            return true;
        p = eol ? eol + 1 : end;
    }
    return false;
}

static bool read_bind(zl_input *in, char **err)
{
    (void)err;
    zl_zone *z = zl_read_master_text(in->zs, in->path, in->text, in->len, in->o);
    in->zs->srcs[z->src]->mapped = in->mapped; /* the source owns the text */
    return true;
}

/* Readers other than bind own a text on the heap (they free it when done):
 * a mapped text is copied for them. Only large files are mapped, and large
 * files are BIND text. */
static void text_to_heap(zl_input *in)
{
    if (!in->mapped)
        return;
    char *copy = zl_xmalloc(in->len + 1);
    memcpy(copy, in->text, in->len + 1);
    zl_fs_unmap(in->text, in->mapped);
    in->text = copy;
    in->mapped = 0;
}

/* Detection tries the formats in this order; bind takes any other text.
 * Exports list every record of a zone whose provider serves the SOA and NS;
 * a change batch or a plan names only the records it touches. */
static const zl_format formats[] = {
    {"bind", NULL, read_bind, ZL_SCOPE_ZONE},
    {"terraform-plan", terraform_plan, zl_read_terraform_plan, ZL_SCOPE_PART},
    {"terraform", terraform, zl_read_terraform, ZL_SCOPE_PART},
    {"cloudformation", cloudformation, zl_read_cloudformation, ZL_SCOPE_PART},
    {"dnscontrol", dnscontrol, zl_read_dnscontrol, ZL_SCOPE_EXPORT},
    {"dnsconfig-js", dnsconfig_js, zl_read_dnscontrol_js, ZL_SCOPE_PART},
    {"route53", route53, zl_read_route53, ZL_SCOPE_EXPORT},
    {"route53-changes", route53_changes, zl_read_route53_changes, ZL_SCOPE_PART},
    {"azure-json", azure_json, zl_read_azure_json, ZL_SCOPE_EXPORT},
    {"cloudflare-json", cloudflare_json, zl_read_cloudflare_json, ZL_SCOPE_EXPORT},
    {"gcloud-yaml", gcloud_yaml, zl_read_gcloud_yaml, ZL_SCOPE_EXPORT},
    {"cloudflare-bind", cloudflare_bind, zl_read_cloudflare_bind, ZL_SCOPE_EXPORT},
    {"azure-zone", azure_zone, zl_read_azure_zone, ZL_SCOPE_EXPORT},
    {"gcloud-zone", gcloud_zone, zl_read_gcloud_zone, ZL_SCOPE_EXPORT},
    {"octodns", octodns, zl_read_octodns, ZL_SCOPE_EXPORT},
};
#define NFORMATS (sizeof formats / sizeof formats[0])

const char zl_format_list[] = "bind, route53, route53-changes, cloudflare-json, cloudflare-bind, "
                              "gcloud-yaml, gcloud-zone, azure-zone, azure-json, octodns, "
                              "terraform-plan, terraform, cloudformation, dnscontrol, auto";

const zl_format *zl_format_find(const char *name)
{
    for (size_t i = 0; i < NFORMATS; i++)
        if (strcmp(formats[i].name, name) == 0)
            return &formats[i];
    return NULL;
}

const zl_format *zl_format_detect(const char *text, size_t len, const char *path)
{
    size_t i = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    while (i < len && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' || text[i] == '\n'))
        i++;
    zl_sniff s = {.text = text,
                  .len = len,
                  .head = len < DETECT_HEAD ? len : DETECT_HEAD,
                  .path = path,
                  .json = i < len && (text[i] == '{' || text[i] == '[')};
    for (size_t k = 0; k < NFORMATS; k++)
        if (formats[k].detect && formats[k].detect(&s))
            return &formats[k];
    return s.json ? NULL : &formats[0]; /* JSON no reader knows, or BIND text */
}

bool zl_format_read(zl_input *in, const char *format, char **err)
{
    const unsigned char *b = (const unsigned char *)in->text;
    if (in->len >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF))) {
        text_to_heap(in);
        return zl_input_fail(in, 0, format && strcmp(format, "auto") ? format : "any format",
                             zl_xstrdup("the file is UTF-16 (as PowerShell writes it); convert "
                                        "it to UTF-8"),
                             err);
    }
    const zl_format *f = NULL;
    if (format && strcmp(format, "auto") != 0)
        f = zl_format_find(format);
    else
        f = zl_format_detect(in->text, in->len, in->path);
    if (f != &formats[0])
        text_to_heap(in);
    if (!f)
        return zl_input_fail(in, 0, "a provider export",
                             zl_xstrdup("JSON, but not an export zonelint reads (Route 53, "
                                        "Cloudflare, Azure, Terraform plan); name its format "
                                        "with --input-format"),
                             err);
    zl_zoneset *zs = in->zs;
    size_t first = zs->nzones;
    if (!f->read(in, err))
        return false;
    for (size_t i = first; i < zs->nzones; i++)
        if (zs->zones[i]->scope == ZL_SCOPE_ZONE) /* the reader may know it holds less */
            zs->zones[i]->scope = f->scope;
    return true;
}

bool zl_format_template_name(const char *path)
{
    static const char *const ext[] = {".json", ".yaml", ".yml", ".template"};
    for (size_t i = 0; i < sizeof ext / sizeof ext[0]; i++)
        if (ends_with(path, ext[i]) && strlen(path) > strlen(ext[i]))
            return true;
    return false;
}

/* A top-level Resources mapping: CDK's tree.json and manifest.json name the
 * same resource types, but are no templates. */
static bool has_resources(const char *text, size_t len)
{
    size_t i = strspn(text, " \t\r\n");
    if (i < len && text[i] == '{') {
        json_t *doc = json_loadb(text, len, 0, NULL);
        bool yes = json_is_object(json_object_get(doc, "Resources"));
        json_decref(doc);
        return yes;
    }
    return strncmp(text, "Resources:", 10) == 0 || zl_find(text, len, "\nResources:");
}

bool zl_format_dns_template(const char *path, const char *text, size_t len)
{
    if (!zl_format_template_name(path) || len > ZL_TEMPLATE_MAX)
        return false;
    const zl_format *f = zl_format_detect(text, len, path); /* NULL: JSON of no format */
    return f && strcmp(f->name, "cloudformation") == 0 &&
           zl_find(text, len, "AWS::Route53::RecordSet") && has_resources(text, len);
}
