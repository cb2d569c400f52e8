/* Static evaluation of Terraform expressions: references across files,
 * functions, count and for_each (and what they are if the resource is
 * created), positions of string bytes, and unknowns that keep what they
 * stand for. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parser/iac/tf_eval.h"
#include "lint/util/util.h"

static const char main_tf[] =
    "variable \"domain\" { default = \"Example.COM.\" }\n"
    "variable \"zone_id\" {}\n"
    "locals {\n"
    "  apex  = lower(trimsuffix(var.domain, \".\"))\n"
    "  names = [for n in [\"a\", \"b\", \"\"] : n if n != \"\"]\n"
    "  spf   = join(\" \", concat([\"v=spf1\"], [for i in local.includes : \"include:${i}\"], [\"-all\"]))\n"
    "  fmt   = format(\"%s.%s\", \"www\", local.apex)\n"
    "  cond  = length(local.names) > 1 ? \"many\" : \"one\"\n"
    "  tpl   = \"%{ for n in local.names }${n},%{ endfor }\"\n"
    "  esc   = \"a\\\"b\\u00e9$${x}\"\n"
    "  set   = join(\",\", toset([\"b\", \"a\", \"b\", \"c\", \"a\"]))\n"
    "  merged = merge({ x = \"1\", y = \"2\" }, { z = \"3\", x = \"4\" })\n"
    "  flush = <<-EOT\n      v=spf1\n\n        -all\n    EOT\n"
    "}\n"
    "resource \"aws_ses_domain_dkim\" \"d\" { domain = local.apex }\n"
    "resource \"aws_route53_record\" \"r\" {\n"
    "  count = 3\n"
    "  name  = \"${aws_ses_domain_dkim.d.dkim_tokens[count.index]}._domainkey\"\n"
    "}\n"
    "resource \"aws_route53_record\" \"e\" {\n"
    "  for_each = { x = \"1\", y = \"2\" }\n"
    "  name     = \"${each.key}-${each.value}\"\n"
    "}\n";

static const char other_tf[] = "locals { includes = [\"amazonses.com\", \"_spf.google.com\"] }\n";

typedef struct fixture {
    tf_module m;
} fixture;

static int setup(void **state)
{
    fixture *f = zl_xcalloc(1, sizeof *f);
    tf_module_init(&f->m);
    tf_module_add(&f->m, "main.tf", zl_xstrdup(main_tf), strlen(main_tf), false);
    tf_module_add(&f->m, "other.tf", zl_xstrdup(other_tf), strlen(other_tf), false);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    tf_module_free(&f->m);
    free(f);
    return 0;
}

static tf_val *module_local(tf_module *m, const char *name)
{
    tf_block *b = tf_find(m, TF_LOCAL, NULL, name, strlen(name));
    assert_non_null(b);
    return tf_eval(m, b->file, b->item->expr, NULL);
}

static tf_val *local(fixture *f, const char *name)
{
    return module_local(&f->m, name);
}

static void assert_str(const tf_val *v, const char *want)
{
    if (v->kind != TF_STRING)
        fail_msg("not a string (kind %d, %s) where %s was expected", v->kind,
                 v->s ? v->s : "", want);
    assert_int_equal(v->n, strlen(want));
    assert_memory_equal(v->s, want, v->n);
}

static void functions_and_references(void **state)
{
    fixture *f = *state;
    assert_str(local(f, "apex"), "example.com");
    tf_val *names = local(f, "names");
    assert_int_equal(names->kind, TF_LIST);
    assert_int_equal(names->nitems, 2);
    assert_str(local(f, "spf"), "v=spf1 include:amazonses.com include:_spf.google.com -all");
    assert_str(local(f, "fmt"), "www.example.com");
    assert_str(local(f, "cond"), "many");
    assert_str(local(f, "tpl"), "a,b,");
    assert_str(local(f, "esc"), "a\"b\xc3\xa9${x}");
    assert_str(local(f, "flush"), "v=spf1\n\n  -all\n");
    assert_str(local(f, "set"), "b,a,c"); /* the first of each, in order */
    tf_val *merged = local(f, "merged"); /* a key's first place, its last value */
    assert_int_equal(merged->kind, TF_OBJECT);
    assert_int_equal(merged->nitems, 3);
    const char *keys[] = {"x", "y", "z"}, *values[] = {"4", "2", "3"};
    for (size_t i = 0; i < 3; i++) {
        assert_string_equal(merged->keys[i], keys[i]);
        assert_str(merged->items[i], values[i]);
    }
}

