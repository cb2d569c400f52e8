/* target-is-alias, target-is-address, target-missing: what the name in a
 * CNAME, MX, NS, SRV or DNAME record points to. A target is judged only
 * where zonelint sees its whole zone: outside every loaded zone, below a
 * delegation, or in a file that holds only part of a zone, it is unknown
 * (lint/model/scope.h). NS targets inside their own zone are glue-missing's. */
#include <arpa/inet.h>
#include <ctype.h>
#include <ldns/ldns.h>
#include <stdlib.h>
#include <string.h>

#include "lint/engine/lint.h"
#include "lint/model/scope.h"
#include "parser/master/rdata.h"
#include "rules/names/names.h"
#include "rules/rules.h"
#include "rules/zone/zone.h"

const zl_rule zl_rule_target_is_alias = {
    .id = "target-is-alias",
    .severity = ZL_SEV_ERROR,
    .summary = "an MX, NS or SRV target is a CNAME (or lies below a DNAME)",
    .explanation =
        "The host an MX, NS or SRV record names must be the host's own name, with its A or "
        "AAAA records, never an alias (RFC 2181 section 10.3, RFC 2782): mail servers may "
        "refuse to follow the CNAME, resolvers do not chase it for glue, and the extra "
        "lookup breaks at the first resolver that is strict. A name below a DNAME is an "
        "alias too. BIND refuses MX and SRV records that point at a CNAME "
        "(check-mx-cname, check-srv-cname).",
    .hint = "point the record at the name the alias stands for",
};

const zl_rule zl_rule_target_is_address = {
    .id = "target-is-address",
    .severity = ZL_SEV_ERROR,
    .summary = "an MX, NS, SRV or CNAME target written as an IP address",
    .explanation =
        "The target of an MX, NS, SRV or CNAME record is a domain name, never an address. "
        "`MX 10 192.0.2.7.` is read as the name 192.0.2.7. (four numeric labels), which "
        "has no address, so mail to the domain bounces; written without the final dot it "
        "becomes 192.0.2.7.example.com. BIND warns (check-mx). Give the server a name with "
        "an A or AAAA record and point the record at that name.",
    .hint = "give the server a host name with an A or AAAA record, and point the record at "
            "that name (for a CNAME: an A or AAAA record in its place)",
};

const zl_rule zl_rule_target_missing = {
    .id = "target-missing",
    .severity = ZL_SEV_WARNING,
    .summary = "a CNAME, MX, NS, SRV or DNAME target inside a loaded zone does not exist",
    .explanation =
        "The target lies inside a zone zonelint read in full, not below a delegation, yet "
        "no record owns it, no name below it exists and no wildcard covers it: the alias "
        "dangles, the mail exchanger or service host does not resolve. Often a relative "
        "name was meant as another (www CNAME web when web is spelt differently, or a name "
        "that needed its final dot). Targets outside the loaded zones, below a delegation, "
        "or in a file that holds only part of its zone (an $INCLUDEd fragment, a change "
        "batch, a Terraform plan) are not judged.",
    .hint = "add the missing record, or correct the target",
};

static bool bit(const uint8_t *b, zl_name_id id)
{
    return b && (b[id / 8] & (1u << (id % 8)));
}

static void set_bit(uint8_t *b, zl_name_id id)
{
    b[id / 8] |= (uint8_t)(1u << (id % 8));
}

bool zl_target_looks_like_address(const zl_tok *t)
{
    size_t n;
    const char *p = zl_tok_inner(t, &n);
    if (n && p[n - 1] == '.')
        n--;
    char buf[64];
    if (!n || n >= sizeof buf)
        return false;
    /* Only hex digits, dots and colons, with a dot or a colon, can be read
     * as an address: most names fail at a letter past 'f' or a hyphen. */
    bool separated = false;
    for (size_t i = 0; i < n; i++) {
        if (p[i] == '.' || p[i] == ':')
            separated = true;
        else if (!isxdigit((unsigned char)p[i]))
            return false;
    }
    if (!separated)
        return false;
    memcpy(buf, p, n);
    buf[n] = '\0';
    unsigned char out[16];
    return inet_pton(AF_INET, buf, out) == 1 || inet_pton(AF_INET6, buf, out) == 1;
}

static int target_field(uint16_t type)
{
    switch (type) {
    case LDNS_RR_TYPE_CNAME:
    case LDNS_RR_TYPE_DNAME:
    case LDNS_RR_TYPE_NS:
        return 0;
    case LDNS_RR_TYPE_MX:
        return 1;
    case LDNS_RR_TYPE_SRV:
        return 3;
    default:
        return -1;
    }
}

