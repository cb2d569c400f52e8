/* soa-missing, soa-misplaced, ns-missing: a zone starts with one SOA at its
 * apex (RFC 1035 section 5.2) and names its servers with NS records there.
 * Only a file that is a whole zone must hold them (lint/model/scope.h). */
#include <ctype.h>
#include <ldns/ldns.h>
#include <stdlib.h>
#include <string.h>

#include "lint/engine/lint.h"
#include "lint/model/scope.h"
#include "parser/master/rdata.h"
#include "rules/rules.h"

const zl_rule zl_rule_soa_missing = {
    .id = "soa-missing",
    .severity = ZL_SEV_ERROR,
    .summary = "a file read as a whole zone has no SOA record",
    .explanation =
        "Every zone starts with an SOA record at its apex: it names the primary server and "
        "the contact, and carries the serial and timers secondaries and caches use (RFC 1035 "
        "section 5.2). BIND, NSD and Knot refuse to load a zone file without one. A file "
        "that another file loads with $INCLUDE is a fragment and needs none (lint the file "
        "that includes it, or both together); neither do provider exports and IaC sources, "
        "whose provider serves the SOA.",
    .hint = "add an SOA record at the apex as the first record",
};

const zl_rule zl_rule_soa_misplaced = {
    .id = "soa-misplaced",
    .severity = ZL_SEV_ERROR,
    .summary = "an SOA record at a name other than the apex, or a second SOA",
    .explanation =
        "A zone has exactly one SOA record, at its apex (RFC 1035 section 5.2, RFC 2181 "
        "section 6.1). An SOA further down the zone is not the start of a new zone: "
        "without NS records at that name in the parent nothing delegates to it, and name "
        "servers reject the file. Two different SOA records at the apex leave it open "
        "which serial and timers are served; BIND and Knot refuse the zone. (The same SOA "
        "twice, as a zone transfer prints it, is a duplicate record instead.)",
    .hint = "keep one SOA, at the apex",
};

const zl_rule zl_rule_ns_missing = {
    .id = "ns-missing",
    .severity = ZL_SEV_ERROR,
    .summary = "a file read as a whole zone has no NS records at its apex",
    .explanation =
        "The NS records at the apex name the zone's authoritative servers; they must match "
        "the delegation in the parent zone, and secondaries learn from them where to send "
        "NOTIFYs and whom to trust (RFC 1034 section 4.2.1). BIND refuses a zone without "
        "them, Knot reports it. Fragments that another file $INCLUDEs, provider exports and "
        "IaC sources (the provider serves the NS records) are not asked for them.",
    .hint = "add NS records at the apex naming the zone's name servers",
};

static void report_missing(zl_lint *l, const zl_zone *z, const zl_rule *rule, const char *what,
                           const char *example)
{
    zl_buf apex = {0};
    if (z->apex != ZL_NAME_NONE)
        zl_names_format(&l->zs->names, z->apex, &apex);
    else
        zl_buf_adds(&apex, "the zone");
    char *hint = zl_xasprintf("add at the apex, for example: %s", example);
    zl_report_file(l, rule, z->path, zl_buf_str(&apex), hint, "%s has no %s", zl_buf_str(&apex),
                   what);
    zl_buf_free(&apex);
}

/* Whether two records carry the same rdata (as DNS compares it). */
static bool same_rdata(zl_lint *l, const zl_zone *z, const zl_record *a, const zl_record *b)
{
    zl_buf x = {0}, y = {0};
    zl_tok ta[8], tb[8];
    unsigned na = zl_record_nrdata(a), nb = zl_record_nrdata(b);
    bool same = false;
    if (na <= 8 && nb <= 8) {
        for (unsigned i = 0; i < na; i++)
            ta[i] = zl_record_rdata(l->zs, z, a, i);
        for (unsigned i = 0; i < nb; i++)
            tb[i] = zl_record_rdata(l->zs, z, b, i);
        same = zl_rdata_canonical(&l->zs->names, zl_record_origin(z, a), a->type, ta, na, &x) &&
               zl_rdata_canonical(&l->zs->names, zl_record_origin(z, b), b->type, tb, nb, &y) &&
               x.len == y.len && memcmp(x.data, y.data, x.len) == 0;
    }
    zl_buf_free(&x);
    zl_buf_free(&y);
    return same;
}