static void positions_follow_the_bytes(void **state)
{
    fixture *f = *state;
    tf_val *fmt = local(f, "fmt");
    /* "www" comes from the format call's argument, ".example.com" partly
     * from the format string and from the variable's default. */
    const char *www = strstr(main_tf, "\"www\"") + 1;
    assert_int_equal(tf_val_at(fmt, 0).file, 0);
    assert_int_equal(tf_val_at(fmt, 0).off, www - main_tf);
    const char *dflt = strstr(main_tf, "Example.COM") + 1;
    assert_int_equal(tf_val_at(fmt, 5).off, dflt - main_tf); /* the x of example */
    tf_val *spf = local(f, "spf");
    assert_int_equal(tf_val_at(spf, strlen("v=spf1 include:")).file, 1); /* from other.tf */
}

/* csvdecode and jsondecode as Terraform decodes: Go's CSV (quotes doubled
 * inside quotes, \r\n as \n, empty lines skipped, a trailing empty field),
 * JSON objects in the order of their keys; text Terraform refuses is an
 * unknown and a note at the call. */
static const char decode_tf[] =
    "locals {\n"
    "  csv    = csvdecode(\"a,b\\n\\\"x,\\\"\\\"y\\\"\\\"\\\",\\r\\n\\n3,\\\"4\\r\\n5\\\"\\n\")\n"
    "  json   = jsondecode(\"{\\\"z\\\": [1, 2.5, true, null], \\\"a\\\": \\\"\\\\u00e9\\\"}\")\n"
    "  ragged = csvdecode(\"a,b\\n1\\n\")\n"
    "  bare   = csvdecode(\"a\\nx\\\"y\\n\")\n"
    "  twice  = csvdecode(\"a,a\\n1,2\\n\")\n"
    "  empty  = csvdecode(\"\")\n"
    "  broken = jsondecode(\"[1,\")\n"
    "  yaml   = yamldecode(\"b: y\\na: [\\\"yes\\\", 0x1F, 1_000, -2.5e1, ~, 2024-01-02, 1.2.3, +.Inf]\\n\")\n"
    "  merged = yamldecode(\"x: &k {a: 1}\\ny: {<<: *k}\\n\")\n"
    "  twodoc = yamldecode(\"a: 1\\n---\\nb: 2\\n\")\n"
    "}\n";

