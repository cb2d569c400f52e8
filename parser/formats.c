#include "parser/formats.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "parser/master/origin.h"
#include "parser/exports/readers.h"

/* Exports list every record of a zone whose provider serves the SOA and NS;
 * a change batch or a plan names only the records it touches. */
static const zl_format formats[] = {
    {"bind", zl_read_bind, ZL_SCOPE_ZONE},
    {"route53", zl_read_route53, ZL_SCOPE_EXPORT},
    {"route53-changes", zl_read_route53_changes, ZL_SCOPE_PART},
    {"cloudflare-json", zl_read_cloudflare_json, ZL_SCOPE_EXPORT},
    {"cloudflare-bind", zl_read_cloudflare_bind, ZL_SCOPE_EXPORT},
    {"gcloud-yaml", zl_read_gcloud_yaml, ZL_SCOPE_EXPORT},
    {"gcloud-zone", zl_read_gcloud_zone, ZL_SCOPE_EXPORT},
    {"azure-zone", zl_read_azure_zone, ZL_SCOPE_EXPORT},
    {"azure-json", zl_read_azure_json, ZL_SCOPE_EXPORT},
    {"octodns", zl_read_octodns, ZL_SCOPE_EXPORT},
    {"terraform-plan", zl_read_terraform_plan, ZL_SCOPE_PART},
};

const char zl_format_list[] = "bind, route53, route53-changes, cloudflare-json, cloudflare-bind, "
                              "gcloud-yaml, gcloud-zone, azure-zone, azure-json, octodns, "
                              "terraform-plan, auto";

const zl_format *zl_format_find(const char *name)
{
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
        if (strcmp(formats[i].name, name) == 0)
            return &formats[i];
    return NULL;
}

#define DETECT_HEAD 65536 /* octets of a text export searched for its markers */

