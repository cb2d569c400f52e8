/* Names written relative that were meant to be absolute, and names that
 * carry the zone apex twice. Both are decided on the text as written: once
 * the origin is appended the evidence is gone. */
#include <ldns/ldns.h>
#include <stdlib.h>
#include <string.h>

#include "rules/names/names.h"

#include "lint/model/tld.h"
#include "parser/master/name_text.h"
#include "parser/master/rdata.h"
#include "rules/rules.h"

const zl_rule zl_rule_missing_trailing_dot = {
    .id = "missing-trailing-dot",
    .severity = ZL_SEV_ERROR,
    .summary = "a name meant to be absolute has no final dot, so the origin was appended",
    .explanation =
        "In a zone file a name without a final dot is relative: the origin is appended to "
        "it. A name such as tok._domainkey.example.com written without the dot in the zone "
        "example.com. is therefore read as tok._domainkey.example.com.example.com., and a "
        "CNAME target tok.dkim.amazonses.com becomes tok.dkim.amazonses.com.example.com. "
        "Nothing warns: the zone loads, and the record simply is not where it was meant to "
        "be (SES then waits for its DKIM records for 72 hours and gives up). zonelint flags "
        "a relative owner or rdata name whose text already ends with the origin or the zone "
        "apex, and a relative target of a CNAME, MX, NS, SRV, PTR or DNAME record that ends "
        "in a top-level domain and does not exist in the zone.",
    .hint = "end the name with a dot, or write only the part below the origin",
};

const zl_rule zl_rule_duplicated_origin = {
    .id = "duplicated-origin",
    .severity = ZL_SEV_ERROR,
    .summary = "an absolute name ends with the zone apex twice",
    .explanation =
        "A name such as tok._domainkey.example.com.example.com. carries the zone apex "
        "twice. DNS provider interfaces that treat every name as relative produce it when "
        "the full name is pasted into their host field, and exports of such zones show it "
        "written out. The record exists, but under a name nobody queries.",
    .hint = "remove the repeated apex from the name",
};

/* Record types whose targets are host or domain names a user types in full. */
static bool is_target_type(uint16_t type)
{
    switch (type) {
    case LDNS_RR_TYPE_CNAME:
    case LDNS_RR_TYPE_MX:
    case LDNS_RR_TYPE_NS:
    case LDNS_RR_TYPE_SRV:
    case LDNS_RR_TYPE_PTR:
    case LDNS_RR_TYPE_DNAME:
        return true;
    default:
        return false;
    }
}

/* True when the name exists in some loaded zone, or lies below a delegation
 * of one: a relative reference to it is then most likely meant. */
static bool known_name(zl_lint *l, zl_name_id id)
{
    if (zl_lint_name_exists(l, id))
        return true;
    for (size_t k = 0; k < l->zs->nzones; k++) {
        const zl_zone *z = l->zs->zones[k];
        if (z->apex != ZL_NAME_NONE && zl_names_is_below(&l->zs->names, id, z->apex) &&
            zl_index_cut_above(zl_lint_index(l, k), &l->zs->names, z->apex, id, false) !=
                ZL_NAME_NONE)
            return true;
    }
    return false;
}

/* The last label of a relative name's text (escapes left as written). */
static bool last_label_is_tld(const zl_tok *t, unsigned *labels)
{
    size_t n;
    const char *p = zl_tok_inner(t, &n);
    size_t start = 0;
    unsigned count = 1;
    for (size_t i = 0; i < n; i++) {
        if (p[i] == '\\') {
            i++;
            continue;
        }
        if (p[i] == '.') {
            start = i + 1;
            count++;
        }
    }
    *labels = count;
    return zl_is_tld(p + start, n - start);
}

