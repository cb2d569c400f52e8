/* The HCL reader: every expression form as an S-expression of the tree,
 * bodies and blocks, positions, and recovery after errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parser/iac/hcl.h"
#include "lint/util/util.h"

static void dump(const char *t, const zl_hx *n, zl_buf *b)
{
    if (!n) {
        zl_buf_adds(b, "_");
        return;
    }
    static const char *const names[] = {
        "num", "bool", "null", "tpl", "lit", "if", "tfor", "tuple", "obj", "var", "attr",
        "idx", "splat", "anchor", "call", "for", "cond", "un", "bin", "paren", "error"};
    zl_buf_printf(b, "(%s", names[n->kind]);
    if (n->kind == ZL_HX_NUMBER)
        zl_buf_printf(b, " %g", n->num);
    if (n->kind == ZL_HX_BOOL)
        zl_buf_adds(b, n->num ? " true" : " false");
    if (n->kind == ZL_HX_LITERAL)
        zl_buf_printf(b, " '%.*s'", (int)(n->end - n->start), t + n->start);
    if (n->op)
        zl_buf_printf(b, " %c", n->op);
    if (n->nname)
        zl_buf_printf(b, " %.*s", (int)n->nname, n->name);
    if (n->nname2)
        zl_buf_printf(b, " %.*s", (int)n->nname2, n->name2);
    if (n->flags & ZL_HX_EXPAND)
        zl_buf_adds(b, " ...");
    if (n->flags & ZL_HX_GROUP)
        zl_buf_adds(b, " group");
    for (uint32_t i = 0; i < n->nkids; i++) {
        zl_buf_adds(b, " ");
        dump(t, n->kids[i], b);
    }
    zl_buf_adds(b, ")");
}

/* The value of attribute a in "a = EXPR\n", as an S-expression. */
static char *expr(const char *src)
{
    char *text = zl_xasprintf("a = %s\n", src);
    zl_hcl_file f;
    zl_hcl_parse(&f, text, strlen(text));
    zl_buf b = {0};
    if (f.ndiags)
        zl_buf_printf(&b, "error at %u: %s", f.diags[0].off, f.diags[0].message);
    else if (f.body->n != 1 || !f.body->items[0].expr)
        zl_buf_adds(&b, "no attribute");
    else
        dump(text, f.body->items[0].expr, &b);
    zl_hcl_free(&f);
    free(text);
    return zl_buf_take(&b);
}

#define assert_expr(src, want)                                                                \
    do {                                                                                      \
        char *got_ = expr(src);                                                               \
        assert_string_equal(got_, want);                                                      \
        free(got_);                                                                           \
    } while (0)

static void literals_and_operators(void **state)
{
    (void)state;
    assert_expr("42", "(num 42)");
    assert_expr("1.5e3", "(num 1500)");
    assert_expr("true", "(bool true)");
    assert_expr("null", "(null)");
    assert_expr("1 + 2 * 3", "(bin + (num 1) (bin * (num 2) (num 3)))");
    assert_expr("!a || b && c == d", "(bin | (un ! (var a)) (bin & (var b) (bin E (var c) (var d))))");
    assert_expr("-x >= 2", "(bin G (un - (var x)) (num 2))");
    assert_expr("a ? b : c ? d : e", "(cond (var a) (var b) (cond (var c) (var d) (var e)))");
    assert_expr("(1 + 2) * 3", "(bin * (paren (bin + (num 1) (num 2))) (num 3))");
}

static void traversals_and_splats(void **state)
{
    (void)state;
    assert_expr("aws_route53_zone.main.zone_id",
                "(attr zone_id (attr main (var aws_route53_zone)))");
    assert_expr("x.list[count.index]", "(idx (attr list (var x)) (attr index (var count)))");
    assert_expr("x.list.0", "(idx (attr list (var x)) (num 0))");
    assert_expr("x[*].id", "(splat (var x) (attr id (anchor)))");
    assert_expr("x.*.id", "(splat (var x) (attr id (anchor)))");
    assert_expr("x[*].a[0]", "(splat (var x) (idx (attr a (anchor)) (num 0)))");
    assert_expr("x.*.a[0]", "(idx (splat (var x) (attr a (anchor))) (num 0))");
}

