/* dname-conflict: a DNAME makes every name below its owner an alias of the
 * same name below its target (RFC 6672 section 2.3): records below the owner
 * are never served, an owner has one DNAME, and outside the apex a DNAME
 * cannot share its owner with NS, which would cut the zone at the alias. */
#include <ldns/ldns.h>
#include <stdlib.h>

#include "lint/engine/lint.h"
#include "lint/util/u32set.h"
#include "parser/master/rdata.h"
#include "rules/rules.h"

const zl_rule zl_rule_dname_conflict = {
    .id = "dname-conflict",
    .severity = ZL_SEV_ERROR,
    .summary = "a DNAME with records below its owner, a second DNAME, or NS beside it",
    .explanation =
        "A DNAME at foo.example.com. answers every name below it with the same name below "
        "the DNAME's target (RFC 6672). Records that the file keeps below foo.example.com. "
        "are therefore never served: they sit in the file, and queries receive the "
        "synthesised alias instead. An owner can hold only one DNAME (which target would "
        "win?), and NS records beside a DNAME below the apex delegate the name, so the "
        "parent's servers answer with a referral and the DNAME is hidden. Knot refuses all "
        "three; BIND loads the zone and hides the records.",
    .hint = "move the records below the DNAME's owner to the names its target gives them, "
            "or replace the DNAME with CNAMEs for the names that need one",
};

/* A DNAME owner of the zone, with what was found below and beside it. */
typedef struct dname {
    zl_name_id owner;
    uint32_t rec;       /* its first DNAME */
    uint32_t below;     /* records below it */
    uint32_t lines[4];  /* the first of them */
    uint16_t types[4];
    bool delegated;     /* NS beside it, below the apex: reported as such */
} dname;

static int cmp_owner(const void *pa, const void *pb)
{
    const dname *a = pa, *b = pb;
    return a->owner < b->owner ? -1 : a->owner > b->owner;
}

static dname *find(dname *v, size_t n, zl_name_id owner)
{
    dname key = {.owner = owner};
    return bsearch(&key, v, n, sizeof *v, cmp_owner);
}

static zl_name_id target(const zl_zone *z, const zl_record *r)
{
    return zl_record_nrdata(r) == 1 ? zl_record_name(z, r) : ZL_NAME_NONE;
}

/* Second DNAMEs and NS beside each DNAME, from the owner's records. */
static void check_owner(zl_lint *l, const zl_zone *z, const zl_index *ix, dname *d)
{
    size_t b, e;
    zl_index_owner_range(ix, z, d->owner, &b, &e);
    const zl_record *first = &z->recs[d->rec], *ns = NULL;
    for (size_t i = b; i < e; i++) {
        const zl_record *r = &z->recs[ix->order[i]];
        if (r->type == LDNS_RR_TYPE_NS && !ns)
            ns = r;
        else if (r->type == LDNS_RR_TYPE_DNAME && r != first &&
                 !(r->flags & ZL_REC_BAD_RDATA) && target(z, r) != target(z, first))
            zl_report_tok(l, &zl_rule_dname_conflict, z, r, zl_record_i_type(r),
                          zl_xstrdup("an owner can have only one DNAME: keep one target"),
                          "second DNAME at this owner (the first is on line %u)",
                          zl_record_line(l->zs, z, first));
    }
    if (!ns || d->owner == z->apex)
        return;
    d->delegated = true;
    zl_buf owner = {0};
    zl_names_format(&l->zs->names, d->owner, &owner);
    zl_report_tok(l, &zl_rule_dname_conflict, z, first, zl_record_i_type(first),
                  zl_xasprintf("keep either the delegation of %s (its NS records) or the "
                               "DNAME, not both",
                               zl_buf_str(&owner)),
                  "DNAME at %s shares its owner with NS (line %u): the delegation hides it",
                  zl_buf_str(&owner), zl_record_line(l->zs, z, ns));
    zl_buf_free(&owner);
}

static void report_below(zl_lint *l, const zl_zone *z, const dname *d)
{
    const zl_record *r = &z->recs[d->rec];
    zl_buf owner = {0}, list = {0};
    zl_names_format(&l->zs->names, d->owner, &owner);
    for (uint32_t i = 0; i < d->below && i < 4; i++) {
        char tn[32];
        zl_buf_printf(&list, "%s%s (line %u)", i ? ", " : "",
                      zl_type_name(d->types[i], tn, sizeof tn), d->lines[i]);
    }
    if (d->below > 4)
        zl_buf_printf(&list, " and %u more", d->below - 4);
    zl_report_tok(l, &zl_rule_dname_conflict, z, r, zl_record_i_type(r), NULL,
                  "DNAME at %s has records below its owner, which are never served: %s",
                  zl_buf_str(&owner), zl_buf_str(&list));
    zl_buf_free(&owner);
    zl_buf_free(&list);
}

static void check_zone(zl_lint *l, const zl_zone *z, const zl_index *ix)
{
    const zl_names *names = &l->zs->names;
    dname *v = NULL;
    size_t n = 0, cap = 0;
    zl_u32set owners = {0};
    for (size_t i = 0; i < z->nrecs; i++) {
        const zl_record *r = &z->recs[i];
        if (r->type != LDNS_RR_TYPE_DNAME || zl_u32set_has(&owners, r->owner) ||
            z->apex == ZL_NAME_NONE || !zl_names_is_below(names, r->owner, z->apex))
            continue; /* outside the zone: out-of-zone says so */
        zl_u32set_add(&owners, r->owner);
        ZL_GROW(v, cap, n + 1);
        v[n++] = (dname){.owner = r->owner, .rec = (uint32_t)i};
    }
    if (!n)
        return;
    qsort(v, n, sizeof *v, cmp_owner);
    for (size_t i = 0; i < n; i++)
        check_owner(l, z, ix, &v[i]);
    for (size_t i = 0; i < z->nrecs; i++) {
        const zl_record *r = &z->recs[i];
        /* NSEC3 owners are hashes below the apex, not names (RFC 5155). */
        if (r->type == LDNS_RR_TYPE_NSEC3 || r->type == LDNS_RR_TYPE_RRSIG)
            continue;
        for (zl_name_id a = zl_names_parent(names, r->owner); a != ZL_NAME_NONE;
             a = zl_names_parent(names, a)) {
            if (zl_u32set_has(&owners, a)) {
                dname *d = find(v, n, a);
                if (!d->delegated) {
                    if (d->below < 4) {
                        d->lines[d->below] = zl_record_line(l->zs, z, r);
                        d->types[d->below] = r->type;
                    }
                    d->below++;
                }
                break;
            }
            if (a == z->apex)
                break;
        }
    }
    for (size_t i = 0; i < n; i++)
        if (v[i].below)
            report_below(l, z, &v[i]);
    zl_u32set_free(&owners);
    free(v);
}

static void run(zl_lint *l)
{
    for (size_t k = 0; k < l->zs->nzones; k++)
        check_zone(l, l->zs->zones[k], zl_lint_index(l, k));
}

static const zl_rule *const rules[] = {&zl_rule_dname_conflict, NULL};
const zl_check zl_check_dname = {.family = "dname", .run = run, .rules = rules};