static void decoders(void **state)
{
    (void)state;
    tf_module m;
    tf_module_init(&m);
    tf_module_add(&m, "main.tf", zl_xstrdup(decode_tf), strlen(decode_tf), false);
    tf_val *csv = module_local(&m, "csv");
    assert_int_equal(csv->kind, TF_LIST);
    assert_int_equal(csv->nitems, 2);
    assert_string_equal(csv->items[0]->keys[0], "a");
    assert_str(csv->items[0]->items[0], "x,\"y\"");
    assert_str(csv->items[0]->items[1], "");
    assert_str(csv->items[1]->items[0], "3");
    assert_str(csv->items[1]->items[1], "4\n5");
    tf_val *json = module_local(&m, "json");
    assert_int_equal(json->kind, TF_OBJECT);
    assert_string_equal(json->keys[0], "a");
    assert_str(json->items[0], "\xc3\xa9");
    tf_val *z = json->items[1];
    assert_int_equal(z->kind, TF_LIST);
    assert_int_equal(z->nitems, 4);
    assert_true(z->items[1]->kind == TF_NUMBER && z->items[1]->num == 2.5);
    assert_int_equal(z->items[2]->kind, TF_BOOL);
    assert_int_equal(z->items[3]->kind, TF_NULL);
    tf_val *yaml = module_local(&m, "yaml");
    assert_int_equal(yaml->kind, TF_OBJECT);
    assert_string_equal(yaml->keys[0], "a");
    assert_true(yaml->items[1]->kind == TF_BOOL && yaml->items[1]->b); /* y: YAML 1.1 */
    tf_val *ya = yaml->items[0];
    assert_int_equal(ya->nitems, 8);
    assert_str(ya->items[0], "yes");
    assert_true(ya->items[1]->kind == TF_NUMBER && ya->items[1]->num == 31);
    assert_true(ya->items[2]->kind == TF_NUMBER && ya->items[2]->num == 1000);
    assert_true(ya->items[3]->kind == TF_NUMBER && ya->items[3]->num == -25);
    assert_int_equal(ya->items[4]->kind, TF_NULL);
    assert_int_equal(ya->items[5]->kind, TF_UNKNOWN); /* a date Terraform rewrites */
    assert_str(ya->items[6], "1.2.3");
    assert_int_equal(ya->items[7]->kind, TF_UNKNOWN); /* an infinity, however written */
    tf_val *merged = module_local(&m, "merged");
    assert_int_equal(merged->items[1]->kind, TF_UNKNOWN); /* a merge key: not read */
    assert_int_equal(m.nnotes, 0);
    const char *refused[] = {"ragged", "bare", "twice", "empty", "broken", "twodoc"};
    for (size_t i = 0; i < sizeof refused / sizeof *refused; i++) {
        assert_int_equal(module_local(&m, refused[i])->kind, TF_UNKNOWN);
        assert_int_equal(m.nnotes, i + 1);
        assert_string_equal(m.notes[i].rule, "syntax-error");
    }
    tf_module_free(&m);
}

static void unknowns_stay_symbolic(void **state)
{
    fixture *f = *state;
    tf_block *zone = tf_find(&f->m, TF_VARIABLE, NULL, "zone_id", 7);
    assert_non_null(zone);
    tf_block *r = tf_find(&f->m, TF_RESOURCE, "aws_route53_record", "r", 1);
    const tf_scope **scopes;
    size_t n;
    assert_true(tf_instances(&f->m, r, &scopes, &n));
    assert_int_equal(n, 3);
    const zl_hcl_item *name = zl_hcl_attr(r->item->body, "name");
    tf_val *v = tf_eval(&f->m, r->file, name->expr, scopes[2]);
    assert_int_equal(v->kind, TF_UNKNOWN);
    assert_string_equal(v->s, "${aws_ses_domain_dkim.d.dkim_tokens[2]}._domainkey");

    tf_block *e = tf_find(&f->m, TF_RESOURCE, "aws_route53_record", "e", 1);
    assert_true(tf_instances(&f->m, e, &scopes, &n));
    assert_int_equal(n, 2);
    assert_str(tf_eval(&f->m, e->file, zl_hcl_attr(e->item->body, "name")->expr, scopes[1]),
               "y-2");
}

static const char conditional_tf[] =
    "variable \"on\" {}\n"
    "variable \"also\" {}\n"
    "variable \"n\" {}\n"
    "locals {\n"
    "  nested = var.on ? (var.also ? 2 : 0) : 0\n"
    "  target = format(\"%s.dkim.amazonses.com\", aws_ses_domain_dkim.k[0].dkim_tokens[1])\n"
    "  tokens = length(aws_ses_domain_dkim.k[0].dkim_tokens)\n"
    "  all    = length(aws_ses_domain_dkim.k)\n"
    "}\n"
    "resource \"aws_ses_domain_dkim\" \"k\" {\n  count = var.on ? 1 : 0\n}\n"
    "resource \"r\" \"three_or_none\" {\n  count = var.on && var.also ? 3 : 0\n}\n"
    "resource \"r\" \"three_or_one\" {\n  count = var.on ? 3 : 1\n}\n"
    "resource \"r\" \"input\" {\n  count = var.n\n}\n"
    "resource \"r\" \"through_local\" {\n  count = local.nested\n}\n"
    "resource \"r\" \"set_or_none\" {\n  for_each = var.on ? toset([\"a\", \"b\"]) : []\n}\n"
    "resource \"r\" \"never\" {\n  count = var.on && false ? 3 : 0\n}\n";