static void calls(void **state)
{
    (void)state;
    assert_expr("format(\"%s.%s\", a, b)", "(call format (tpl (lit '%s.%s')) (var a) (var b))");
    assert_expr("join(\",\", [\n  a,\n  b,\n])", "(call join (tpl (lit ',')) (tuple (var a) (var b)))");
    assert_expr("max(xs...)", "(call max ... (var xs))");
    assert_expr("provider::aws::arn_parse(x)", "(call provider::aws::arn_parse (var x))");
    assert_expr("f()", "(call f)");
}

static void collections_and_for(void **state)
{
    (void)state;
    assert_expr("[]", "(tuple)");
    assert_expr("{ a = 1, \"b\" : 2\n c = 3 }",
                "(obj (var a) (num 1) (tpl (lit 'b')) (num 2) (var c) (num 3))");
    assert_expr("[for s in var.l : upper(s) if s != \"\"]",
                "(for s (attr l (var var)) _ (call upper (var s)) (bin N (var s) (tpl)))");
    assert_expr("{for k, v in m : v => k...}", "(for k v group (var m) (var v) (var k) _)");
    assert_expr("[for i, t in toset(x) : t]", "(for i t (call toset (var x)) _ (var t) _)");
}

static void templates(void **state)
{
    (void)state;
    assert_expr("\"${a}._domainkey.${b}\"", "(tpl (var a) (lit '._domainkey.') (var b))");
    assert_expr("\"a\\\"b\\n\"", "(tpl (lit 'a\\\"b\\n'))");
    assert_expr("\"$${x} %%{y}\"", "(tpl (lit '$${x} %%{y}'))");
    assert_expr("\"x ${~ a ~} y\"", "(tpl (lit 'x') (var a) (lit 'y'))");
    assert_expr("\"%{if a}yes%{else}no%{endif}\"",
                "(tpl (if (var a) (tpl (lit 'yes')) (tpl (lit 'no'))))");
    assert_expr("\"%{for x in xs}${x},%{endfor}\"",
                "(tpl (tfor x (var xs) (tpl (var x) (lit ','))))");
    assert_expr("\"${ {a = \"}\"}.a }\"", "(tpl (attr a (obj (var a) (tpl (lit '}')))))");
    assert_expr("<<EOT\nv=spf1 ${x}\n  -all\nEOT",
                "(tpl (lit 'v=spf1 ') (var x) (lit '\n  -all\n'))");
    assert_expr("<<-EOT\n    a\n    EOT", "(tpl (lit '    a\n'))");
}

static zl_hcl_file parse(const char *text)
{
    zl_hcl_file f;
    zl_hcl_parse(&f, text, strlen(text));
    return f;
}

static void blocks_labels_and_positions(void **state)
{
    (void)state;
    const char *text = "# comment\n"
                       "resource \"aws_route53_record\" \"dkim\" {\n"
                       "  count   = 3 // three\n"
                       "  name    = \"x\"\n"
                       "  /* a\n block */ alias {\n    name = y\n  }\n"
                       "}\n"
                       "locals { a = 1 }\n";
    zl_hcl_file f = parse(text);
    assert_int_equal(f.ndiags, 0);
    assert_int_equal(f.body->n, 2);
    const zl_hcl_item *r = &f.body->items[0];
    assert_true(zl_text_eq(r->name, r->nname, "resource"));
    assert_int_equal(r->nlabels, 2);
    assert_true(zl_text_eq(r->labels[0].p, r->labels[0].n, "aws_route53_record"));
    assert_true(zl_text_eq(r->labels[1].p, r->labels[1].n, "dkim"));
    assert_int_equal(r->body->n, 3);
    const zl_hcl_item *name = zl_hcl_attr(r->body, "name");
    assert_non_null(name);
    assert_int_equal(name->expr->start, strstr(text, "\"x\"") - text);
    assert_int_equal(name->expr->end, strstr(text, "\"x\"") - text + 3);
    assert_null(zl_hcl_attr(r->body, "alias"));
    assert_non_null(r->body->items[2].body);
    assert_non_null(zl_hcl_attr(f.body->items[1].body, "a"));
    zl_hcl_free(&f);
}

