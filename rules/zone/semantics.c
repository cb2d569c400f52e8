/* record-semantics: rdata that ldns reads but that breaks its own type's
 * rules, as BIND's and Knot's zone checks reject: a digest or hash whose
 * length is not its algorithm's, a DS that is not at a delegation, a CDS or
 * CDNSKEY that no DNSKEY of the zone matches, an NSEC3 owner that is no
 * hash, an SRV owner without _service._proto, an RPZ address trigger that is
 * no address prefix. Each rule reads the wire form ldns produces. */
#include "rules/zone/semantics.h"

#include <arpa/inet.h>
#include <ldns/ldns.h>
#include <stdlib.h>
#include <string.h>

#include "parser/master/rdata.h"
#include "rules/rules.h"

const zl_rule zl_rule_record_semantics = {
    .id = "record-semantics",
    .severity = ZL_SEV_ERROR,
    .summary = "rdata that parses but breaks its type's own rules",
    .explanation =
        "Some records read fine field by field and still cannot work: a DS, CDS, TLSA, "
        "SSHFP or ZONEMD digest whose length is not that of its digest type (a SHA-256 "
        "digest is 32 octets), an NSEC3 hash that is not 20 octets, an NSEC3 owner that is "
        "not a base32hex hash; a DS at the zone apex or at a name that is no delegation (a "
        "DS lives in the parent, beside the child's NS records); a CDS or CDNSKEY that "
        "matches no DNSKEY of the zone; SVCB and HTTPS parameters against RFC 9460 (an "
        "alias with parameters, a mandatory key that is missing, an empty alpn id, "
        "no-default-alpn without alpn) and, at _dns names, RFC 9461 (alpn present, dohpath "
        "for DNS over HTTPS); an SRV owner not of the form _service._proto.NAME; an RPZ "
        "rpz-ip or rpz-nsip trigger that is not a canonical address prefix. Resolvers and "
        "validators reject such records, and BIND refuses to load the zone.",
    .hint = "correct the record to its type's rules",
};

bool zl_sem_wire(const zl_lint *l, const zl_zone *z, const zl_record *r, zl_buf *out)
{
    zl_buf_reset(out);
    return zl_record_canonical(l->zs, z, r, out);
}

void zl_sem_report(zl_lint *l, const zl_zone *z, const zl_record *r, unsigned field, char *hint,
                   char *message)
{
    unsigned tok = field < zl_record_nrdata(r) ? zl_record_rd(r) + field : zl_record_i_type(r);
    if (field == ZL_SEM_OWNER && (r->flags & ZL_REC_OWNER_WRITTEN))
        tok = 0;
    zl_report_tok(l, &zl_rule_record_semantics, z, r, tok, hint, "%s", message);
    free(message);
}

/* Octets a digest of that type has; 0 when the type is not known here. */
static size_t ds_digest_len(uint8_t type)
{
    switch (type) {
    case 1: return 20; /* SHA-1 */
    case 2: return 32; /* SHA-256 */
    case 3: return 32; /* GOST R 34.11-94 */
    case 4: return 48; /* SHA-384 */
    default: return 0;
    }
}

static void check_digest(zl_lint *l, const zl_zone *z, const zl_record *r, unsigned field,
                         const char *what, size_t want, size_t got)
{
    if (want && got != want)
        zl_sem_report(l, z, r, field,
                      zl_xasprintf("a %s is %zu hex digits: copy the digest again", what,
                                   want * 2),
                      zl_xasprintf("the %s is %zu octets long, not %zu", what, got, want));
}

/* The DNSKEYs at the apex, in wire form, that CDS and CDNSKEY must match. */
typedef struct keyset {
    zl_buf *keys;
    size_t n, cap;
} keyset;

static void keyset_free(keyset *ks)
{
    for (size_t i = 0; i < ks->n; i++)
        zl_buf_free(&ks->keys[i]);
    free(ks->keys);
}

