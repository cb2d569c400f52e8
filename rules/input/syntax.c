/* syntax-error, and the other problems the readers find while reading: the
 * readers record diagnostics in the model, this check turns them into
 * findings of the rule each diagnostic names. */
#include <stdlib.h>

#include "lint/engine/lint.h"
#include "lint/engine/registry.h"
#include "rules/rules.h"

const zl_rule zl_rule_syntax_error = {
    .id = "syntax-error",
    .severity = ZL_SEV_ERROR,
    .summary = "text that cannot be read as a record or directive",
    .explanation =
        "The text cannot be read as a record: an unknown type or class, rdata that ldns "
        "rejects (an IPv4 address of 256.1.1.1, a 16-bit field of 70000), rdata longer than "
        "the 65,535 octets a record holds, an unterminated "
        "quoted string, an unbalanced parenthesis, a bad or unknown directive, an $INCLUDE "
        "that is missing or loops back to a file already being read. Name servers refuse "
        "to load a zone with such an error, or silently drop the record. zonelint reports "
        "the problem where it is and resumes at the next record, so every broken record "
        "is listed, not only the first.",
    .hint = "fix the record as the message says; zone files follow RFC 1035 section 5",
};

static zl_fix *fix_of(const zl_diag *d)
{
    if (!d->fix_text)
        return NULL;
    zl_fix *f = zl_fix_new(ZL_FIX_SAFE);
    zl_fix_replace(f, d->src, d->fix_off, d->fix_len, d->fix_text);
    return f;
}

static void run(zl_lint *l)
{
    zl_zoneset *zs = l->zs;
    for (size_t i = 0; i < zs->ndiags; i++) {
        zl_diag *d = &zs->diags[i];
        const zl_rule *rule = zl_rule_find(d->rule);
        if (!rule)
            rule = &zl_rule_syntax_error;
        char *hint = d->hint;
        d->hint = NULL;
        if (d->src == ZL_NONE)
            zl_report_file(l, rule, d->path, NULL, hint, "%s", d->message);
        else
            zl_report_span_fix(l, rule, d->src, d->off, d->len, NULL, NULL, hint, fix_of(d),
                               "%s", d->message);
    }
}

/* Readers also record format-specific findings of these rules (provider
 * exports: the readers of parser/exports/). */
static const zl_rule *const rules[] = {&zl_rule_syntax_error,       &zl_rule_input_refused,
                                       &zl_rule_value_quoting,
                                       &zl_rule_value_whitespace,   &zl_rule_duplicated_origin,
                                       &zl_rule_missing_trailing_dot, &zl_rule_txt_string_too_long,
                                       &zl_rule_out_of_zone,        NULL};
const zl_check zl_check_syntax = {.family = "syntax", .run = run, .rules = rules};
