/* glue-missing: a name server whose name lies inside the zone can only be
 * reached through the addresses the zone itself holds for it: glue below a
 * delegation (RFC 1034 section 4.2.1, RFC 9471), the server's own A or AAAA
 * records elsewhere in the zone. Names outside the zone resolve on their own,
 * and so do names below another delegation (sibling glue is optional). */
#include <ldns/ldns.h>
#include <stdlib.h>

#include "lint/engine/lint.h"
#include "lint/util/u32set.h"
#include "lint/model/scope.h"
#include "parser/master/rdata.h"
#include "rules/rules.h"
#include "rules/zone/zone.h"

const zl_rule zl_rule_glue_missing = {
    .id = "glue-missing",
    .severity = ZL_SEV_ERROR,
    .summary = "a name server inside the zone has no A or AAAA record in it",
    .explanation =
        "When NS records name a server inside the zone (ns1.sub.example.com. for the "
        "delegation of sub.example.com., or ns1.example.com. for the zone itself), a "
        "resolver can find that server's address only in this zone: below a delegation as "
        "glue, which the parent sends with its referral (RFC 9471), elsewhere as the "
        "server's own A or AAAA records. Without them the delegation cannot be followed "
        "and the names below it fail to resolve. BIND and Knot report the missing address. "
        "A name server outside the zone needs nothing here, nor one below another "
        "delegation: resolvers reach it through that delegation (its sibling glue is "
        "optional).",
    .hint = "add the server's A (and AAAA) records to the zone",
};

typedef struct ns_server {
    uint32_t rec; /* the NS record */
    zl_name_id name;
} ns_server;

typedef struct sets {
    uint8_t *need;      /* bit per name id: a server named inside the zone */
    zl_u32set have;     /* ... that own an A or AAAA record */
    zl_u32set alias;    /* ... that own a CNAME: target-is-alias reports them */
    zl_u32set wild;     /* wildcard owners with an A or AAAA record */
    zl_u32set dnames;   /* DNAME owners */
} sets;

static bool is_wildcard(const zl_names *names, zl_name_id id)
{
    size_t len;
    const uint8_t *label = zl_names_label(names, id, &len);
    return len == 1 && label[0] == '*';
}

static bool below_dname(const zl_names *names, const sets *s, zl_name_id name, zl_name_id apex)
{
    if (!s->dnames.n)
        return false;
    for (zl_name_id a = zl_names_parent(names, name); a != ZL_NAME_NONE;
         a = zl_names_parent(names, a)) {
        if (zl_u32set_has(&s->dnames, a))
            return true;
        if (a == apex)
            break;
    }
    return false;
}

/* An address record for a missing name from a wildcard at its closest
 * existing ancestor (RFC 4592). */
static bool wildcard_address(zl_lint *l, const sets *s, zl_name_id name, zl_name_id apex)
{
    if (!s->wild.n || zl_lint_name_exists(l, name))
        return false;
    zl_name_id star = zl_wildcard_for(l, name, apex);
    return star != ZL_NAME_NONE && zl_u32set_has(&s->wild, star);
}

static void report(zl_lint *l, const zl_zone *z, const zl_record *ns, zl_name_id server)
{
    const zl_names *names = &l->zs->names;
    zl_buf sv = {0}, owner = {0};
    zl_names_format(names, server, &sv);
    zl_names_format(names, ns->owner, &owner);
    char *hint = zl_xasprintf("add the server's address to the zone: %s IN A <its IPv4 "
                              "address> (and AAAA for IPv6)",
                              zl_buf_str(&sv));
    unsigned tok = zl_record_rd(ns);
    if (ns->owner == z->apex)
        zl_report_tok(l, &zl_rule_glue_missing, z, ns, tok, hint,
                      "name server %s of the zone lies inside it but has no A or AAAA record "
                      "here",
                      zl_buf_str(&sv));
    else if (zl_names_is_below(names, server, ns->owner))
        zl_report_tok(l, &zl_rule_glue_missing, z, ns, tok, hint,
                      "%s is delegated to %s, inside the delegated zone, but there is no glue "
                      "(A or AAAA) for it: the delegation cannot be followed",
                      zl_buf_str(&owner), zl_buf_str(&sv));
    else
        zl_report_tok(l, &zl_rule_glue_missing, z, ns, tok, hint,
                      "%s is delegated to %s, a name in this zone without an A or AAAA record",
                      zl_buf_str(&owner), zl_buf_str(&sv));
    zl_buf_free(&sv);
    zl_buf_free(&owner);
}