static void collect_keys(zl_lint *l, const zl_zone *z, const zl_index *ix, keyset *ks)
{
    size_t b, e;
    zl_index_owner_range(ix, z, z->apex, &b, &e);
    for (size_t i = b; i < e; i++) {
        const zl_record *r = &z->recs[ix->order[i]];
        if (r->type != LDNS_RR_TYPE_DNSKEY || (r->flags & ZL_REC_BAD_RDATA))
            continue;
        ZL_GROW(ks->keys, ks->cap, ks->n + 1);
        ks->keys[ks->n] = (zl_buf){0};
        if (zl_sem_wire(l, z, r, &ks->keys[ks->n]))
            ks->n++;
        else
            zl_buf_free(&ks->keys[ks->n]);
    }
}

static bool cds_matches(const keyset *ks, uint16_t tag, uint8_t alg)
{
    for (size_t i = 0; i < ks->n; i++) {
        const uint8_t *k = (const uint8_t *)ks->keys[i].data;
        if (ks->keys[i].len > 4 && k[3] == alg && ldns_calc_keytag_raw(k, ks->keys[i].len) == tag)
            return true;
    }
    return false;
}

static bool cdnskey_matches(const keyset *ks, const zl_buf *w)
{
    for (size_t i = 0; i < ks->n; i++)
        if (ks->keys[i].len == w->len && memcmp(ks->keys[i].data, w->data, w->len) == 0)
            return true;
    return false;
}

static void check_ds(zl_lint *l, const zl_zone *z, const zl_record *r, const zl_buf *w,
                     bool at_delegation, const keyset *ks)
{
    const uint8_t *d = (const uint8_t *)w->data;
    if (w->len < 5)
        return;
    uint16_t tag = (uint16_t)(d[0] << 8 | d[1]);
    bool cds = r->type == LDNS_RR_TYPE_CDS;
    if (cds && d[2] == 0 && d[3] == 0)
        return; /* the delete request of RFC 8078: 0 0 0 00 */
    check_digest(l, z, r, 3, "digest", ds_digest_len(d[3]), w->len - 4);
    if (!cds && r->owner == z->apex)
        zl_sem_report(l, z, r, ZL_SEM_OWNER,
                      zl_xstrdup("publish the DS in the parent zone (at the registrar for a "
                                 "domain) and delete it here"),
                      zl_xstrdup("DS at the zone apex: a DS record belongs in the parent "
                                 "zone, beside the delegation's NS records"));
    else if (!cds && !at_delegation)
        zl_sem_report(l, z, r, ZL_SEM_OWNER,
                      zl_xstrdup("put the DS beside the NS records that delegate the child "
                                 "zone, or delete it"),
                      zl_xstrdup("DS at a name that is not a delegation: this zone has no NS "
                                 "records here"));
    else if (cds && r->owner == z->apex && ks->n && !cds_matches(ks, tag, d[2]))
        zl_sem_report(l, z, r, 0,
                      zl_xstrdup("publish the CDS of a DNSKEY the zone has (dnssec-dsfromkey "
                                 "-C, or ldns-key2ds)"),
                      zl_xasprintf("CDS for key tag %u algorithm %u matches no DNSKEY at the "
                                   "apex: the parent would publish a DS that breaks the chain",
                                   tag, d[2]));
}

/* NSEC3 (RFC 5155): the owner's first label is the base32hex hash, the
 * next hashed owner a hash of the algorithm's length. */
static void check_nsec3(zl_lint *l, const zl_zone *z, const zl_record *r, const zl_buf *w)
{
    const uint8_t *d = (const uint8_t *)w->data;
    if (w->len < 6 || (size_t)6 + d[4] > w->len)
        return;
    size_t salt = d[4], hlen = d[5 + salt];
    if (d[0] == 1 && hlen != 20)
        zl_sem_report(l, z, r, 4,
                      zl_xstrdup("a SHA-1 hash is 32 base32hex characters"),
                      zl_xasprintf("the next hashed owner is %zu octets long, not the 20 of "
                                   "SHA-1",
                                   hlen));
    size_t len;
    const uint8_t *lab = zl_names_label(&l->zs->names, r->owner, &len);
    bool hash = len > 0 && (d[0] != 1 || len == 32);
    for (size_t i = 0; i < len && hash; i++)
        hash = (lab[i] >= '0' && lab[i] <= '9') || (lab[i] >= 'a' && lab[i] <= 'v');
    if (!hash && r->owner != ZL_NAME_ROOT)
        zl_sem_report(l, z, r, ZL_SEM_OWNER,
                      zl_xstrdup("the owner's first label is the hash, in base32hex without "
                                 "'=' padding"),
                      zl_xasprintf("NSEC3 owner label \"%.*s\" is not a base32hex%s hash",
                                   (int)len, (const char *)lab, d[0] == 1 ? " SHA-1" : ""));
}