static void errors_resume_at_the_next_item(void **state)
{
    (void)state;
    const char *text = "resource \"a\" \"b\" {\n"
                       "  x = [1, 2\n"
                       "  y = 3 +\n"
                       "  z = \"ok\"\n"
                       "}\n"
                       "oops here\n"
                       "resource \"c\" \"d\" {\n"
                       "  w = \"never closed\n"
                       "}\n"
                       "locals { v = 1 }\n";
    zl_hcl_file f = parse(text);
    assert_int_equal(f.ndiags, 4);
    assert_int_equal(f.diags[0].off, strstr(text, "  y") - text + 2);
    assert_int_equal(f.diags[1].off, strstr(text, "  z") - text - 1);
    assert_int_equal(f.diags[2].off, strstr(text, "here") - text + 4);
    assert_int_equal(f.diags[3].off, strstr(text, "\"never") - text);
    assert_int_equal(f.body->n, 3);
    assert_non_null(zl_hcl_attr(f.body->items[0].body, "z"));
    assert_non_null(zl_hcl_attr(f.body->items[2].body, "v"));
    zl_hcl_free(&f);
}

static void unclosed_things(void **state)
{
    (void)state;
    static const char *const broken[] = {
        "a = {\n", "b {\n c = 1\n", "a = <<EOF\nx\n", "a = \"${x\"\n", "/* open", "a = \"%{if x}\"\n",
        "a = \"%{endif}\"\n", "a = x.\n", "a = [for x in y]\n", "\"a\" = 1\n", "a b = 1\n",
        "a = f(1 2)\n", "a = 1 b\n",
    };
    for (size_t i = 0; i < sizeof broken / sizeof broken[0]; i++) {
        zl_hcl_file f = parse(broken[i]);
        if (f.ndiags == 0)
            fail_msg("no diagnostic for %s", broken[i]);
        zl_hcl_free(&f);
    }
    char deep[4096];
    memset(deep, '[', sizeof deep - 1);
    deep[0] = 'a', deep[1] = '=';
    deep[sizeof deep - 1] = '\0';
    zl_hcl_file f = parse(deep);
    assert_true(f.ndiags >= 1);
    zl_hcl_free(&f);
}

static void json_syntax(void **state)
{
    (void)state;
    const char *text = "{\"resource\": {\"aws_route53_record\": {\"www\": [{\n"
                       "  \"name\": \"${var.sub}.example.com\", \"ttl\": 300,\n"
                       "  \"alias\": {\"name\": \"x\"}, \"//\": \"a comment\"}]}},\n"
                       " \"locals\": {\"l\": [true, null, {\"k\": \"v\"}]}}";
    zl_hcl_file f;
    zl_hcl_parse_json(&f, text, strlen(text));
    assert_int_equal(f.ndiags, 0);
    assert_int_equal(f.body->n, 2);
    const zl_hcl_item *r = &f.body->items[0];
    assert_true(zl_text_eq(r->name, r->nname, "resource"));
    assert_int_equal(r->nlabels, 2);
    assert_true(zl_text_eq(r->labels[1].p, r->labels[1].n, "www"));
    assert_int_equal(r->body->n, 3);
    zl_buf b = {0};
    dump(text, zl_hcl_attr(r->body, "name")->expr, &b);
    assert_string_equal(zl_buf_str(&b), "(tpl (attr sub (var var)) (lit '.example.com'))");
    zl_buf_reset(&b);
    assert_non_null(r->body->items[2].body); /* alias: a nested block */
    dump(text, zl_hcl_attr(f.body->items[1].body, "l")->expr, &b);
    assert_string_equal(zl_buf_str(&b), "(tuple (bool true) (null) (obj (tpl (lit 'k')) (tpl (lit 'v'))))");
    zl_buf_free(&b);
    zl_hcl_free(&f);

    zl_hcl_parse_json(&f, "{\"resource\": [1,", 16);
    assert_int_equal(f.ndiags, 1);
    zl_hcl_free(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(literals_and_operators),
        cmocka_unit_test(traversals_and_splats),
        cmocka_unit_test(calls),
        cmocka_unit_test(collections_and_for),
        cmocka_unit_test(templates),
        cmocka_unit_test(blocks_labels_and_positions),
        cmocka_unit_test(errors_resume_at_the_next_item),
        cmocka_unit_test(unclosed_things),
        cmocka_unit_test(json_syntax),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