/* A server below another delegation than the one it serves (sibling glue)
 * is reached through that delegation: its glue is optional (RFC 9471). */
static bool sibling(const zl_names *names, const zl_index *ix, const zl_zone *z,
                    const zl_record *ns, zl_name_id server)
{
    zl_name_id cut = zl_index_cut_above(ix, names, z->apex, server, false);
    return cut != ZL_NAME_NONE && cut != ns->owner;
}

/* NS records below another delegation or a DNAME are never served: the
 * delegation and DNAME rules report them. */
static bool hidden(const zl_names *names, const zl_index *ix, const sets *s, const zl_zone *z,
                   const zl_record *ns)
{
    return zl_index_cut_above(ix, names, z->apex, ns->owner, true) != ZL_NAME_NONE ||
           zl_u32set_has(&s->dnames, ns->owner) || below_dname(names, s, ns->owner, z->apex);
}

static bool needed(const sets *s, zl_name_id id)
{
    return s->need[id / 8] & (1u << (id % 8));
}

/* need is all clear on entry, and left so. */
static void check_zone(zl_lint *l, const zl_zone *z, const zl_index *ix, uint8_t *need)
{
    const zl_names *names = &l->zs->names;
    ns_server *v = NULL;
    size_t n = 0, cap = 0;
    sets s = {.need = need};
    size_t seg = 0;
    for (size_t i = 0; i < z->nrecs; i++) {
        const zl_record *r = &z->recs[i];
        zl_record_prefetch(l->zs, z, &seg, i, LDNS_RR_TYPE_NS);
        if (r->type == LDNS_RR_TYPE_DNAME)
            zl_u32set_add(&s.dnames, r->owner);
        if (r->type != LDNS_RR_TYPE_NS || zl_record_nrdata(r) != 1 ||
            (r->flags & (ZL_REC_BAD_RDATA | ZL_REC_GENERIC)))
            continue;
        zl_tok t = zl_record_rdata(l->zs, z, r, 0);
        if (t.quoted || zl_target_looks_like_address(&t) ||
            !zl_names_is_below(names, r->owner, z->apex))
            continue;
        zl_name_id id = zl_record_name(z, r);
        if (id == ZL_NAME_NONE || !zl_names_is_below(names, id, z->apex))
            continue;
        ZL_GROW(v, cap, n + 1);
        v[n++] = (ns_server){.rec = (uint32_t)i, .name = id};
        need[id / 8] |= (uint8_t)(1u << (id % 8));
    }
    if (n) {
        for (size_t i = 0; i < z->nrecs; i++) {
            const zl_record *r = &z->recs[i];
            bool address = r->type == LDNS_RR_TYPE_A || r->type == LDNS_RR_TYPE_AAAA;
            if (!address && r->type != LDNS_RR_TYPE_CNAME)
                continue;
            if (needed(&s, r->owner))
                zl_u32set_add(address ? &s.have : &s.alias, r->owner);
            if (address && is_wildcard(names, r->owner))
                zl_u32set_add(&s.wild, r->owner);
        }
        for (size_t i = 0; i < n; i++) {
            zl_name_id id = v[i].name;
            if (!zl_u32set_has(&s.have, id) && !zl_u32set_has(&s.alias, id) &&
                !below_dname(names, &s, id, z->apex) && !wildcard_address(l, &s, id, z->apex) &&
                !zl_target_name_fault(l, z, &z->recs[v[i].rec], 0) &&
                !hidden(names, ix, &s, z, &z->recs[v[i].rec]) &&
                !sibling(names, ix, z, &z->recs[v[i].rec], id))
                report(l, z, &z->recs[v[i].rec], id);
        }
    }
    for (size_t i = 0; i < n; i++)
        need[v[i].name / 8] = 0;
    zl_u32set_free(&s.have);
    zl_u32set_free(&s.alias);
    zl_u32set_free(&s.wild);
    zl_u32set_free(&s.dnames);
    free(v);
}

static void run(zl_lint *l)
{
    uint8_t *need = zl_xzeroed(l->zs->names.n / 8 + 1, 1);
    for (size_t k = 0; k < l->zs->nzones; k++) {
        const zl_zone *z = l->zs->zones[k];
        if (zl_scope_complete(z) && z->apex != ZL_NAME_NONE)
            check_zone(l, z, zl_lint_index(l, k), need);
    }
    free(need);
}

static const zl_rule *const rules[] = {&zl_rule_glue_missing, NULL};
const zl_check zl_check_glue = {.family = "glue", .run = run, .rules = rules};
