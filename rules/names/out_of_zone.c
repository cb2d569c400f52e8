/* out-of-zone: every owner of a zone lies at or below its apex; name servers
 * ignore the rest ("ignoring out-of-zone data"). */
#include "lint/engine/lint.h"
#include "rules/rules.h"

const zl_rule zl_rule_out_of_zone = {
    .id = "out-of-zone",
    .severity = ZL_SEV_ERROR,
    .summary = "an owner name outside the zone's origin",
    .explanation =
        "A zone holds the names at and below its apex. A record whose owner lies elsewhere "
        "(www.example.org. in the zone example.com., or a name under a $ORIGIN that leaves "
        "the zone) is dropped by the name server when it loads the zone, with at most a "
        "warning in its log. The record looks present in the file and is never served. "
        "In Terraform, the AWS provider and Cloudflare append the zone to a name that does "
        "not end with it: x._domainkey.search.gov in the digital.gov zone is created as "
        "x._domainkey.search.gov.digital.gov, reported at the name attribute.",
    .hint = "move the record to the zone that holds its name, or fix the name",
};

static void run(zl_lint *l)
{
    const zl_names *names = &l->zs->names;
    for (size_t k = 0; k < l->zs->nzones; k++) {
        const zl_zone *z = l->zs->zones[k];
        if (z->apex == ZL_NAME_NONE)
            continue;
        zl_buf apex = {0};
        zl_names_format(names, z->apex, &apex);
        for (size_t i = 0; i < z->nrecs; i++) {
            const zl_record *r = &z->recs[i];
            if (zl_names_is_below(names, r->owner, z->apex))
                continue;
            zl_buf owner = {0};
            zl_names_format(names, r->owner, &owner);
            unsigned tok = (r->flags & ZL_REC_OWNER_WRITTEN) ? 0 : zl_record_i_type(r);
            zl_report_tok(l, &zl_rule_out_of_zone, z, r, tok,
                          zl_xasprintf("move the record to the zone of %s, or fix the name",
                                       zl_buf_str(&owner)),
                          "owner %s is outside the zone %s", zl_buf_str(&owner),
                          zl_buf_str(&apex));
            zl_buf_free(&owner);
        }
        zl_buf_free(&apex);
    }
}

static const zl_rule *const rules[] = {&zl_rule_out_of_zone, NULL};
const zl_check zl_check_out_of_zone = {.family = "out-of-zone", .run = run, .rules = rules};
