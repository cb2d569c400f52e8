/* ttl-mismatch and duplicate-record: the records of one RRset (owner, class,
 * type) are served together, so they share one TTL (RFC 2181 section 5.2),
 * and a set holds each value once. */
#include <ldns/ldns.h>
#include <stdlib.h>
#include <string.h>

#include "lint/engine/lint.h"
#include "parser/master/rdata.h"
#include "parser/master/rrtype.h"
#include "rules/rules.h"

const zl_rule zl_rule_ttl_mismatch = {
    .id = "ttl-mismatch",
    .severity = ZL_SEV_WARNING,
    .summary = "records of one RRset carry different TTLs",
    .explanation =
        "The records with one owner, class and type form an RRset, which servers and caches "
        "treat as a unit with one TTL (RFC 2181 section 5.2). When the file gives them "
        "different TTLs, the server picks one (BIND uses the first and logs 'TTL set to "
        "prior TTL'), so the TTL written on the other records is not what is served.",
    .hint = "give every record of the RRset the same TTL",
};

const zl_rule zl_rule_duplicate_record = {
    .id = "duplicate-record",
    .severity = ZL_SEV_WARNING,
    .summary = "the same record appears twice",
    .explanation =
        "An RRset is a set: the same owner, class, type and value written twice is one "
        "record, and servers drop the copy. A duplicate usually means a block was pasted "
        "twice, or a record was added again after a provider migration; when one copy is "
        "later edited and the other is not, the zone keeps the old value. Values are "
        "compared as DNS compares them: www and www.example.com. are the same name, names "
        "compare without regard to case.",
    .hint = "delete the second copy",
};

/* RRSIGs form one set per covered type (RFC 4034 3.1.1). */
static uint16_t covered_type(const zl_zoneset *zs, const zl_zone *z, const zl_record *r)
{
    if (zl_record_nrdata(r) == 0)
        return 0;
    zl_tok t = zl_record_rdata(zs, z, r, 0);
    return zl_rrtype_lookup(t.p, t.len);
}

static void check_ttls(zl_lint *l, const zl_zone *z, const uint32_t *v, size_t n)
{
    const zl_record *first = &z->recs[v[0]];
    for (size_t i = 1; i < n; i++) {
        const zl_record *r = &z->recs[v[i]];
        if (r->ttl == first->ttl)
            continue;
        char tn[32];
        zl_buf owner = {0};
        zl_names_format(&l->zs->names, r->owner, &owner);
        unsigned tok = zl_record_i_ttl(r) != ZL_NO_TOK ? zl_record_i_ttl(r) : zl_record_i_type(r);
        zl_report_tok(l, &zl_rule_ttl_mismatch, z, r, tok,
                      zl_xasprintf("use one TTL for all %s %s records, e.g. %u",
                                   zl_buf_str(&owner), zl_type_name(r->type, tn, sizeof tn),
                                   first->ttl),
                      "TTL %u differs from the TTL %u of the same RRset on line %u", r->ttl,
                      first->ttl, zl_record_line(l->zs, z, first));
        zl_buf_free(&owner);
    }
}

typedef struct canon {
    uint32_t rec;
    size_t off, len; /* in the shared buffer */
} canon;

static _Thread_local const char *sort_base; /* qsort has no context argument */
static int cmp_canon(const void *pa, const void *pb)
{
    const canon *a = pa, *b = pb;
    if (a->len != b->len)
        return a->len < b->len ? -1 : 1;
    int c = memcmp(sort_base + a->off, sort_base + b->off, a->len);
    if (c)
        return c;
    return a->rec < b->rec ? -1 : a->rec > b->rec;
}

/* In Terraform a copy can be a resource of its own that manages the same
 * record set (aws_route53_record with allow_overwrite): destroying it deletes
 * the record set, which the other resource still declares. */
static char *duplicate_hint(const zl_zone *z)
{
    if (strcmp(z->format, "terraform") != 0)
        return zl_xstrdup("delete this copy");
    return zl_xstrdup("delete this copy; if it is a resource of its own that has been applied, "
                      "take it out of the state first (terraform state rm, or a removed block "
                      "with destroy = false): destroying it deletes the record set the other "
                      "resource declares");
}

/* What check_duplicates reuses from one set to the next: a large zone has
 * hundreds of thousands of sets, most of two records. */
typedef struct scratch {
    zl_buf buf;
    canon *c;
    size_t ccap;
    bool ttls, duplicates; /* the rules that are on */
} scratch;

/* Sorted by cmp_canon: a total order, so any sort gives this order. Sets
 * are small; insertion sort spares qsort's set-up for them. */
static void sort_canon(canon *c, size_t m)
{
    if (m > 8) {
        qsort(c, m, sizeof *c, cmp_canon);
        return;
    }
    for (size_t i = 1; i < m; i++) {
        canon x = c[i];
        size_t j = i;
        for (; j > 0 && cmp_canon(&c[j - 1], &x) > 0; j--)
            c[j] = c[j - 1];
        c[j] = x;
    }
}

/* True when v are A records written as dotted quads of digits and dots,
 * no two alike. inet_pton takes one text only for each address (no leading
 * zeros), so such a set holds no duplicate and needs no canonical form:
 * most sets of a large zone are a name's few addresses. */
