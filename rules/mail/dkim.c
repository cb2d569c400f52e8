/* dkim-key-syntax: DKIM key records (RFC 6376 section 3.6.1) at
 * SELECTOR._domainkey.DOMAIN: the tag list, the p= key's base64 and size. */
#include "rules/mail/dkim.h"

#include <ldns/ldns.h>
#include <stdlib.h>
#include <string.h>

#include "lint/engine/lint.h"
#include "lint/util/base64.h"
#include "lint/util/u32set.h"
#include "rules/rules.h"
#include "lint/ses/shape.h"
#include "rules/mail/placement.h"
#include "rules/mail/taglist.h"
#include "rules/values/txt.h"

const zl_rule zl_rule_dkim_key_syntax = {
    .id = "dkim-key-syntax",
    .severity = ZL_SEV_ERROR,
    .summary = "a DKIM key record that receivers cannot use",
    .explanation =
        "A DKIM key record is a tag list (v=DKIM1; k=rsa; p=BASE64) at "
        "SELECTOR._domainkey.DOMAIN. Receivers that fetch it to verify a signature give up "
        "when the tags are malformed or repeated, v= is not first or not DKIM1, p= is "
        "missing, the key is not valid base64 (a character lost or added in copying, a "
        "quote in the middle), or the key is of an unusable size: RSA keys under 1024 bits "
        "are refused (RFC 8301) and over 4096 bits need not be accepted. An empty p= is "
        "a deliberately revoked key and is accepted. A key split over several TXT records "
        "(instead of several strings of one record) is reported once: receivers get the "
        "parts as separate records and can use none of them.",
    .hint = "publish the key as its provider gives it: v=DKIM1; k=rsa; p=BASE64, one record",
};

/* The first avail octets of a decoded key, read at offsets: asked for an
 * octet past them, octet() notes it in beyond, and what was read is void
 * (the key must then be decoded whole). */
typedef struct der_key {
    const uint8_t *p;
    size_t avail;
    bool beyond;
} der_key;

static uint8_t octet(der_key *d, size_t at)
{
    if (at < d->avail)
        return d->p[at];
    d->beyond = true;
    return 0;
}

/* A DER length at offset at, n octets being left there; returns the header
 * size, or 0 when malformed. */
static size_t der_len(der_key *d, size_t at, size_t n, size_t *len)
{
    if (n < 2)
        return 0;
    uint8_t first = octet(d, at + 1);
    if (first < 0x80) {
        *len = first;
        return 2;
    }
    size_t k = first & 0x7F;
    if (k == 0 || k > 4 || n < 2 + k)
        return 0;
    size_t v = 0;
    for (size_t i = 0; i < k; i++)
        v = (v << 8) | octet(d, at + 2 + i);
    *len = v;
    return 2 + k;
}

/* Enter a DER element of the given tag: *at, *n become its contents'. */
static bool der_enter(der_key *d, size_t *at, size_t *n, uint8_t tag, size_t *rest,
                      size_t *restn)
{
    size_t len, h;
    if (*n < 2 || octet(d, *at) != tag || !(h = der_len(d, *at, *n, &len)) || h + len > *n)
        return false;
    if (rest) {
        *rest = *at + h + len;
        *restn = *n - h - len;
    }
    *at += h;
    *n = len;
    return true;
}

/* Bits of the RSA modulus in a SubjectPublicKeyInfo or RSAPublicKey of n
 * octets. */
static unsigned rsa_bits(der_key *d, size_t n)
{
    size_t q = 0, m = n;
    if (!der_enter(d, &q, &m, 0x30, NULL, NULL))
        return 0;
    if (m > 0 && octet(d, q) == 0x30) { /* SubjectPublicKeyInfo: skip the algorithm */
        size_t rest, restn, alg = q, algn = m;
        if (!der_enter(d, &alg, &algn, 0x30, &rest, &restn))
            return 0;
        q = rest;
        m = restn;
        if (!der_enter(d, &q, &m, 0x03, NULL, NULL) || m < 1)
            return 0;
        q++, m--; /* unused-bits octet */
        if (!der_enter(d, &q, &m, 0x30, NULL, NULL))
            return 0;
    }
    if (!der_enter(d, &q, &m, 0x02, NULL, NULL))
        return 0;
    while (m > 0 && octet(d, q) == 0)
        q++, m--;
    if (m == 0)
        return 0;
    unsigned bits = (unsigned)m * 8;
    for (uint8_t top = octet(d, q); !(top & 0x80); top <<= 1)
        bits--;
    return bits;
}

/* Octets of a key decoded to find its size: its DER header lies within
 * them (the modulus of an RSA key in a SubjectPublicKeyInfo starts 33
 * octets in, after a zero octet). The rest of the key is only tested,
 * several times faster than decoded. */
