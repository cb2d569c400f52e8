/* The CI formats. SARIF is checked against what GitHub code scanning
 * requires of an upload: version 2.1.0; runs[].tool.driver with a name and
 * rules (id, shortDescription, fullDescription, help, defaultConfiguration.
 * level); results with a ruleId among the rules (and the ruleIndex of it), a
 * level, message.text, one location with a relative artifactLocation.uri and
 * a region from line 1, and partialFingerprints that survive moved lines.
 * GitHub annotations are checked for their escaping. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lint/output/output.h"
#include "lint/engine/registry.h"
#include "lint/util/util.h"

static void add(zl_findings *f, const char *rule, const char *path, uint32_t line,
                const char *key, const char *message)
{
    const zl_rule *r = zl_rule_find(rule);
    assert_non_null(r);
    zl_finding x = {.rule = r,
                    .severity = r->severity,
                    .path = zl_xstrdup(path),
                    .line = line,
                    .col = line ? 3 : 0,
                    .end_col = line ? 9 : 0,
                    .src = UINT32_MAX,
                    .message = zl_xstrdup(message),
                    .key = zl_xstrdup(key)};
    zl_findings_add(f, x);
}

static char *capture_sarif(const zl_findings *f)
{
    char *out = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&out, &len);
    assert_true(zl_writer_sarif.write(m, &(zl_report){.fs = f}));
    fclose(m);
    return out;
}

static json_t *get(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    if (!v)
        fail_msg("SARIF lacks \"%s\"", key);
    return v;
}

static const char *str(json_t *o, const char *key)
{
    json_t *v = get(o, key);
    assert_true(json_is_string(v));
    assert_true(json_string_length(v) > 0);
    return json_string_value(v);
}

static bool is_level(const char *s)
{
    return !strcmp(s, "error") || !strcmp(s, "warning") || !strcmp(s, "note") ||
           !strcmp(s, "none");
}

static void check_rule(json_t *rule)
{
    str(rule, "id");
    str(get(rule, "shortDescription"), "text");
    str(get(rule, "fullDescription"), "text");
    str(get(rule, "help"), "text");
    assert_true(is_level(str(get(rule, "defaultConfiguration"), "level")));
}

static void check_result(json_t *res, json_t *rules)
{
    const char *id = str(res, "ruleId");
    json_int_t idx = json_integer_value(get(res, "ruleIndex"));
    assert_true(idx >= 0 && (size_t)idx < json_array_size(rules));
    assert_string_equal(str(json_array_get(rules, (size_t)idx), "id"), id);
    assert_true(is_level(str(res, "level")));
    str(get(res, "message"), "text");
    json_t *locs = get(res, "locations");
    assert_int_equal(json_array_size(locs), 1);
    json_t *phys = get(json_array_get(locs, 0), "physicalLocation");
    json_t *art = get(phys, "artifactLocation");
    const char *uri = str(art, "uri");
    assert_true(uri[0] != '/' && !strstr(uri, "://") && !strchr(uri, ' '));
    assert_string_equal(str(art, "uriBaseId"), "%SRCROOT%");
    json_t *region = get(phys, "region");
    assert_true(json_integer_value(get(region, "startLine")) >= 1);
    json_t *col = json_object_get(region, "startColumn");
    if (col)
        assert_true(json_integer_value(col) >= 1 &&
                    json_integer_value(get(region, "endColumn")) >= json_integer_value(col));
    json_t *fp = get(res, "partialFingerprints");
    assert_true(json_is_object(fp) && json_object_size(fp) > 0);
}

/* The document, checked; returns the results. */
static json_t *parse_and_check(const char *text, json_t **root)
{
    json_error_t je;
    *root = json_loads(text, 0, &je);
    if (!*root)
        fail_msg("not JSON: %s", je.text);
    assert_string_equal(str(*root, "version"), "2.1.0");
    str(*root, "$schema");
    json_t *runs = get(*root, "runs");
    assert_int_equal(json_array_size(runs), 1);
    json_t *run = json_array_get(runs, 0);
    json_t *driver = get(get(run, "tool"), "driver");
    assert_string_equal(str(driver, "name"), "zonelint");
    json_t *rules = get(driver, "rules");
    for (size_t i = 0; i < json_array_size(rules); i++)
        check_rule(json_array_get(rules, i));
    json_t *results = get(run, "results");
    for (size_t i = 0; i < json_array_size(results); i++)
        check_result(json_array_get(results, i), rules);
    return results;
}

static const char *fingerprint(json_t *results, size_t i)
{
    return json_string_value(
        json_object_get(json_object_get(json_array_get(results, i), "partialFingerprints"),
                        "zonelintKey/v1"));
}