static void check_lengths(zl_lint *l, const zl_zone *z, const zl_record *r, const zl_buf *w)
{
    const uint8_t *d = (const uint8_t *)w->data;
    switch (r->type) {
    case LDNS_RR_TYPE_TLSA:
    case LDNS_RR_TYPE_SMIMEA:
        if (w->len >= 3)
            check_digest(l, z, r, 3, d[2] == 1 ? "SHA-256 hash" : "SHA-512 hash",
                         d[2] == 1 ? 32 : d[2] == 2 ? 64 : 0, w->len - 3);
        break;
    case LDNS_RR_TYPE_SSHFP:
        if (w->len >= 2)
            check_digest(l, z, r, 2, d[1] == 1 ? "SHA-1 fingerprint" : "SHA-256 fingerprint",
                         d[1] == 1 ? 20 : d[1] == 2 ? 32 : 0, w->len - 2);
        break;
    case LDNS_RR_TYPE_ZONEMD:
        if (w->len >= 6 && d[4] == 1)
            check_digest(l, z, r, 3, d[5] == 1 ? "SHA-384 digest" : "SHA-512 digest",
                         d[5] == 1 ? 48 : d[5] == 2 ? 64 : 0, w->len - 6);
        break;
    default: break;
    }
}

static bool service_label(const zl_names *t, zl_name_id id)
{
    size_t len;
    const uint8_t *l = zl_names_label(t, id, &len);
    return len > 1 && l[0] == '_';
}

/* RFC 2782: _Service._Proto.Name (a wildcard may stand for the service). */
static void check_srv_owner(zl_lint *l, const zl_zone *z, const zl_record *r)
{
    const zl_names *t = &l->zs->names;
    if (zl_names_depth(t, r->owner) < 3)
        return;
    zl_name_id proto = zl_names_parent(t, r->owner);
    size_t len;
    const uint8_t *first = zl_names_label(t, r->owner, &len);
    if (service_label(t, proto) && (service_label(t, r->owner) || (len == 1 && first[0] == '*')))
        return;
    zl_buf owner = {0};
    zl_names_format(t, r->owner, &owner);
    char *hint = NULL;
    size_t plen;
    const uint8_t *p = zl_names_label(t, proto, &plen);
    zl_buf h = {0};
    if (first[0] != '_' && p[0] != '_') {
        zl_names_format(t, zl_names_parent(t, proto), &h);
        hint = zl_xasprintf("write _%.*s._%.*s.%s", (int)len, (const char *)first, (int)plen,
                            (const char *)p, zl_buf_str(&h));
    } else if (first[0] == '_') {
        zl_names_format(t, proto, &h);
        hint = zl_xasprintf("write the protocol after the service: %.*s._tcp.%s (or _udp)",
                            (int)len, (const char *)first, zl_buf_str(&h));
    }
    zl_buf_free(&h);
    zl_sem_report(l, z, r, ZL_SEM_OWNER, hint,
                  zl_xasprintf("SRV owner %s is not of the form _service._proto.NAME: clients "
                               "never query it",
                               zl_buf_str(&owner)));
    zl_buf_free(&owner);
}

/* RPZ address triggers (PREFIX.ADDRESS-REVERSED.rpz-ip, .rpz-nsip,
 * .rpz-client-ip): the prefix length and the address in canonical form,
 * IPv6 with "zz" for its longest run of zero groups. */