static void report_relative(zl_lint *l, const zl_zone *z, const zl_record *r, unsigned tok,
                            zl_name_id read_as, const char *what)
{
    zl_tok t = zl_record_tok(l->zs, z, r, tok);
    zl_buf as = {0};
    zl_names_format(&l->zs->names, read_as, &as);
    char *hint = zl_xasprintf("add a final dot: %.*s.", (int)t.len, t.p);
    /* The text ends with the origin, the apex or a top-level domain: the
     * name it was meant to be is certain. */
    zl_fix *fix = NULL;
    if (t.p[t.len - 1] != '\\') {
        fix = zl_fix_new(ZL_FIX_SAFE);
        zl_fix_replace(fix, zl_record_src(z, r), t.off + t.len, 0, ".");
    }
    zl_report_tok_fix(l, &zl_rule_missing_trailing_dot, z, r, tok, hint, fix,
                      "%s \"%.*s\" has no final dot, so it is read as %s", what, (int)t.len,
                      t.p, zl_buf_str(&as));
    zl_buf_free(&as);
}

/* A relative name whose text ends with the origin's or the apex's labels. */
static bool repeats_origin(const zl_names *names, zl_name_id name, zl_name_id origin,
                           zl_name_id apex)
{
    return zl_names_repeats(names, name, origin, origin) ||
           (apex != ZL_NAME_NONE && apex != origin && zl_names_is_below(names, origin, apex) &&
            zl_names_repeats(names, name, origin, apex));
}

static void report_twice(zl_lint *l, const zl_zone *z, const zl_record *r, unsigned tok,
                         zl_name_id name, const char *what)
{
    const zl_names *names = &l->zs->names;
    zl_tok t = zl_record_tok(l->zs, z, r, tok);
    zl_buf full = {0}, a = {0};
    zl_names_format(names, name, &full);
    zl_names_format(names, z->apex, &a);
    /* Labels are escaped one by one, so cutting the text cuts the labels. */
    char *hint = zl_xasprintf("remove the repeated %s: %.*s", zl_buf_str(&a),
                              (int)(full.len - a.len), full.data);
    /* The first of the two copies goes, with its dot; only when the text
     * spells both out as the apex does (no escapes). */
    zl_fix *fix = NULL;
    size_t al = a.len;
    if (t.len >= 2 * al && t.p[t.len - 1] == '.' &&
        (t.len == 2 * al || t.p[t.len - 2 * al - 1] == '.') &&
        zl_ascii_ieq(t.p + t.len - 2 * al, al, a.data) &&
        zl_ascii_ieq(t.p + t.len - al, al, a.data)) {
        fix = zl_fix_new(ZL_FIX_SAFE);
        zl_fix_replace(fix, zl_record_src(z, r), t.off + (uint32_t)(t.len - 2 * al),
                       (uint32_t)al, "");
    }
    zl_report_tok_fix(l, &zl_rule_duplicated_origin, z, r, tok, hint, fix,
                      "%s \"%.*s\" ends with the zone apex %s twice", what, (int)t.len, t.p,
                      zl_buf_str(&a));
    zl_buf_free(&full);
    zl_buf_free(&a);
}

zl_name_fault zl_owner_fault(const zl_zoneset *zs, const zl_zone *z, const zl_record *r)
{
    if (!(r->flags & ZL_REC_OWNER_WRITTEN) || (r->flags & ZL_REC_OWNER_AT))
        return ZL_FAULT_NONE;
    const zl_names *names = &zs->names;
    if (!r->owner_absolute) {
        zl_name_id origin = zl_record_origin(z, r);
        return origin != ZL_NAME_NONE && repeats_origin(names, r->owner, origin, z->apex)
                   ? ZL_FAULT_NO_FINAL_DOT
                   : ZL_FAULT_NONE;
    }
    return z->apex != ZL_NAME_NONE && z->apex != ZL_NAME_ROOT &&
                   zl_names_repeats(names, r->owner, z->apex, z->apex)
               ? ZL_FAULT_APEX_TWICE
               : ZL_FAULT_NONE;
}