/* The first record of type at owner in the zone the owner belongs to. */
static const zl_record *record_at(zl_lint *l, zl_name_id owner, uint16_t type,
                                  const zl_zone **where)
{
    uint32_t k = zl_lint_zone_of(l, owner);
    if (k == ZL_NONE)
        return NULL;
    const zl_zone *z = l->zs->zones[k];
    const zl_index *ix = zl_lint_index(l, k);
    size_t b, e;
    zl_index_owner_range(ix, z, owner, &b, &e);
    for (size_t i = b; i < e; i++)
        if (z->recs[ix->order[i]].type == type) {
            *where = z;
            return &z->recs[ix->order[i]];
        }
    return NULL;
}

/* The name a CNAME or DNAME record points to. */
static zl_name_id alias_target(const zl_zone *z, const zl_record *r)
{
    if (!r || zl_record_nrdata(r) != 1 || (r->flags & (ZL_REC_BAD_RDATA | ZL_REC_GENERIC)))
        return ZL_NAME_NONE;
    return zl_record_name(z, r);
}

/* "MX 10 new.": the record's rdata with its target replaced. */
static char *with_target(zl_lint *l, const zl_zone *z, const zl_record *r, unsigned field,
                         zl_name_id to)
{
    char tn[32];
    zl_buf b = {0};
    zl_buf_printf(&b, "%s", zl_type_name(r->type, tn, sizeof tn));
    for (unsigned i = 0; i < zl_record_nrdata(r); i++) {
        zl_buf_addc(&b, ' ');
        if (i == field) {
            zl_names_format(&l->zs->names, to, &b);
        } else {
            zl_tok t = zl_record_rdata(l->zs, z, r, i);
            zl_buf_add(&b, t.p, t.len);
        }
    }
    return zl_buf_take(&b);
}

/* A strict ancestor of name that owns a DNAME, or ZL_NAME_NONE. */
static zl_name_id dname_above(const zl_names *names, const uint8_t *dnames, zl_name_id name)
{
    if (!dnames)
        return ZL_NAME_NONE;
    for (zl_name_id a = zl_names_parent(names, name); a != ZL_NAME_NONE;
         a = zl_names_parent(names, a))
        if (bit(dnames, a))
            return a;
    return ZL_NAME_NONE;
}

bool zl_target_name_fault(zl_lint *l, const zl_zone *z, const zl_record *r, unsigned field)
{
    zl_name_id read_as;
    zl_tok t = zl_record_rdata(l->zs, z, r, field);
    return zl_rdata_fault(l, z, r, field, &read_as) != ZL_FAULT_NONE ||
           zl_lint_diagnosed(l, zl_record_src(z, r), t.off, t.len) ||
           zl_ses_target_changed(l->zs, z, r);
}

typedef struct ctx {
    zl_lint *l;
    uint8_t *cnames; /* bit per name id: owns a CNAME in a loaded zone */
    uint8_t *dnames; /* the same for DNAME; NULL when no zone has one */
} ctx;

/* The hint names the fix with the address itself: an A or AAAA record in
 * place of the CNAME, or a host name for the server. */
static void report_address(zl_lint *l, const zl_zone *z, const zl_record *r, unsigned field,
                           const zl_tok *t)
{
    size_t n = t->len && t->p[t->len - 1] == '.' ? t->len - 1 : t->len;
    const char *type = memchr(t->p, ':', n) ? "AAAA" : "A";
    char tn[32];
    zl_type_name(r->type, tn, sizeof tn);
    char *hint;
    if (r->type == LDNS_RR_TYPE_CNAME) {
        zl_buf owner = {0};
        zl_names_format(&l->zs->names, r->owner, &owner);
        hint = zl_xasprintf("replace the CNAME with an address record: %s IN %s %.*s",
                            zl_buf_str(&owner), type, (int)n, t->p);
        zl_buf_free(&owner);
    } else {
        hint = zl_xasprintf("give the server a name with this address (host IN %s %.*s) and "
                            "point the %s at that name",
                            type, (int)n, t->p, tn);
    }
    zl_report_tok(l, &zl_rule_target_is_address, z, r, zl_record_rd(r) + field, hint,
                  "%s target \"%.*s\" is an IP address, but the target must be a host name",
                  tn, (int)t->len, t->p);
}

/* A record the parent never serves: below a delegation or a DNAME (the
 * delegation and DNAME rules report it). */
static bool hidden(ctx *c, const zl_zone *z, uint32_t k, const zl_record *r)
{
    const zl_names *names = &c->l->zs->names;
    zl_name_id cut = zl_index_cut_above(zl_lint_index(c->l, k), names, z->apex, r->owner, false);
    return (cut != ZL_NAME_NONE && !(cut == r->owner && r->type == LDNS_RR_TYPE_NS)) ||
           dname_above(names, c->dnames, r->owner) != ZL_NAME_NONE;
}