static void sarif_has_what_github_requires(void **state)
{
    (void)state;
    zl_findings f = {0};
    add(&f, "syntax-error", "zones/db.example.com", 4, "syntax-error|k1", "bad");
    add(&f, "ttl-mismatch", "zones/my zone.db", 7, "ttl-mismatch|k2", "ttl");
    add(&f, "ses-record-removed", "db.gone", 0, "ses-record-removed|k3", "gone");
    char *out = capture_sarif(&f);
    json_t *root;
    json_t *results = parse_and_check(out, &root);
    assert_int_equal(json_array_size(results), 3);
    /* Only the rules with results, each once. */
    json_t *rules = json_object_get(
        json_object_get(json_object_get(json_array_get(json_object_get(root, "runs"), 0), "tool"),
                        "driver"),
        "rules");
    assert_int_equal(json_array_size(rules), 3);
    json_t *second = json_array_get(results, 1);
    json_t *phys = json_object_get(json_array_get(json_object_get(second, "locations"), 0),
                                   "physicalLocation");
    assert_string_equal(
        json_string_value(json_object_get(json_object_get(phys, "artifactLocation"), "uri")),
        "zones/my%20zone.db");
    assert_string_equal(json_string_value(json_object_get(second, "level")), "warning");
    /* A finding about a whole file points at line 1, with no columns. */
    json_t *third = json_object_get(
        json_object_get(json_array_get(json_object_get(json_array_get(results, 2), "locations"), 0),
                        "physicalLocation"),
        "region");
    assert_int_equal(json_integer_value(json_object_get(third, "startLine")), 1);
    assert_null(json_object_get(third, "startColumn"));
    json_decref(root);
    free(out);
    zl_findings_free(&f);
}

static void fingerprints_follow_keys_not_lines(void **state)
{
    (void)state;
    zl_findings a = {0}, b = {0};
    add(&a, "syntax-error", "db.example.com", 4, "syntax-error|x", "m");
    add(&a, "syntax-error", "db.example.com", 9, "syntax-error|x", "m");
    add(&a, "syntax-error", "db.example.org", 4, "syntax-error|x", "m");
    /* The same mistakes after lines were inserted above them. */
    add(&b, "syntax-error", "db.example.com", 14, "syntax-error|x", "m");
    add(&b, "syntax-error", "db.example.com", 19, "syntax-error|x", "m");
    add(&b, "syntax-error", "db.example.org", 40, "syntax-error|x", "m");
    char *oa = capture_sarif(&a), *ob = capture_sarif(&b);
    json_t *ra, *rb;
    json_t *xa = parse_and_check(oa, &ra), *xb = parse_and_check(ob, &rb);
    for (size_t i = 0; i < 3; i++)
        assert_string_equal(fingerprint(xa, i), fingerprint(xb, i));
    /* Two copies in one file, and one copy in another, stay apart. */
    assert_string_not_equal(fingerprint(xa, 0), fingerprint(xa, 1));
    assert_string_not_equal(fingerprint(xa, 0), fingerprint(xa, 2));
    json_decref(ra);
    json_decref(rb);
    free(oa);
    free(ob);
    zl_findings_free(&a);
    zl_findings_free(&b);
}

static void github_annotations_are_escaped(void **state)
{
    (void)state;
    zl_findings f = {0};
    add(&f, "syntax-error", "a,b:c.zone", 4, "k", "100% bad\nreally");
    add(&f, "ttl-mismatch", "db.x", 0, "k", "m");
    add(&f, "ses-record-removed", "db.x", 0, "k", "m");
    f.v[2].severity = ZL_SEV_NOTE;
    f.v[0].hint = zl_xstrdup("fix: it");
    char *out = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&out, &len);
    assert_true(zl_writer_github.write(m, &(zl_report){.fs = &f}));
    fclose(m);
    const char *hint = zl_rule_find("ttl-mismatch")->hint;
    char *want = zl_xasprintf(
        "::error file=a%%2Cb%%3Ac.zone,line=4,col=3,endColumn=9,title=syntax-error::"
        "100%%25 bad%%0Areally%%0Ahint: fix: it\n"
        "::warning file=db.x,title=ttl-mismatch::m%%0Ahint: %s\n"
        "::notice file=db.x,title=ses-record-removed::m%%0Ahint: %s\n",
        hint, zl_rule_find("ses-record-removed")->hint);
    assert_string_equal(out, want);
    free(want);
    free(out);
    zl_findings_free(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sarif_has_what_github_requires),
        cmocka_unit_test(fingerprints_follow_keys_not_lines),
        cmocka_unit_test(github_annotations_are_escaped),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