static bool has(const char *text, size_t len, const char *needle)
{
    size_t k = strlen(needle);
    for (const char *p = text, *end = text + len; (size_t)(end - p) >= k; p++) {
        p = memchr(p, needle[0], (size_t)(end - p) - k + 1);
        if (!p)
            return false;
        if (memcmp(p, needle, k) == 0)
            return true;
    }
    return false;
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* An octoDNS zone: YAML whose records are mappings with an indented type:
 * key (zone files have no such line). */
static bool octodns_like(const char *text, size_t len, const char *path)
{
    if (ends_with(path, ".yaml") || ends_with(path, ".yml"))
        return true;
    for (const char *p = text, *end = text + len; p < end;) {
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

const zl_format *zl_format_detect(const char *text, size_t len, const char *path)
{
    size_t i = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    while (i < len && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' || text[i] == '\n'))
        i++;
    if (i < len && (text[i] == '{' || text[i] == '[')) {
        if (has(text, len, "\"format_version\"") &&
            (has(text, len, "\"resource_changes\"") || has(text, len, "\"planned_values\"")))
            return zl_format_find("terraform-plan");
        if (has(text, len, "\"ResourceRecordSets\""))
            return zl_format_find("route53");
        if (has(text, len, "\"ResourceRecordSet\""))
            return zl_format_find("route53-changes");
        if (has(text, len, "Microsoft.Network/dnszones/") ||
            has(text, len, "Microsoft.Network/dnsZones/"))
            return zl_format_find("azure-json");
        if (has(text, len, "\"zone_name\"") || has(text, len, "\"proxied\""))
            return zl_format_find("cloudflare-json");
        return NULL;
    }
    /* Text exports say what they are in their first records or their header:
     * a large BIND file is not searched to its end five times. */
    size_t head = len < DETECT_HEAD ? len : DETECT_HEAD;
    if (has(text, head, "kind: dns#resourceRecordSet") ||
        has(text, head, "kind: 'dns#resourceRecordSet'"))
        return zl_format_find("gcloud-yaml");
    if ((has(text, head, ";; Domain:") && has(text, head, ";; Exported:")) ||
        has(text, head, "cf_tags="))
        return zl_format_find("cloudflare-bind");
    if (has(text, head, "; Exported zone file from Azure DNS"))
        return zl_format_find("azure-zone");
    if (has(text, head, "cloud-dns-hostmaster.google.com."))
        return zl_format_find("gcloud-zone");
    if (octodns_like(text, head, path))
        return zl_format_find("octodns");
    return zl_format_find("bind");
}

char *zl_format_error(const zl_input *in, size_t off, const char *format, const char *fmt, ...)
{
    zl_source view = {.text = in->text, .len = in->len};
    uint32_t line, col;
    zl_source_position(&view, (uint32_t)(off > in->len ? in->len : off), &line, &col);
    free(view.lines);
    zl_buf b = {0};
    zl_buf_printf(&b, "%s:%u:%u: cannot read as %s: ", in->path, line, col, format);
    va_list ap;
    va_start(ap, fmt);
    zl_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    return zl_buf_take(&b);
}

bool zl_input_fail(zl_input *in, size_t off, const char *format, char *why, char **err)
{
    *err = zl_format_error(in, off, format, "%s", why);
    free(why);
    free(in->text);
    return false;
}

bool zl_input_decode(zl_input *in, const char *format, zl_jdoc *json, zl_ydoc *yaml,
                     char **err)
{
    char *why = NULL;
    size_t off = 0;
    bool ok = json ? zl_jdoc_load(json, in->text, in->len, &why, &off)
                   : zl_ydoc_load(yaml, in->text, in->len, &why, &off);
    if (!ok && yaml)
        zl_ydoc_free(yaml);
    return ok || zl_input_fail(in, off, format, why, err);
}

bool zl_input_json_list(zl_input *in, const char *format, const char *key, zl_jdoc *d,
                        zl_jval *list, char **err)
{
    if (!zl_input_decode(in, format, d, NULL, err))
        return false;
    zl_jval root = zl_jdoc_root(d);
    *list = json_is_array(root.v) ? root : zl_jget(d, root, key, false);
    if (json_is_array(list->v))
        return true;
    uint32_t off = zl_jstart(d, root);
    zl_jdoc_free(d);
    return zl_input_fail(in, off, format,
                         zl_xasprintf("no array of records, nor a \"%s\" array", key), err);
}

bool zl_read_json_records(zl_input *in, const char *format, const char *key,
                          char *(*zone)(zl_jreader *r, zl_jval list),
                          void (*record)(zl_jreader *r, zl_jval rec), char **err)
{
    zl_jreader r = {0};
    zl_jval list;
    if (!zl_input_json_list(in, format, key, &r.d, &list, err))
        return false;
    zl_synth_init(&r.s, in->text, in->len);
    char *name = zone ? zone(&r, list) : NULL;
    zl_name_id id = name ? zl_origin_intern(&in->zs->names, name, strlen(name)) : ZL_NAME_NONE;
    free(name);
    if (id != ZL_NAME_NONE) {
        /* The zone's name as the origin: the apex, as these exports have no SOA. */
        r.zone = zl_names_str(&in->zs->names, id);
        zl_synth_glue(&r.s, "$ORIGIN ");
        zl_synth_glue(&r.s, r.zone);
        zl_synth_glue(&r.s, "\n");
    }
    size_t i = 0;
    zl_jval rec;
    while (zl_jnext(&r.d, list, &i, &rec))
        record(&r, rec);
    zl_synth_read(&r.s, in->zs, in->path, format, in->o);
    zl_jdoc_free(&r.d);
    free(r.zone);
    free(in->text);
    return true;
}

bool zl_read_bind(zl_input *in, char **err)
{
    (void)err;
    zl_read_master_text(in->zs, in->path, in->text, in->len, in->o);
    return true;
}

bool zl_format_read(zl_input *in, const char *format, char **err)
{
    const unsigned char *b = (const unsigned char *)in->text;
    if (in->len >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF)))
        return zl_input_fail(in, 0, format && strcmp(format, "auto") ? format : "any format",
                             zl_xstrdup("the file is UTF-16 (as PowerShell writes it); convert "
                                        "it to UTF-8"),
                             err);
    const zl_format *f = NULL;
    if (format && strcmp(format, "auto") != 0)
        f = zl_format_find(format);
    else
        f = zl_format_detect(in->text, in->len, in->path);
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
        zs->zones[i]->scope = f->scope;
    return true;
}