static void report_alias(ctx *c, const zl_zone *z, const zl_record *r, unsigned field,
                         zl_name_id target, zl_name_id dname)
{
    zl_lint *l = c->l;
    const zl_names *names = &l->zs->names;
    const zl_zone *az = NULL;
    const zl_record *a =
        record_at(l, dname != ZL_NAME_NONE ? dname : target,
                  dname != ZL_NAME_NONE ? LDNS_RR_TYPE_DNAME : LDNS_RR_TYPE_CNAME, &az);
    zl_name_id to = a ? alias_target(az, a) : ZL_NAME_NONE;
    zl_buf t = {0}, where = {0}, real = {0};
    zl_names_format(names, target, &t);
    if (a)
        zl_buf_printf(&where, " (%s on line %u%s%s)",
                      dname != ZL_NAME_NONE ? "DNAME" : "CNAME", zl_record_line(l->zs, az, a),
                      az != z ? " of " : "", az != z ? az->path : "");
    char *hint = NULL;
    if (to != ZL_NAME_NONE && dname != ZL_NAME_NONE) {
        zl_names_format_relative(names, target, dname, &real);
        zl_buf_addc(&real, '.');
        zl_names_format(names, to, &real);
        hint = zl_xasprintf("point it at the name the DNAME gives: %s", zl_buf_str(&real));
    } else if (to != ZL_NAME_NONE) {
        char *fixed = with_target(l, z, r, field, to);
        hint = zl_xasprintf("point it at the CNAME's target: %s", fixed);
        free(fixed);
    }
    char tn[32];
    if (dname != ZL_NAME_NONE) {
        zl_buf d = {0};
        zl_names_format(names, dname, &d);
        zl_report_tok(l, &zl_rule_target_is_alias, z, r, zl_record_rd(r) + field, hint,
                      "%s target %s lies below the DNAME at %s%s, so it is an alias",
                      zl_type_name(r->type, tn, sizeof tn), zl_buf_str(&t), zl_buf_str(&d),
                      zl_buf_str(&where));
        zl_buf_free(&d);
    } else {
        zl_report_tok(l, &zl_rule_target_is_alias, z, r, zl_record_rd(r) + field, hint,
                      "%s target %s is an alias%s, not a host's own name",
                      zl_type_name(r->type, tn, sizeof tn), zl_buf_str(&t),
                      zl_buf_str(&where));
    }
    zl_buf_free(&t);
    zl_buf_free(&where);
    zl_buf_free(&real);
}

zl_name_id zl_wildcard_for(zl_lint *l, zl_name_id name, zl_name_id apex)
{
    const zl_names *names = &l->zs->names;
    zl_name_id ce = zl_names_parent(names, name);
    while (ce != ZL_NAME_NONE && ce != apex && !zl_lint_name_exists(l, ce))
        ce = zl_names_parent(names, ce);
    return ce == ZL_NAME_NONE ? ZL_NAME_NONE
                              : zl_names_find_child(names, ce, (const uint8_t *)"*", 1);
}

static bool wildcard_covers(zl_lint *l, zl_name_id name, zl_name_id apex)
{
    zl_name_id star = zl_wildcard_for(l, name, apex);
    return star != ZL_NAME_NONE && zl_lint_name_exists(l, star);
}

/* False, with the zone it belongs to, when target is judged and missing. */
static bool unknown_or_present(zl_lint *l, zl_name_id target, uint32_t *zone)
{
    *zone = ZL_NONE;
    if (zl_lint_name_exists(l, target))
        return true;
    uint32_t k = zl_lint_zone_of(l, target);
    if (k == ZL_NONE || !zl_scope_complete(l->zs->zones[k]))
        return true;
    const zl_zone *h = l->zs->zones[k];
    if (zl_index_cut_above(zl_lint_index(l, k), &l->zs->names, h->apex, target, false) !=
            ZL_NAME_NONE ||
        wildcard_covers(l, target, h->apex))
        return true;
    *zone = k;
    return false;
}