static const char *bad_rpz_trigger(const zl_names *t, zl_name_id owner, zl_name_id trigger,
                                   char *fix, size_t cap)
{
    char labels[40][64];
    unsigned n = 0;
    for (zl_name_id id = owner; id != trigger && n < 40; id = zl_names_parent(t, id), n++) {
        size_t len;
        const uint8_t *lab = zl_names_label(t, id, &len);
        if (len >= 64)
            return "a label of the address is too long";
        memcpy(labels[n], lab, len);
        labels[n][len] = 0;
    }
    if (n < 2)
        return "no address below the trigger label";
    char *end;
    unsigned long prefix = strtoul(labels[0], &end, 10);
    if (*end || !labels[0][0])
        return "the first label is the prefix length";
    char text[64] = "", canon[INET6_ADDRSTRLEN];
    unsigned char addr[16];
    bool v4 = n == 5;
    size_t o = 0;
    for (unsigned i = n - 1; i >= 1; i--) {
        const char *g = strcmp(labels[i], "zz") == 0 ? "" : labels[i];
        o += (size_t)snprintf(text + o, sizeof text - o, "%s%s%s",
                              (i == n - 1 && !*g) ? ":" : "", g,
                              i > 1 ? (v4 ? "." : ":") : (!*g ? ":" : ""));
        if (o >= sizeof text)
            return "the address is too long";
    }
    if (inet_pton(v4 ? AF_INET : AF_INET6, text, addr) != 1)
        return v4 ? "not an IPv4 address" : "not an IPv6 address";
    if (prefix < 1 || prefix > (v4 ? 32u : 128u))
        return "the prefix length is out of range";
    for (unsigned bit = (unsigned)prefix; bit < (v4 ? 32u : 128u); bit++)
        if (addr[bit / 8] & (0x80 >> (bit % 8)))
            return "the address has bits set beyond the prefix length";
    inet_ntop(v4 ? AF_INET : AF_INET6, addr, canon, sizeof canon);
    if (!v4 && !strchr(canon, '.') && strcmp(canon, text) != 0) {
        /* The canonical labels: groups in reverse, "zz" for "::". */
        char *groups[10];
        unsigned ng = 0;
        for (char *c = canon, *colon; ng < 10; c = colon + 1) {
            colon = strchr(c, ':');
            if (!(*c == 0 || c == colon) || ng == 0 || *groups[ng - 1])
                groups[ng++] = c; /* an empty group after an empty one is the same "::" */
            if (!colon)
                break;
            *colon = 0;
        }
        size_t o2 = (size_t)snprintf(fix, cap, "%lu", prefix);
        for (unsigned g = ng; g-- > 0 && o2 < cap;)
            o2 += (size_t)snprintf(fix + o2, cap - o2, ".%s", *groups[g] ? groups[g] : "zz");
        return "the address is not in canonical form (zz for the longest run of zero groups, "
               "no leading zeros)";
    }
    return NULL;
}

/* The trigger labels of a response policy zone, just below its apex. */
typedef struct rpz_roots {
    zl_name_id id[3];
    unsigned n;
} rpz_roots;

static rpz_roots find_rpz_roots(const zl_names *t, zl_name_id apex)
{
    static const char *const labels[] = {"rpz-ip", "rpz-nsip", "rpz-client-ip"};
    rpz_roots rr = {{0}, 0};
    for (unsigned i = 0; i < 3 && apex != ZL_NAME_NONE; i++) {
        zl_name_id id = zl_names_find_child(t, apex, (const uint8_t *)labels[i],
                                            strlen(labels[i]));
        if (id != ZL_NAME_NONE)
            rr.id[rr.n++] = id;
    }
    return rr;
}