static void check_zone(zl_lint *l, const zl_zone *z, bool unreadable)
{
    const zl_names *names = &l->zs->names;
    const zl_record *first_soa = NULL;
    bool any_soa = false, apex_ns = false, any_ns = false, soa_outside = false;
    for (size_t i = 0; i < z->nrecs; i++) {
        const zl_record *r = &z->recs[i];
        if (r->type == LDNS_RR_TYPE_NS) {
            any_ns = true;
            apex_ns = apex_ns || r->owner == z->apex;
        }
        if (r->type != LDNS_RR_TYPE_SOA)
            continue;
        any_soa = true;
        if (r->flags & ZL_REC_BAD_RDATA)
            continue; /* syntax-error's */
        if (z->apex == ZL_NAME_NONE || !zl_names_is_below(names, r->owner, z->apex)) {
            soa_outside = true; /* out-of-zone says so */
            continue;
        }
        unsigned tok = (r->flags & ZL_REC_OWNER_WRITTEN) ? 0 : zl_record_i_type(r);
        if (r->owner != z->apex) {
            zl_buf owner = {0}, apex = {0};
            zl_names_format(names, r->owner, &owner);
            zl_names_format(names, z->apex, &apex);
            zl_report_tok(l, &zl_rule_soa_misplaced, z, r, tok,
                          zl_xasprintf("an SOA belongs at the apex %s; a separate zone %s "
                                       "needs its own file and a delegation (NS) here",
                                       zl_buf_str(&apex), zl_buf_str(&owner)),
                          "SOA at %s, below the apex %s", zl_buf_str(&owner), zl_buf_str(&apex));
            zl_buf_free(&owner);
            zl_buf_free(&apex);
        } else if (!first_soa) {
            first_soa = r;
        } else if (!same_rdata(l, z, first_soa, r)) {
            zl_report_tok(l, &zl_rule_soa_misplaced, z, r, zl_record_i_type(r),
                          zl_xstrdup("keep one SOA at the apex: delete the one whose serial "
                                     "and timers are not meant"),
                          "second SOA at the apex (the first is on line %u)",
                          zl_record_line(l->zs, z, first_soa));
        }
    }
    if (!zl_scope_owns_apex(z) || unreadable)
        return;
    if (!any_soa)
        report_missing(l, z, &zl_rule_soa_missing, "SOA record",
                       "@ IN SOA ns1.example.net. hostmaster.example.net. 1 7200 3600 1209600 "
                       "3600");
    /* With the SOA outside the apex, the apex itself is in doubt. */
    if (!apex_ns && !soa_outside && !(z->apex == ZL_NAME_NONE && any_ns))
        report_missing(l, z, &zl_rule_ns_missing, "NS records at its apex",
                       "@ IN NS ns1.example.net.");
}

/* Whether the line of a diagnostic holds the word SOA: the SOA is there,
 * but could not be read. */
static bool on_soa_line(const zl_source *s, uint32_t off)
{
    size_t b = off < s->len ? off : s->len, e = b;
    while (b > 0 && s->text[b - 1] != '\n')
        b--;
    while (e < s->len && s->text[e] != '\n')
        e++;
    for (size_t i = b; i + 3 <= e; i++)
        if (zl_ascii_ieq(s->text + i, 3, "SOA") &&
            (i == b || !isalnum((unsigned char)s->text[i - 1])) &&
            (i + 3 == e || !isalnum((unsigned char)s->text[i + 3])))
            return true;
    return false;
}

static void run(zl_lint *l)
{
    /* A file of which no record could be read (binary, or another format),
     * or whose SOA is unreadable, is syntax-error's: the file is not a zone
     * without its apex records. (A file with an unreadable $INCLUDE is a
     * part: lint/model/scope.h.) */
    enum { DIAGNOSED = 1, SOA_UNREADABLE = 2 };
    uint8_t *diag = zl_xcalloc(l->zs->nzones + 1, 1);
    for (size_t i = 0; i < l->zs->ndiags; i++) {
        uint32_t src = l->zs->diags[i].src;
        if (src == ZL_NONE || l->zs->srcs[src]->zone >= l->zs->nzones)
            continue;
        const zl_source *s = l->zs->srcs[src];
        diag[s->zone] |= DIAGNOSED;
        if (on_soa_line(s, l->zs->diags[i].off))
            diag[s->zone] |= SOA_UNREADABLE;
    }
    for (size_t k = 0; k < l->zs->nzones; k++) {
        const zl_zone *z = l->zs->zones[k];
        if (z->scope != ZL_SCOPE_PART)
            check_zone(l, z, (diag[k] & SOA_UNREADABLE) || (diag[k] && z->nrecs == 0));
    }
    free(diag);
}

static const zl_rule *const rules[] = {&zl_rule_soa_missing, &zl_rule_soa_misplaced,
                                       &zl_rule_ns_missing, NULL};
const zl_check zl_check_apex = {.family = "apex", .run = run, .rules = rules};