/* The instances a resource has if it is created: *n, or -1 when unknown
 * even then; *conditional as tf_instances_if_created says. */
static long created(tf_module *m, const char *name, bool *conditional)
{
    tf_block *b = tf_find(m, TF_RESOURCE, "r", name, strlen(name));
    assert_non_null(b);
    const tf_scope **scopes;
    size_t n;
    return tf_instances_if_created(m, b, &scopes, &n, conditional) ? (long)n : -1;
}

static void conditions_on_the_unknown(void **state)
{
    (void)state;
    tf_module m;
    tf_module_init(&m);
    tf_module_add(&m, "main.tf", zl_xstrdup(conditional_tf), strlen(conditional_tf), false);
    bool conditional;
    const tf_scope **scopes;
    size_t n;
    tf_block *b = tf_find(&m, TF_RESOURCE, "r", "three_or_none", 13);
    assert_false(tf_instances(&m, b, &scopes, &n)); /* the number itself stays unknown */
    assert_int_equal(created(&m, "three_or_none", &conditional), 3);
    assert_true(conditional);
    assert_int_equal(created(&m, "three_or_one", &conditional), -1);
    assert_int_equal(created(&m, "input", &conditional), -1);
    assert_int_equal(created(&m, "through_local", &conditional), 2);
    assert_int_equal(created(&m, "set_or_none", &conditional), 2);
    assert_int_equal(created(&m, "never", &conditional), 0); /* false on either side decides */
    assert_false(conditional);

    /* An instance of a DKIM resource created under a condition: its three
     * tokens, symbolic; the resource's own number stays unknown. */
    tf_block *l = tf_find(&m, TF_LOCAL, NULL, "target", 6);
    tf_val *v = tf_eval(&m, l->file, l->item->expr, NULL);
    assert_int_equal(v->kind, TF_UNKNOWN);
    assert_string_equal(v->s, "${aws_ses_domain_dkim.k[0].dkim_tokens[1]}.dkim.amazonses.com");
    l = tf_find(&m, TF_LOCAL, NULL, "tokens", 6);
    v = tf_eval(&m, l->file, l->item->expr, NULL);
    assert_int_equal(v->kind, TF_NUMBER);
    assert_true(v->num == 3);
    l = tf_find(&m, TF_LOCAL, NULL, "all", 3);
    assert_int_equal(tf_eval(&m, l->file, l->item->expr, NULL)->kind, TF_UNKNOWN);
    tf_module_free(&m);
}

static void budgets_stop_blowups(void **state)
{
    (void)state;
    /* Each local doubles the last: 2^40 bytes if nothing stopped it. */
    zl_buf b = {0};
    zl_buf_adds(&b, "locals {\n  l0 = \"xx\"\n");
    for (int i = 1; i <= 40; i++)
        zl_buf_printf(&b, "  l%d = \"${local.l%d}${local.l%d}\"\n", i, i - 1, i - 1);
    zl_buf_adds(&b, "  loop = local.loop\n}\n");
    tf_module m;
    tf_module_init(&m);
    size_t len = b.len;
    tf_module_add(&m, "big.tf", zl_buf_take(&b), len, false);
    tf_block *l40 = tf_find(&m, TF_LOCAL, NULL, "l40", 3);
    assert_int_equal(tf_eval(&m, 0, l40->item->expr, NULL)->kind, TF_UNKNOWN);
    tf_block *loop = tf_find(&m, TF_LOCAL, NULL, "loop", 4);
    assert_int_equal(tf_eval(&m, 0, loop->item->expr, NULL)->kind, TF_UNKNOWN);
    tf_module_free(&m);
}