static void check_missing(ctx *c, const zl_zone *z, uint32_t zk, const zl_record *r,
                          unsigned field, const zl_tok *t, zl_name_id target)
{
    zl_lint *l = c->l;
    uint32_t k;
    if (unknown_or_present(l, target, &k) ||
        dname_above(&l->zs->names, c->dnames, target) != ZL_NAME_NONE ||
        zl_target_name_fault(l, z, r, field) || hidden(c, z, zk, r))
        return;
    const zl_names *names = &l->zs->names;
    zl_buf tb = {0}, ab = {0};
    zl_names_format(names, target, &tb);
    zl_names_format(names, l->zs->zones[k]->apex, &ab);
    char *hint = NULL;
    bool absolute;
    zl_rdata_name_lookup(names, zl_record_origin(z, r), t, &absolute);
    zl_name_id as_absolute =
        absolute ? ZL_NAME_NONE : zl_rdata_name_lookup(names, ZL_NAME_ROOT, t, NULL);
    if (as_absolute != ZL_NAME_NONE && zl_lint_name_exists(l, as_absolute))
        hint = zl_xasprintf("if %.*s. is meant, add the final dot: %.*s.", (int)t->len, t->p,
                            (int)t->len, t->p);
    else
        hint = zl_xasprintf("add a record for %s, or correct the target", zl_buf_str(&tb));
    char tn[32];
    zl_report_tok(l, &zl_rule_target_missing, z, r, zl_record_rd(r) + field, hint,
                  "%s target %s does not exist: nothing in zone %s owns it",
                  zl_type_name(r->type, tn, sizeof tn), zl_buf_str(&tb), zl_buf_str(&ab));
    zl_buf_free(&tb);
    zl_buf_free(&ab);
}

static void check_record(ctx *c, const zl_zone *z, uint32_t k, const zl_record *r,
                         unsigned field)
{
    zl_lint *l = c->l;
    zl_tok t = zl_record_rdata(l->zs, z, r, field);
    if (t.quoted)
        return;
    if (r->type != LDNS_RR_TYPE_DNAME && zl_target_looks_like_address(&t)) {
        report_address(l, z, r, field, &t);
        return;
    }
    zl_name_id target = zl_record_name(z, r);
    if (target == ZL_NAME_NONE || target == ZL_NAME_ROOT)
        return; /* "." is the null MX or SRV: no service (RFC 7505, RFC 2782) */
    if (r->type != LDNS_RR_TYPE_CNAME && r->type != LDNS_RR_TYPE_DNAME) {
        if (bit(c->cnames, target)) {
            if (!zl_target_name_fault(l, z, r, field) && !hidden(c, z, k, r))
                report_alias(c, z, r, field, target, ZL_NAME_NONE);
            return;
        }
        zl_name_id d = dname_above(&l->zs->names, c->dnames, target);
        /* A target with records of its own below the DNAME is dname-conflict's. */
        if (d != ZL_NAME_NONE) {
            if (!zl_lint_name_exists(l, target) && !zl_target_name_fault(l, z, r, field) &&
                !hidden(c, z, k, r))
                report_alias(c, z, r, field, target, d);
            return;
        }
    }
    if (r->type == LDNS_RR_TYPE_NS && z->apex != ZL_NAME_NONE &&
        zl_names_is_below(&l->zs->names, target, z->apex))
        return;
    check_missing(c, z, k, r, field, &t, target);
}

static void run(zl_lint *l)
{
    size_t nbytes = (l->zs->names.n + 7) / 8;
    ctx c = {.l = l, .cnames = zl_xzeroed(nbytes ? nbytes : 1, 1)};
    for (size_t k = 0; k < l->zs->nzones; k++) {
        const zl_zone *z = l->zs->zones[k];
        for (size_t i = 0; i < z->nrecs; i++) {
            const zl_record *r = &z->recs[i];
            if (r->type == LDNS_RR_TYPE_CNAME) {
                set_bit(c.cnames, r->owner);
            } else if (r->type == LDNS_RR_TYPE_DNAME) {
                if (!c.dnames)
                    c.dnames = zl_xzeroed(nbytes, 1);
                set_bit(c.dnames, r->owner);
            }
        }
    }
    for (size_t k = 0; k < l->zs->nzones; k++) {
        const zl_zone *z = l->zs->zones[k];
        size_t seg = 0;
        for (size_t i = 0; i < z->nrecs; i++) {
            const zl_record *r = &z->recs[i];
            zl_record_prefetch(l->zs, z, &seg, i, 0);
            int field = target_field(r->type);
            if (field >= 0 && !(r->flags & (ZL_REC_BAD_RDATA | ZL_REC_GENERIC)) &&
                zl_record_nrdata(r) > (unsigned)field &&
                (z->apex == ZL_NAME_NONE || zl_names_is_below(&l->zs->names, r->owner, z->apex)))
                check_record(&c, z, (uint32_t)k, r, (unsigned)field);
        }
    }
    free(c.cnames);
    free(c.dnames);
}

static const zl_rule *const rules[] = {&zl_rule_target_is_alias, &zl_rule_target_is_address,
                                       &zl_rule_target_missing, NULL};
const zl_check zl_check_targets = {.family = "targets", .run = run, .rules = rules};