static void check_rpz_owner(zl_lint *l, const zl_zone *z, const zl_record *r,
                            const rpz_roots *rr)
{
    const zl_names *t = &l->zs->names;
    for (unsigned i = 0; i < rr->n; i++) {
        if (r->owner == rr->id[i] || !zl_names_is_below(t, r->owner, rr->id[i]))
            continue;
        char fix[128] = "";
        const char *why = bad_rpz_trigger(t, r->owner, rr->id[i], fix, sizeof fix);
        if (why) {
            zl_buf owner = {0}, root = {0};
            zl_names_format_relative(t, r->owner, z->apex, &owner);
            zl_names_format_relative(t, rr->id[i], z->apex, &root);
            zl_sem_report(l, z, r, ZL_SEM_OWNER,
                          fix[0] ? zl_xasprintf("write %s.%s", fix, zl_buf_str(&root)) : NULL,
                          zl_xasprintf("RPZ trigger %s is not an address prefix: %s",
                                       zl_buf_str(&owner), why));
            zl_buf_free(&owner);
            zl_buf_free(&root);
        }
    }
}

static void check_owner(zl_lint *l, const zl_zone *z, const zl_index *ix, size_t b, size_t e,
                        const keyset *ks, const rpz_roots *rr, zl_buf *w)
{
    bool ns = false, rpz_done = rr->n == 0;
    for (size_t i = b; i < e && !ns; i++)
        ns = z->recs[ix->order[i]].type == LDNS_RR_TYPE_NS;
    for (size_t i = b; i < e; i++) {
        const zl_record *r = &z->recs[ix->order[i]];
        if (r->flags & ZL_REC_BAD_RDATA)
            continue;
        if (!rpz_done) {
            rpz_done = true;
            check_rpz_owner(l, z, r, rr);
        }
        switch (r->type) {
        case LDNS_RR_TYPE_SRV: check_srv_owner(l, z, r); break;
        case LDNS_RR_TYPE_DS:
        case LDNS_RR_TYPE_CDS:
            if (zl_sem_wire(l, z, r, w))
                check_ds(l, z, r, w, ns, ks);
            break;
        case LDNS_RR_TYPE_CDNSKEY:
            if (r->owner == z->apex && ks->n && zl_sem_wire(l, z, r, w) && w->len > 4 &&
                !(w->data[3] == 0) && !cdnskey_matches(ks, w))
                zl_sem_report(l, z, r, 0,
                              zl_xstrdup("publish the CDNSKEY as a copy of a DNSKEY the "
                                         "zone has"),
                              zl_xstrdup("CDNSKEY matches no DNSKEY at the apex: the parent "
                                         "would publish a DS that breaks the chain"));
            break;
        case LDNS_RR_TYPE_NSEC3:
            if (zl_sem_wire(l, z, r, w))
                check_nsec3(l, z, r, w);
            break;
        case LDNS_RR_TYPE_SVCB:
        case LDNS_RR_TYPE_HTTPS:
            if (zl_sem_wire(l, z, r, w))
                zl_svcb_check(l, z, r, (const uint8_t *)w->data, w->len);
            break;
        case LDNS_RR_TYPE_TLSA:
        case LDNS_RR_TYPE_SMIMEA:
        case LDNS_RR_TYPE_SSHFP:
        case LDNS_RR_TYPE_ZONEMD:
            if (zl_sem_wire(l, z, r, w))
                check_lengths(l, z, r, w);
            break;
        default: break;
        }
    }
}

static void run(zl_lint *l)
{
    zl_buf w = {0};
    for (size_t k = 0; k < l->zs->nzones; k++) {
        const zl_zone *z = l->zs->zones[k];
        const zl_index *ix = zl_lint_index(l, k);
        keyset ks = {0};
        if (z->apex != ZL_NAME_NONE)
            collect_keys(l, z, ix, &ks);
        rpz_roots rr = find_rpz_roots(&l->zs->names, z->apex);
        size_t b = 0, e = 0;
        while (zl_index_next_owner(ix, z, &b, &e))
            check_owner(l, z, ix, b, e, &ks, &rr, &w);
        keyset_free(&ks);
    }
    zl_buf_free(&w);
}

static const zl_rule *const rules[] = {&zl_rule_record_semantics, NULL};
const zl_check zl_check_semantics = {.family = "semantics", .run = run, .rules = rules};
