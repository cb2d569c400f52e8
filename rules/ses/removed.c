/* ses-record-removed: with --diff, an SES record the base commit had that the
 * change removes or rewrites. lint/git/git.c compares the two versions before
 * the checks run (lint/git/removed.h); this check reports what it found, at the
 * record that replaced it, or on the file when nothing did. */
#include "lint/engine/lint.h"
#include "lint/git/removed.h"
#include "rules/rules.h"

const zl_rule zl_rule_ses_record_removed = {
    .id = "ses-record-removed",
    .severity = ZL_SEV_ERROR,
    .summary = "a change removes or alters an SES record the base commit had",
    .explanation =
        "Amazon SES keeps checking the DNS records it asked for after an identity is "
        "verified. When the Easy DKIM CNAMEs disappear, SES stops signing with DKIM and "
        "marks DKIM as failed; when the _amazonses verification TXT disappears, the domain "
        "can lose its verification; without the custom MAIL FROM MX and SPF records, mail "
        "falls back to the amazonses.com MAIL FROM domain. A zone edit that drops or "
        "rewrites one of them (a clean-up, a file deleted or renamed, a value retyped) "
        "breaks mail that worked. With --diff, zonelint compares the SES-shaped records of "
        "the base commit with the new versions of the changed files, by owner, type and "
        "value; a record that was already broken in the base commit does not count, nor "
        "does an SPF record with include:amazonses.com at a name without SES's MAIL FROM MX "
        "(the owner's own SPF). A removal made on purpose is not reported when the SES data "
        "given (--expect, .zonelint.json's ses) no longer lists the record for its identity, "
        "or when the new version of the file says so: ; zonelint-removed: NAME (the owner, "
        "relative or absolute; several may follow).",
    .hint = "restore the record as the base commit had it; if SES no longer uses it, say so "
            "in the file: ; zonelint-removed: NAME",
};

static void run(zl_lint *l)
{
    const zl_removed *rm = l->removed;
    for (size_t i = 0; rm && i < rm->n; i++) {
        const zl_removed_rec *x = &rm->v[i];
        if (!x->rec) {
            zl_report_file(l, &zl_rule_ses_record_removed, x->report_path, x->record,
                           zl_xasprintf("restore it: %s; if SES no longer uses it, say so "
                                        "in the file: zonelint-removed: %s",
                                        x->record, x->owner),
                           "%s removed since %s: %s:%u had %s", x->kind, rm->base, x->path,
                           x->line, x->record);
            continue;
        }
        /* Point at the value that replaced the old one. */
        zl_tok first = zl_record_rdata(l->zs, x->zone, x->rec, 0);
        uint32_t end = zl_record_end(x->zone, x->rec);
        zl_report_span(l, &zl_rule_ses_record_removed, zl_record_src(x->zone, x->rec),
                       first.off, end - first.off, x->zone, x->rec,
                       zl_xasprintf("restore the value: %s; if SES no longer uses it, say "
                                    "so in the file: zonelint-removed: %s",
                                    x->record, x->owner),
                       "%s changed since %s: %s:%u had %s", x->kind, rm->base, x->path,
                       x->line, x->record);
    }
}

static const zl_rule *const rules[] = {&zl_rule_ses_record_removed, NULL};
const zl_check zl_check_ses_removed = {.family = "ses-removed", .run = run, .rules = rules};