#define KEY_HEAD 48

/* rsa_bits of the base64 key b64 of got octets, of which head holds the
 * first (up to KEY_HEAD): decoded whole only when its header reaches
 * past them. */
static unsigned key_bits(const unsigned char *head, size_t got, const char *b64, size_t b64_len)
{
    der_key d = {head, got < KEY_HEAD ? got : KEY_HEAD, false};
    unsigned bits = rsa_bits(&d, got);
    if (!d.beyond)
        return bits;
    unsigned char *key = zl_xmalloc(b64_len / 4 * 3 + 1);
    size_t len;
    zl_base64_decode_to(b64, b64_len, key, &len);
    d = (der_key){key, len, false};
    bits = rsa_bits(&d, len);
    free(key);
    return bits;
}

char *zl_dkim_key_problem(const char *v, size_t n)
{
    zl_taglist tl;
    zl_taglist_parse(v, n, &tl);
    char *msg = NULL;
    const zl_tag *t;
    if (tl.error) {
        msg = zl_xasprintf("bad tag list: %s", tl.error);
    } else if (tl.n && (t = zl_taglist_get(&tl, "v")) != NULL &&
               (t != &tl.tags[0] || !zl_tag_value_is(t, "DKIM1"))) {
        msg = zl_xstrdup(t != &tl.tags[0] ? "v= must be the first tag"
                                          : "v= must be DKIM1 exactly");
    } else if ((t = zl_taglist_get(&tl, "p")) == NULL) {
        msg = zl_xstrdup("no p= tag: the record holds no key");
    } else if (t->value_len > 0) {
        const zl_tag *k = zl_taglist_get(&tl, "k");
        bool ed = k && zl_tag_value_is(k, "ed25519");
        /* The key is decoded where it is: usually it has no white space.
         * Only when that fails is it decoded again without its spaces and
         * tabs (on the stack for keys up to 4096 bits and more). */
        char b64_local[1024];
        const char *b64 = t->value;
        size_t b64_len = t->value_len;
        char *stripped = NULL;
        unsigned char head[KEY_HEAD];
        size_t got = 0;
        bool decoded = zl_base64_decode_head(b64, b64_len, head, sizeof head, &got);
        if (!decoded && (memchr(b64, ' ', b64_len) || memchr(b64, '\t', b64_len))) {
            stripped = b64_len <= sizeof b64_local ? b64_local : zl_xmalloc(b64_len);
            b64_len = 0;
            for (size_t i = 0; i < t->value_len; i++) {
                char c = t->value[i];
                stripped[b64_len] = c;
                b64_len += c != ' ' && c != '\t';
            }
            b64 = stripped;
            decoded = zl_base64_decode_head(b64, b64_len, head, sizeof head, &got);
        }
        decoded = decoded && got;
        if (!decoded)
            got = 0;
        unsigned bits = decoded && !ed ? key_bits(head, got, b64, b64_len) : 0;
        if (k && !ed && !zl_tag_value_is(k, "rsa"))
            msg = zl_xasprintf("unknown key type k=%.*s: receivers know rsa and ed25519",
                               (int)k->value_len, k->value);
        else if (!decoded)
            msg = zl_xstrdup("p= is not valid base64 (a character lost, added or changed)");
        else if (ed && got != 32)
            msg = zl_xasprintf("p= holds %zu octets; an ed25519 key is 32", got);
        else if (!ed && bits == 0)
            msg = zl_xstrdup("p= is not an RSA public key");
        else if (!ed && bits < 1024)
            msg = zl_xasprintf("RSA key of %u bits: receivers refuse keys under 1024 bits "
                               "(RFC 8301)",
                               bits);
        else if (!ed && bits > 4096)
            msg = zl_xasprintf("RSA key of %u bits: receivers need not accept keys over 4096 "
                               "bits (RFC 8301)",
                               bits);
        if (stripped != b64_local)
            free(stripped);
    }
    zl_taglist_free(&tl);
    return msg;
}

bool zl_dkim_owner(const zl_zoneset *zs, zl_name_id owner)
{
    if (owner == ZL_NAME_NONE || owner == ZL_NAME_ROOT)
        return false;
    /* Selectors are host-name labels; _adsp and the like are other records. */
    size_t len;
    const uint8_t *sel = zl_names_label(&zs->names, owner, &len);
    return sel[0] != '_' &&
           zl_owner_label_is(zs, zl_names_parent(&zs->names, owner), "_domainkey");
}

static bool usable_txt(const zl_record *r)
{
    return r->type == LDNS_RR_TYPE_TXT && !(r->flags & (ZL_REC_BAD_RDATA | ZL_REC_GENERIC));
}