/* Into m, a file of locals: l, the list "k0" to "k{n - 1}", then more. */
static const char *add_listed(tf_module *m, int n, const char *more)
{
    zl_buf b = {0};
    zl_buf_adds(&b, "locals {\n  l = split(\",\", \"k0");
    for (int i = 1; i < n; i++)
        zl_buf_printf(&b, ",k%d", i);
    zl_buf_printf(&b, "\")\n%s}\n", more);
    size_t len = b.len;
    char *text = zl_buf_take(&b);
    tf_module_init(m);
    tf_module_add(m, "listed.tf", text, len, false);
    return text;
}

/* A module of 3,000 keys looked into 3,000 times: indexed, not searched
 * (each lookup was charged the keys it scanned, and such a module lost its
 * records to the step limit). */
static void lookups_are_indexed(void **state)
{
    (void)state;
    tf_module m;
    add_listed(&m, 3000,
               "  o = { for k in local.l : k => \"v-${k}\" }\n"
               "  all = [for k in local.l : local.o[k]]\n"
               "  dup = merge({ for k in local.l : k => 1 }, { k2999 = 2 })\n");
    tf_val *v = module_local(&m, "all");
    assert_false(tf_stopped(&m, TF_STOP_STEPS));
    assert_int_equal(v->kind, TF_LIST);
    assert_int_equal(v->nitems, 3000);
    assert_str(v->items[2999], "v-k2999");
    tf_val *o = module_local(&m, "dup");
    assert_int_equal(tf_key(&m, o, "k2999", tf_at(&m, 0, 0))->num, 2); /* the last value */
    assert_int_equal(tf_key(&m, o, "k0", tf_at(&m, 0, 0))->num, 1);
    assert_null(tf_key(&m, o, "k3000", tf_at(&m, 0, 0)));
    tf_module_free(&m);
}

/* Work no expression node stands for counts as steps: join() of 2,000
 * items 2,000 times is 4 million, over the limit, in 6,000 nodes; the
 * limit is noted where it was reached. */
static void walks_count_as_steps(void **state)
{
    (void)state;
    tf_module m;
    const char *text = add_listed(&m, 2000, "  all = [for k in local.l : join(\",\", local.l)]\n");
    const char *join = strstr(text, "join(");
    tf_val *v = module_local(&m, "all");
    assert_true(tf_stopped(&m, TF_STOP_STEPS));
    assert_int_equal(m.nstops, 1);
    assert_int_equal(m.stops[0].why, TF_STOP_STEPS);
    assert_int_equal(m.stops[0].at.off, join - text);
    assert_false(tf_known(v));
    tf_module_free(&m);
}

/* An index is charged as it is built, by the keys and their octets: a
 * fresh object of 16 keys of 2,000 octets looked into 64,000 times (each
 * made by merge() for 17 steps) hashes 2 GB of keys, and stops here at the
 * step limit. */
static void indexes_are_charged(void **state)
{
    (void)state;
    zl_buf more = {0};
    zl_buf_adds(&more, "  big = {\n");
    for (int i = 0; i < 16; i++) {
        zl_buf_printf(&more, "    \"k%d", i);
        for (int k = 0; k < 2000; k++)
            zl_buf_adds(&more, "x");
        zl_buf_printf(&more, "\" = %d\n", i);
    }
    zl_buf_adds(&more, "  }\n  all = [for a in local.l : [for b in local.l : [for c in local.l :"
                       " lookup(merge(local.big, {}), \"q\", 0)]]]\n");
    tf_module m;
    add_listed(&m, 40, more.data);
    free(more.data);
    assert_false(tf_known(module_local(&m, "all")));
    assert_true(tf_stopped(&m, TF_STOP_STEPS));
    tf_module_free(&m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(functions_and_references, setup, teardown),
        cmocka_unit_test_setup_teardown(positions_follow_the_bytes, setup, teardown),
        cmocka_unit_test_setup_teardown(unknowns_stay_symbolic, setup, teardown),
        cmocka_unit_test(decoders),
        cmocka_unit_test(conditions_on_the_unknown),
        cmocka_unit_test(budgets_stop_blowups),
        cmocka_unit_test(lookups_are_indexed),
        cmocka_unit_test(walks_count_as_steps),
        cmocka_unit_test(indexes_are_charged),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