/* Field i is the record's first name field (the one zl_record_name holds). */
static bool first_name_field(uint16_t type, unsigned i)
{
    for (unsigned k = 0; k < i; k++)
        if (zl_rdata_field_is_name(type, k))
            return false;
    return true;
}

zl_name_fault zl_rdata_fault(zl_lint *l, const zl_zone *z, const zl_record *r, unsigned i,
                             zl_name_id *read_as)
{
    if (r->flags & (ZL_REC_BAD_RDATA | ZL_REC_GENERIC) || r->type == LDNS_RR_TYPE_HIP ||
        !zl_rdata_field_is_name(r->type, i))
        return ZL_FAULT_NONE;
    const zl_names *names = &l->zs->names;
    zl_tok t = zl_record_rdata(l->zs, z, r, i);
    if (t.quoted || (t.len == 1 && t.p[0] == '@'))
        return ZL_FAULT_NONE;
    bool absolute;
    zl_name_id origin = zl_record_origin(z, r), id;
    if (first_name_field(r->type, i)) {
        /* Interned when the record was read: no second lookup. */
        size_t n;
        const char *in = zl_tok_inner(&t, &n);
        id = zl_record_name(z, r);
        absolute = zl_name_text_absolute(in, n);
    } else {
        id = zl_rdata_name_lookup(names, origin, &t, &absolute);
    }
    *read_as = id;
    if (id == ZL_NAME_NONE)
        return ZL_FAULT_NONE;
    if (absolute)
        return z->apex != ZL_NAME_NONE && z->apex != ZL_NAME_ROOT &&
                       zl_names_repeats(names, id, z->apex, z->apex)
                   ? ZL_FAULT_APEX_TWICE
                   : ZL_FAULT_NONE;
    if (repeats_origin(names, id, origin, z->apex))
        return ZL_FAULT_NO_FINAL_DOT;
    /* Below the root origin a relative name is the absolute one. */
    unsigned labels;
    if (origin != ZL_NAME_ROOT && is_target_type(r->type) && last_label_is_tld(&t, &labels) &&
        labels >= 2 && !known_name(l, id))
        return ZL_FAULT_TARGET_NO_DOT;
    return ZL_FAULT_NONE;
}

static void check_owner(zl_lint *l, const zl_zone *z, const zl_record *r)
{
    zl_name_fault f = zl_owner_fault(l->zs, z, r);
    if (f == ZL_FAULT_NO_FINAL_DOT)
        report_relative(l, z, r, 0, r->owner, "owner");
    else if (f == ZL_FAULT_APEX_TWICE)
        report_twice(l, z, r, 0, r->owner, "owner");
}

static void check_rdata(zl_lint *l, const zl_zone *z, const zl_record *r)
{
    if (!zl_type_has_names(r->type))
        return;
    for (unsigned i = 0; i < zl_record_nrdata(r); i++) {
        zl_name_id id;
        zl_name_fault f = zl_rdata_fault(l, z, r, i, &id);
        if (f == ZL_FAULT_APEX_TWICE)
            report_twice(l, z, r, zl_record_rd(r) + i, id, "name");
        else if (f != ZL_FAULT_NONE)
            report_relative(l, z, r, zl_record_rd(r) + i, id,
                            f == ZL_FAULT_NO_FINAL_DOT ? "name" : "target");
    }
}

static void run(zl_lint *l)
{
    for (size_t k = 0; k < l->zs->nzones; k++) {
        const zl_zone *z = l->zs->zones[k];
        size_t seg = 0;
        for (size_t i = 0; i < z->nrecs; i++) {
            zl_record_prefetch(l->zs, z, &seg, i, 0);
            check_owner(l, z, &z->recs[i]);
            check_rdata(l, z, &z->recs[i]);
        }
    }
}

static const zl_rule *const rules[] = {&zl_rule_missing_trailing_dot, &zl_rule_duplicated_origin,
                                       NULL};
const zl_check zl_check_names = {.family = "names", .run = run, .rules = rules};
