/* occluded-by-delegation: NS records at a name below the apex cut the zone
 * there; the parent's servers answer for names at and below the cut with a
 * referral, so any other data there is never served (RFC 1034 4.2.1). Glue,
 * the addresses of the delegation's own name servers, is the exception. */
#include <ldns/ldns.h>
#include <stdio.h>
#include <stdlib.h>

#include "lint/engine/lint.h"
#include "lint/util/u32set.h"
#include "parser/master/rdata.h"
#include "rules/rules.h"

const zl_rule zl_rule_occluded_by_delegation = {
    .id = "occluded-by-delegation",
    .severity = ZL_SEV_ERROR,
    .summary = "a record at or below a delegation that is not glue: never served",
    .explanation =
        "NS records at a name other than the apex delegate that name, and everything below "
        "it, to other name servers. The parent zone's servers answer queries there with a "
        "referral, so any other record the parent holds at or below the cut (except DS, "
        "and glue addresses of the delegated name servers) is occluded: it sits in the file "
        "and nobody ever receives it. The classic SES case is a DKIM CNAME for "
        "mail.example.com written into example.com's zone while mail.example.com is "
        "delegated elsewhere: SES asks the child's servers and finds nothing.",
    .hint = "move the record into the delegated zone's own file",
};

/* Names that are targets of NS records in the zone: their addresses are glue. */
static zl_u32set ns_targets(const zl_zone *z)
{
    zl_u32set set = {0};
    for (size_t i = 0; i < z->nrecs; i++) {
        const zl_record *r = &z->recs[i];
        if (r->type != LDNS_RR_TYPE_NS || zl_record_nrdata(r) != 1 ||
            (r->flags & (ZL_REC_BAD_RDATA | ZL_REC_GENERIC)))
            continue;
        zl_name_id id = zl_record_name(z, r); /* interned when read: no lookup */
        if (id != ZL_NAME_NONE)
            zl_u32set_add(&set, id);
    }
    return set;
}

/* A DNAME beside the NS is dname-conflict's finding. */
static bool allowed_at_cut(uint16_t type)
{
    return type == LDNS_RR_TYPE_NS || type == LDNS_RR_TYPE_DS || type == LDNS_RR_TYPE_NSEC ||
           type == LDNS_RR_TYPE_RRSIG || type == LDNS_RR_TYPE_DNAME;
}

static bool is_address(uint16_t type)
{
    return type == LDNS_RR_TYPE_A || type == LDNS_RR_TYPE_AAAA;
}

/* A loaded zone whose apex is the cut: the record's real home. */
static const zl_zone *child_zone(const zl_lint *l, zl_name_id cut)
{
    uint32_t k = zl_lint_zone_at_apex(l, cut);
    return k == ZL_NONE ? NULL : l->zs->zones[k];
}

static uint32_t first_ns_line(zl_lint *l, const zl_zone *z, const zl_index *ix, zl_name_id cut)
{
    size_t b, e;
    zl_index_owner_range(ix, z, cut, &b, &e);
    for (size_t i = b; i < e; i++) {
        const zl_record *r = &z->recs[ix->order[i]];
        if (r->type == LDNS_RR_TYPE_NS)
            return zl_record_line(l->zs, z, r);
    }
    return 0;
}

/* One finding for the RRset whose first record in the file is r, of size
 * records, at or below cut: the cause is the RRset's place, not each record. */
static void report(zl_lint *l, const zl_zone *z, const zl_index *ix, const zl_record *r,
                   zl_name_id cut, size_t size)
{
    const zl_names *names = &l->zs->names;
    char tn[32], count[40] = "";
    if (size > 1)
        snprintf(count, sizeof count, " (%zu records)", size);
    zl_buf owner = {0}, c = {0};
    zl_names_format(names, r->owner, &owner);
    zl_names_format(names, cut, &c);
    const zl_zone *child = child_zone(l, cut);
    char *hint = child && child != z
                     ? zl_xasprintf("move it to %s, the zone file of %s", child->path,
                                    zl_buf_str(&c))
                     : zl_xasprintf("move it to the zone file of %s, on the name "
                                    "servers the NS records name",
                                    zl_buf_str(&c));
    unsigned tok = (r->flags & ZL_REC_OWNER_WRITTEN) ? 0 : zl_record_i_type(r);
    zl_report_tok(l, &zl_rule_occluded_by_delegation, z, r, tok, hint,
                  "%s %s%s is %s the delegation of %s (NS on line %u): the parent's "
                  "servers never answer with it",
                  zl_buf_str(&owner), zl_type_name(r->type, tn, sizeof tn), count,
                  r->owner == cut ? "at" : "below", zl_buf_str(&c), first_ns_line(l, z, ix, cut));
    zl_buf_free(&owner);
    zl_buf_free(&c);
}

/* The RRsets of one owner at or below cut (records [b, e) of the index)
 * that the parent should not hold, each reported at its first record. The
 * index holds an owner's records by type, in file order within a type, so
 * each RRset is one run of them. */
static void check_owner(zl_lint *l, const zl_zone *z, const zl_index *ix, const zl_u32set *glue,
                        size_t b, size_t e, zl_name_id cut)
{
    const zl_names *names = &l->zs->names;
    zl_name_id owner = z->recs[ix->order[b]].owner;
    bool at_cut_only = owner == cut && zl_index_cut_above(ix, names, z->apex, owner, true) ==
                                           ZL_NAME_NONE;
    for (size_t i = b, j; i < e; i = j) {
        const zl_record *first = &z->recs[ix->order[i]];
        for (j = i + 1; j < e && z->recs[ix->order[j]].type == first->type; j++)
            ;
        if (at_cut_only && allowed_at_cut(first->type))
            continue;
        if (is_address(first->type) && zl_u32set_has(glue, owner))
            continue;
        report(l, z, ix, first, cut, j - i);
    }
}

static void run(zl_lint *l)
{
    const zl_names *names = &l->zs->names;
    for (size_t k = 0; k < l->zs->nzones; k++) {
        const zl_zone *z = l->zs->zones[k];
        const zl_index *ix = zl_lint_index(l, k);
        if (!ix->ncuts)
            continue;
        zl_u32set glue = ns_targets(z);
        /* Owner by owner, as the index groups them: each is handled once
         * (a walk over the RRsets reported so far made a zone of many
         * occluded names quadratic). */
        size_t b = 0, e = 0;
        while (zl_index_next_owner(ix, z, &b, &e)) {
            zl_name_id cut = zl_index_cut_above(ix, names, z->apex,
                                                z->recs[ix->order[b]].owner, false);
            if (cut != ZL_NAME_NONE)
                check_owner(l, z, ix, &glue, b, e, cut);
        }
        zl_u32set_free(&glue);
    }
}

static const zl_rule *const rules[] = {&zl_rule_occluded_by_delegation, NULL};
const zl_check zl_check_delegation = {.family = "delegation", .run = run, .rules = rules};