/* TXT records at r's owner (one of several) that together hold a usable
 * key: one key split over several records. Reported once, at the second part; true for every
 * part, so that none is reported as a key of its own. */
static bool split_key(zl_lint *l, size_t k, const zl_zone *z, const zl_record *r)
{
    const zl_index *ix = zl_lint_index(l, k);
    size_t b, e, parts = 0;
    const zl_record *second = NULL;
    zl_index_owner_range(ix, z, r->owner, &b, &e);
    for (size_t i = b; i < e; i++) {
        const zl_record *p = &z->recs[ix->order[i]];
        if (usable_txt(p) && parts++ == 1)
            second = p;
    }
    zl_buf joined = {0};
    for (size_t i = b; i < e; i++) {
        const zl_record *p = &z->recs[ix->order[i]];
        if (usable_txt(p))
            zl_txt_value(l->zs, z, p, &joined); /* in file order within the owner */
    }
    char *problem = zl_dkim_key_problem(zl_buf_str(&joined), joined.len);
    bool split = !problem;
    if (split && r == second) {
        zl_buf hint = {0};
        zl_buf_adds(&hint, "put the parts in one TXT record, as strings: ");
        zl_txt_split(joined.data, joined.len, &hint);
        zl_report_tok(l, &zl_rule_dkim_key_syntax, z, r, zl_record_i_type(r), zl_buf_take(&hint),
                      "the key is split over %zu TXT records: receivers get them as separate "
                      "records and can use none of them",
                      parts);
    }
    free(problem);
    zl_buf_free(&joined);
    return split;
}

/* The owners of zone k with more than one TXT record, where a key may be
 * split: found in one pass over the index, not a search per key. */
static void owners_of_several_txt(zl_lint *l, size_t k, zl_u32set *out)
{
    const zl_zone *z = l->zs->zones[k];
    const zl_index *ix = zl_lint_index(l, k);
    size_t g = 0, b, e;
    while (zl_index_next_owner_with(ix, z, ZL_GROUP_TXT, &g, &b, &e)) {
        unsigned txt = 0;
        for (size_t i = b; i < e && txt < 2; i++)
            txt += usable_txt(&z->recs[ix->order[i]]);
        if (txt >= 2)
            zl_u32set_add(out, z->recs[ix->order[b]].owner);
    }
}

static void run(zl_lint *l)
{
    zl_txt_view tv = {0};
    const zl_buf *v = &tv.value;
    for (size_t k = 0; k < l->zs->nzones; k++) {
        const zl_zone *z = l->zs->zones[k];
        zl_u32set several = {0};
        owners_of_several_txt(l, k, &several);
        size_t seg = 0;
        for (size_t i = 0; i < z->nrecs; i++) {
            const zl_record *r = &z->recs[i];
            zl_record_prefetch(l->zs, z, &seg, i, LDNS_RR_TYPE_TXT);
            if (!usable_txt(r))
                continue;
            bool owner = zl_dkim_owner(l->zs, r->owner);
            if (!owner && !zl_txt_may_start_ci(l->zs, z, r, "v=DKIM1"))
                continue;
            zl_txt_view_read(&tv, l->zs, z, r);
            if (!owner && !zl_has_prefix_ci(v->data, v->len, "v=DKIM1"))
                continue;
            zl_mail_kind kind = zl_mail_kind_of(v->data, v->len);
            if (kind == ZL_MAIL_SPF || kind == ZL_MAIL_DMARC)
                continue; /* mail-record-misplaced */
            zl_ses_shape easy;
            if (zl_ses_dkim_target(v->data, v->len, &easy))
                continue; /* an Easy DKIM CNAME written as TXT: the SES rules say so */
            bool several_txt = zl_u32set_has(&several, r->owner);
            if (several_txt && (zl_txt_view_has_value_problem(l->zs, z, r, &tv) ||
                                split_key(l, k, z, r)))
                continue;
            /* Alone at its owner, a key is tested for value problems only
             * when it has one of its own: most keys have none. */
            char *msg = zl_dkim_key_problem(v->data, v->len);
            if (msg && (several_txt || !zl_txt_view_has_value_problem(l->zs, z, r, &tv)))
                zl_report_tok(l, &zl_rule_dkim_key_syntax, z, r, zl_record_rd(r), NULL, "%s", msg);
            free(msg);
        }
        zl_u32set_free(&several);
    }
    zl_txt_view_free(&tv);
}

static const zl_rule *const rules[] = {&zl_rule_dkim_key_syntax, NULL};
const zl_check zl_check_dkim = {.family = "dkim", .run = run, .rules = rules};
