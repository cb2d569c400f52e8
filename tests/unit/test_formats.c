/* Provider exports: format detection from content, the error message of a
 * file that cannot be read, the position map of synthesised text, and the
 * positions of YAML scalars. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "parser/exports/emit.h"
#include "parser/exports/input.h"
#include "parser/formats.h"
#include "parser/exports/yaml_pos.h"

static void detection(void **state)
{
    (void)state;
    static const struct {
        const char *text, *path, *format;
    } cases[] = {
        {"{\"ResourceRecordSets\": []}", "-", "route53"},
        {"\xEF\xBB\xBF {\"ResourceRecordSets\": []}", "-", "route53"},
        {"{\"Changes\": [{\"Action\": \"CREATE\", \"ResourceRecordSet\": {}}]}", "-",
         "route53-changes"},
        {"{\"result\": [{\"zone_name\": \"example.com\"}]}", "-", "cloudflare-json"},
        {"[{\"type\": \"Microsoft.Network/dnszones/A\"}]", "-", "azure-json"},
        {"{\"format_version\": \"1.2\", \"resource_changes\": []}", "-", "terraform-plan"},
        {"[{\"foo\": 1}]", "-", "none"},
        {"{\"registrars\": [], \"domains\": []}", "-", "dnscontrol"},
        {"{\"Resources\": {\"R\": {\"Type\": \"AWS::Route53::RecordSet\"}}}", "-",
         "cloudformation"},
        {"AWSTemplateFormatVersion: 2010-09-09\nResources: {}\n", "stack.yaml", "cloudformation"},
        {"D(\"example.com\", REG_NONE)\n", "conf/dnsconfig.js", "dnsconfig-js"},
        {"---\nkind: dns#resourceRecordSet\nname: a.\n", "-", "gcloud-yaml"},
        {";; Domain:     example.com.\n;; Exported:   2025-01-01\n", "-", "cloudflare-bind"},
        {"; Exported zone file from Azure DNS\n$ORIGIN example.com.\n", "-", "azure-zone"},
        {"example.com. 300 IN SOA ns. cloud-dns-hostmaster.google.com. 1 2 3 4 5\n", "-",
         "gcloud-zone"},
        {"www:\n  type: A\n  value: 192.0.2.1\n", "-", "octodns"},
        {"www: {}\n", "zones/example.com.yaml", "octodns"},
        /* A zone file that mentions none of them is a zone file. */
        {"$ORIGIN example.com.\nwww IN A 192.0.2.1 ; type: A\n", "-", "bind"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *t = cases[i].text;
        const zl_format *f = zl_format_detect(t, strlen(t), cases[i].path);
        assert_string_equal(f ? f->name : "none", cases[i].format);
    }
    assert_non_null(zl_format_find("azure-zone"));
    assert_null(zl_format_find("auto"));
}

static void error_message(void **state)
{
    (void)state;
    char text[] = "{\n  \"a\": 1\n}";
    zl_input in = {.path = "x.json", .text = text, .len = strlen(text)};
    char *e = zl_format_error(&in, 6, "route53", "no %s", "ResourceRecordSets array");
    assert_string_equal(e, "x.json:2:5: cannot read as route53: no ResourceRecordSets array");
    free(e);
}

/* A located string over real, each byte standing for itself from off on. */
static zl_lstr at(const char *real, uint32_t off, size_t n)
{
    zl_lstr l = {real + off, n, malloc((n + 1) * sizeof *l.raw)};
    for (size_t i = 0; i <= n; i++)
        l.raw[i] = off + (uint32_t)i;
    return l;
}

static void position_map(void **state)
{
    (void)state;
    const char *real = "{\n  \"name\": \"www.example.com\",\n  \"value\": \"192.0.2.1\"\n}";
    zl_synth s;
    zl_synth_init(&s, real, strlen(real));
    zl_lstr name = at(real, 13, 15), value = at(real, 43, 9);
    zl_emit_name(&s, &name, ZL_EMIT_ABSOLUTE);
    zl_synth_glue(&s, " 300 IN A ");
    uint32_t voff = zl_synth_off(&s);
    zl_emit_rdata(&s, &value, 0);
    assert_string_equal(zl_buf_str(&s.text), "www.example.com. 300 IN A 192.0.2.1");
    zl_source src = {.text = s.text.data, .len = s.text.len, .map = s.map, .nmap = s.nmap};
    uint32_t line, col;
    zl_source_position(&src, 0, &line, &col);
    assert_int_equal(line, 2);
    assert_int_equal(col, 12);
    zl_source_position(&src, 16, &line, &col); /* just past the name and its added dot */
    assert_int_equal(line, 2);
    assert_int_equal(col, 27);
    zl_source_position(&src, voff + 4, &line, &col);
    assert_int_equal(line, 3);
    assert_int_equal(col, 17);
    zl_lstr_free(&name);
    zl_lstr_free(&value);
    zl_synth_free(&s);
}

static void escaped_values(void **state)
{
    (void)state;
    /* Route 53 writes \052 for '*' in octal; a zone file reads decimal. A
     * line break in a value must not end the record. */
    const char *real = "\\052.example.com a\nb \"x;y\" z;w";
    zl_synth s;
    zl_synth_init(&s, real, strlen(real));
    zl_lstr name = at(real, 0, 16), text = at(real, 17, 3), rdata = at(real, 21, 9);
    zl_emit_name(&s, &name, ZL_EMIT_ABSOLUTE | ZL_EMIT_OCTAL);
    zl_synth_glue(&s, " ");
    zl_emit_text(&s, &text, 0);
    zl_synth_glue(&s, " ");
    zl_emit_rdata(&s, &rdata, 0);
    assert_string_equal(zl_buf_str(&s.text), "\\042.example.com. \"a\\010b\" \"x;y\" z\\;w");
    zl_lstr_free(&name);
    zl_lstr_free(&text);
    zl_lstr_free(&rdata);
    zl_synth_free(&s);
}

/* The scalar at key: its value, and the offset of each byte (then its end). */
static void scalar(const zl_ydoc *d, const char *key, const char *want,
                   const uint32_t *offsets)
{
    zl_lstr l;
    assert_true(zl_yscalar(d, zl_yget(zl_yroot(d, 0), key), &l));
    assert_string_equal(l.p, want);
    for (size_t k = 0; k <= l.n; k++)
        assert_int_equal(l.raw[k], offsets[k]);
    zl_lstr_free(&l);
}

static void yaml_scalars(void **state)
{
    (void)state;
    const char *text = "a: 'it''s'\nb: \"t\\x41b\"\nc: one\n  two\n";
    zl_ydoc d;
    char *err = NULL;
    size_t off = 0;
    assert_true(zl_ydoc_load(&d, text, strlen(text), &err, &off));
    scalar(&d, "a", "it's", (const uint32_t[]){4, 5, 6, 8, 9});
    scalar(&d, "b", "tAb", (const uint32_t[]){15, 16, 20, 21});
    /* The folded line break stands for the end of the first line. */
    scalar(&d, "c", "one two", (const uint32_t[]){26, 27, 28, 29, 32, 33, 34, 35});
    zl_ydoc_free(&d);
    assert_false(zl_ydoc_load(&d, "a: [b\n", 6, &err, &off));
    assert_int_equal(off, 6);
    free(err);
    zl_ydoc_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(detection),      cmocka_unit_test(error_message),
        cmocka_unit_test(position_map),   cmocka_unit_test(escaped_values),
        cmocka_unit_test(yaml_scalars),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
