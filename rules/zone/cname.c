/* cname-and-other-data: a CNAME makes its owner an alias, so the owner may
 * hold nothing else (RFC 1034 section 3.6.2, RFC 2181 section 10.1), apart
 * from the DNSSEC records that sign it (RRSIG, NSEC; RFC 4035 2.5). */
#include <ldns/ldns.h>
#include <stdlib.h>

#include "lint/engine/lint.h"
#include "parser/master/rdata.h"
#include "rules/rules.h"

const zl_rule zl_rule_cname_and_other_data = {
    .id = "cname-and-other-data",
    .severity = ZL_SEV_ERROR,
    .summary = "a CNAME shares its owner with other records, or an owner has two CNAMEs",
    .explanation =
        "A CNAME says that its owner is another name: resolvers asked for any type at the "
        "owner follow the alias. Other data at the same owner contradicts that, so name "
        "servers refuse to load the zone or answer inconsistently (RFC 1034 section 3.6.2, "
        "RFC 2181 section 10.1). For SES this is typically a TXT left at "
        "TOKEN._domainkey beside the DKIM CNAME, or a second CNAME for the same selector. "
        "Only RRSIG and NSEC records may sit beside a CNAME.",
    .hint = "keep the CNAME alone at its owner: delete or move the other records",
};

static bool allowed_beside_cname(uint16_t type)
{
    return type == LDNS_RR_TYPE_CNAME || type == LDNS_RR_TYPE_RRSIG ||
           type == LDNS_RR_TYPE_NSEC;
}

/* Whether two CNAMEs point to the same target (then duplicate-record speaks). */
static bool same_target(zl_lint *l, const zl_zone *z, const zl_record *a, const zl_record *b)
{
    if (zl_record_nrdata(a) != 1 || zl_record_nrdata(b) != 1)
        return false;
    zl_tok ta = zl_record_rdata(l->zs, z, a, 0), tb = zl_record_rdata(l->zs, z, b, 0);
    zl_name_id x = zl_rdata_name_lookup(&l->zs->names, zl_record_origin(z, a), &ta, NULL);
    zl_name_id y = zl_rdata_name_lookup(&l->zs->names, zl_record_origin(z, b), &tb, NULL);
    return x != ZL_NAME_NONE && x == y;
}

static void check_owner(zl_lint *l, const zl_zone *z, const zl_index *ix, size_t b, size_t e)
{
    const zl_record *cname = NULL;
    for (size_t i = b; i < e; i++) {
        const zl_record *r = &z->recs[ix->order[i]];
        if (r->type != LDNS_RR_TYPE_CNAME)
            continue;
        if (!cname) {
            cname = r;
        } else if (!same_target(l, z, cname, r)) {
            zl_report_tok(l, &zl_rule_cname_and_other_data, z, r, zl_record_i_type(r),
                          zl_xstrdup("an owner can have only one CNAME: keep one target"),
                          "second CNAME at this owner (the first is on line %u)",
                          zl_record_line(l->zs, z, cname));
        }
    }
    if (!cname)
        return;
    zl_buf others = {0};
    unsigned count = 0;
    for (size_t i = b; i < e; i++) {
        const zl_record *r = &z->recs[ix->order[i]];
        if (allowed_beside_cname(r->type))
            continue;
        char tn[32];
        if (count++ < 4)
            zl_buf_printf(&others, "%s%s (line %u)", count > 1 ? ", " : "",
                          zl_type_name(r->type, tn, sizeof tn), zl_record_line(l->zs, z, r));
    }
    if (count > 4)
        zl_buf_printf(&others, " and %u more", count - 4);
    if (count) {
        zl_buf owner = {0};
        zl_names_format(&l->zs->names, cname->owner, &owner);
        zl_report_tok(l, &zl_rule_cname_and_other_data, z, cname, zl_record_i_type(cname),
                      zl_xstrdup("keep the CNAME alone at its owner: delete or move the "
                                 "other records"),
                      "CNAME at %s shares its owner with %s", zl_buf_str(&owner),
                      zl_buf_str(&others));
        zl_buf_free(&owner);
    }
    zl_buf_free(&others);
}

static void run(zl_lint *l)
{
    for (size_t k = 0; k < l->zs->nzones; k++) {
        const zl_zone *z = l->zs->zones[k];
        const zl_index *ix = zl_lint_index(l, k);
        size_t b = 0, e = 0;
        while (zl_index_next_owner(ix, z, &b, &e))
            if (e - b > 1)
                check_owner(l, z, ix, b, e);
    }
}

static const zl_rule *const rules[] = {&zl_rule_cname_and_other_data, NULL};
const zl_check zl_check_cname = {.family = "cname", .run = run, .rules = rules};