static bool distinct_quads(const zl_zoneset *zs, const zl_zone *z, const uint32_t *v, size_t n)
{
    zl_tok t[8];
    if (n > sizeof t / sizeof t[0])
        return false;
    for (size_t i = 0; i < n; i++) {
        const zl_record *r = &z->recs[v[i]];
        if (r->type != LDNS_RR_TYPE_A || zl_record_nrdata(r) != 1)
            return false;
        t[i] = zl_record_rdata(zs, z, r, 0);
        if (t[i].quoted || t[i].len > 15)
            return false;
        for (size_t k = 0; k < t[i].len; k++)
            if (t[i].p[k] != '.' && (t[i].p[k] < '0' || t[i].p[k] > '9'))
                return false;
        for (size_t j = 0; j < i; j++)
            if (t[j].len == t[i].len && memcmp(t[j].p, t[i].p, t[i].len) == 0)
                return false;
    }
    return true;
}

static void check_duplicates(zl_lint *l, const zl_zone *z, const uint32_t *v, size_t n,
                             scratch *sc)
{
    if (distinct_quads(l->zs, z, v, n))
        return;
    zl_buf *buf = &sc->buf;
    zl_buf_reset(buf);
    ZL_GROW(sc->c, sc->ccap, n);
    canon *c = sc->c;
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        size_t off = buf->len;
        if (zl_record_canonical(l->zs, z, &z->recs[v[i]], buf))
            c[m++] = (canon){.rec = v[i], .off = off, .len = buf->len - off};
        else
            buf->len = off;
    }
    sort_base = zl_buf_str(buf);
    sort_canon(c, m);
    /* Equal values sort together, by record index within: each later copy is
     * reported against the first of its run. */
    size_t first = 0;
    for (size_t i = 1; i < m; i++) {
        const canon *a = &c[i - 1], *b = &c[i];
        if (a->len != b->len || memcmp(buf->data + a->off, buf->data + b->off, a->len) != 0) {
            first = i;
            continue;
        }
        const zl_record *r = &z->recs[b->rec], *orig = &z->recs[c[first].rec];
        zl_report_tok(l, &zl_rule_duplicate_record, z, r, zl_record_i_type(r),
                      duplicate_hint(z),
                      "the same record is already on line %u", zl_record_line(l->zs, z, orig));
    }
    sort_base = NULL;
}

static void check_set(zl_lint *l, const zl_zone *z, const uint32_t *set, size_t n, scratch *sc)
{
    if (n < 2)
        return;
    if (sc->ttls)
        check_ttls(l, z, set, n);
    if (sc->duplicates)
        check_duplicates(l, z, set, n, sc);
}

static _Thread_local const zl_zoneset *cov_zs;
static _Thread_local const zl_zone *cov_z;
static int cmp_covered(const void *pa, const void *pb)
{
    uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;
    uint16_t ta = covered_type(cov_zs, cov_z, &cov_z->recs[a]);
    uint16_t tb = covered_type(cov_zs, cov_z, &cov_z->recs[b]);
    if (ta != tb)
        return ta < tb ? -1 : 1;
    return a < b ? -1 : a > b;
}

static void run(zl_lint *l)
{
    uint32_t *set = NULL;
    size_t cap = 0;
    scratch sc = {.ttls = zl_rule_on(l, &zl_rule_ttl_mismatch),
                  .duplicates = zl_rule_on(l, &zl_rule_duplicate_record)};
    for (size_t k = 0; k < l->zs->nzones; k++) {
        const zl_zone *z = l->zs->zones[k];
        const zl_index *ix = zl_lint_index(l, k);
        size_t b = 0, e = 0;
        while (zl_index_next_owner(ix, z, &b, &e)) {
            /* Within an owner, records are ordered by type: one run per type. */
            for (size_t tb = b, te; tb < e; tb = te) {
                uint16_t type = z->recs[ix->order[tb]].type;
                for (te = tb + 1; te < e && z->recs[ix->order[te]].type == type; te++)
                    ;
                if (te - tb < 2)
                    continue;
                size_t n = 0;
                for (size_t i = tb; i < te; i++) {
                    const zl_record *r = &z->recs[ix->order[i]];
                    if (r->flags & ZL_REC_BAD_RDATA)
                        continue;
                    ZL_GROW(set, cap, n + 1);
                    set[n++] = ix->order[i];
                }
                if (type != LDNS_RR_TYPE_RRSIG) {
                    check_set(l, z, set, n, &sc);
                    continue;
                }
                cov_zs = l->zs;
                cov_z = z;
                if (n > 1)
                    qsort(set, n, sizeof *set, cmp_covered);
                for (size_t i = 0, j; i < n; i = j) {
                    uint16_t c = covered_type(l->zs, z, &z->recs[set[i]]);
                    for (j = i + 1; j < n && covered_type(l->zs, z, &z->recs[set[j]]) == c; j++)
                        ;
                    check_set(l, z, set + i, j - i, &sc);
                }
            }
        }
    }
    free(set);
    zl_buf_free(&sc.buf);
    free(sc.c);
}

static const zl_rule *const rules[] = {&zl_rule_ttl_mismatch, &zl_rule_duplicate_record, NULL};
const zl_check zl_check_rrset = {.family = "rrset", .run = run, .rules = rules};
