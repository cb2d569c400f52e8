/* ses-dkim-incomplete, without SES's data: Easy DKIM CNAMEs come in sets of
 * three per identity, carry one token in name and target, and the tokens
 * look like those SES issues. All warnings: the shape is observed, not
 * documented. A record whose name lost its final dot still counts for the
 * identity it was meant for: its name is missing-trailing-dot's finding. */
#include <ldns/ldns.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lint/util/group.h"
#include "rules/names/names.h"
#include "rules/rules.h"
#include "rules/ses/diff.h"
#include "rules/ses/dkim.h"
#include "rules/ses/place.h"
#include "lint/ses/shape.h"
#include "rules/values/txt.h"

/* One DKIM CNAME (or its TXT stand-in), counted for its identity. Grouped
 * by zone and identity (hashed: a zone of SES identities has an entry a
 * record), the distinct tokens of each group are counted. */
typedef struct entry {
    size_t zone;
    size_t identity_at, token_at; /* in the entries' text, while it grows */
    const char *identity, *token; /* there, once it is complete */
    uint64_t identity_hash;
    const zl_record *r; /* the group's finding goes on its last record read */
} entry;

/* The identities and tokens are kept in one text (NUL after each), not
 * allocated one by one: a zone of SES identities has an entry a record.
 * The identity last written from a name (last_id, at last_at) is written
 * once for the records that follow it: an identity's three CNAMEs are
 * usually written together. */
typedef struct entries {
    entry *v;
    size_t n, cap;
    zl_buf text;
    bool have_last;
    zl_name_id last_id;
    size_t last_at;
} entries;

/* An identity as counted: lower case, without the final dot. */
static void lower_identity(char *id)
{
    for (char *p = id; *p; p++)
        *p = (char)zl_ascii_lower(*p);
    size_t n = strlen(id);
    if (n > 1 && id[n - 1] == '.')
        id[n - 1] = '\0';
}

/* The names below TOKEN._domainkey when the text search of meant_identity
 * would find "._domainkey." just after the token: the token holds no dot
 * (written \. it could hold the text searched) and the next label is
 * _domainkey as the search spells it. Formatting only them spares the
 * formatting of the token and a search per record. */
static bool identity_below_token(const zl_names *t, zl_name_id owner, zl_name_id *identity)
{
    size_t len;
    if (owner == ZL_NAME_ROOT)
        return false;
    const uint8_t *token = zl_names_label(t, owner, &len);
    zl_name_id dk = zl_names_parent(t, owner);
    if (memchr(token, '.', len) || dk == ZL_NAME_ROOT)
        return false;
    const uint8_t *label = zl_names_label(t, dk, &len);
    if (len != strlen("_domainkey") || memcmp(label, "_domainkey", len) != 0)
        return false;
    *identity = zl_names_parent(t, dk);
    return true;
}

/* The identity the record was meant for (onto text, NUL-terminated; its
 * offset there): the owner as written when its final dot was forgotten,
 * without the repeated apex when that was doubled. */
static size_t meant_identity(zl_lint *l, const zl_zone *z, const zl_record *r, entries *es)
{
    zl_buf *text = &es->text;
    size_t at = text->len;
    zl_name_fault f = zl_owner_fault(l->zs, z, r);
    zl_name_id id;
    if (f != ZL_FAULT_APEX_TWICE && f != ZL_FAULT_NO_FINAL_DOT &&
        identity_below_token(&l->zs->names, r->owner, &id)) {
        if (es->have_last && id == es->last_id)
            return es->last_at;
        if (id != ZL_NAME_ROOT) /* the search leaves nothing after the root's dot */
            zl_names_format(&l->zs->names, id, text);
        zl_buf_addc(text, '\0');
        lower_identity(text->data + at);
        es->have_last = true;
        es->last_id = id;
        es->last_at = at;
        return at;
    }
    zl_buf o = {0};
    if (f == ZL_FAULT_NO_FINAL_DOT) {
        zl_tok t = zl_record_tok(l->zs, z, r, 0);
        zl_tok_decode(&t, &o);
    } else {
        zl_names_format(&l->zs->names, r->owner, &o);
        if (f == ZL_FAULT_APEX_TWICE) {
            zl_buf a = {0};
            zl_names_format(&l->zs->names, z->apex, &a);
            o.len -= a.len;
            o.data[o.len] = '\0';
            zl_buf_free(&a);
        }
    }
    const char *s = zl_buf_str(&o);
    const char *dk = strstr(s, "._domainkey.");
    zl_buf_adds(text, dk ? dk + strlen("._domainkey.") : s);
    zl_buf_addc(text, '\0');
    lower_identity(text->data + at);
    zl_buf_free(&o);
    return at;
}

static void count(entries *es, size_t zone, size_t identity_at, const char *token,
                  const zl_record *r)
{
    if (es->n == es->cap) {
        es->cap = es->cap ? 2 * es->cap : 64;
        es->v = zl_xrealloc(es->v, es->cap * sizeof *es->v);
    }
    es->v[es->n] = (entry){.zone = zone, .identity_at = identity_at, .token_at = es->text.len,
                           .r = r};
    zl_buf_adds(&es->text, token);
    zl_buf_addc(&es->text, '\0');
    es->n++;
}

static bool same_identity(const entry *a, const entry *b)
{
    return a->zone == b->zone && a->identity_hash == b->identity_hash &&
           (a->identity_at == b->identity_at || strcmp(a->identity, b->identity) == 0);
}

/* Number the group (zone and identity) of each entry in order of first
 * appearance: a hash table holds each group's first entry. */
static size_t number_groups(const entries *es, size_t *group)
{
    size_t cap = 16, ngroups = 0;
    while (cap < 2 * es->n)
        cap *= 2;
    size_t *slot = zl_xzeroed(cap, sizeof *slot); /* entry + 1; 0: empty */
    for (size_t i = 0; i < es->n; i++) {
        const entry *e = &es->v[i];
        size_t h = (size_t)(e->identity_hash ^ (e->zone * 0x9e3779b97f4a7c15u)) & (cap - 1);
        while (slot[h] && !same_identity(&es->v[slot[h] - 1], e))
            h = (h + 1) & (cap - 1);
        if (slot[h]) {
            group[i] = group[slot[h] - 1];
        } else {
            slot[h] = i + 1;
            group[i] = ngroups++;
        }
    }
    free(slot);
    return ngroups;
}

typedef struct token_key {
    uint64_t hash;
    const char *token;
} token_key;

static int cmp_token_key(const void *pa, const void *pb)
{
    const token_key *a = pa, *b = pb;
    if (a->hash != b->hash)
        return a->hash < b->hash ? -1 : 1;
    return strcmp(a->token, b->token);
}

/* Distinct tokens of the entries at[0 .. m): compared pairwise in the usual
 * group of three, sorted by hash in a large one. */
static size_t distinct_tokens(const entries *es, const size_t *at, size_t m)
{
    size_t tokens = 0;
    if (m <= 16) {
        for (size_t j = 0; j < m; j++) {
            size_t k = 0;
            while (k < j && strcmp(es->v[at[k]].token, es->v[at[j]].token) != 0)
                k++;
            tokens += k == j;
        }
        return tokens;
    }
    token_key *keys = zl_xmalloc(m * sizeof *keys);
    for (size_t j = 0; j < m; j++)
        keys[j] = (token_key){zl_hash_text(es->v[at[j]].token), es->v[at[j]].token};
    qsort(keys, m, sizeof *keys, cmp_token_key);
    for (size_t j = 0; j < m; j++)
        tokens += j == 0 || cmp_token_key(&keys[j - 1], &keys[j]) != 0;
    free(keys);
    return tokens;
}

/* An identity whose count of distinct tokens is no multiple of three. The
 * entries are grouped by identity (in reading order within a group) by the
 * groups' numbers. */
static void report_sets(zl_lint *l, entries *es)
{
    for (size_t i = 0; i < es->n; i++) {
        entry *e = &es->v[i];
        e->identity = es->text.data + e->identity_at;
        e->token = es->text.data + e->token_at;
        e->identity_hash = i > 0 && e->identity_at == e[-1].identity_at
                               ? e[-1].identity_hash
                               : zl_hash_text(e->identity);
    }
    size_t *group = zl_xmalloc((es->n + 1) * sizeof *group);
    size_t ngroups = number_groups(es, group);
    zl_groups by;
    zl_group_by(&by, group, es->n, ngroups);
    for (size_t g = 0; g < ngroups; g++) {
        const size_t *at = by.order + by.start[g];
        size_t m = by.start[g + 1] - by.start[g];
        const entry *first = &es->v[at[0]], *last = &es->v[at[m - 1]];
        size_t tokens = distinct_tokens(es, at, m);
        if (tokens % 3 != 0)
            zl_report_tok(l, &zl_rule_ses_dkim_incomplete, l->zs->zones[first->zone], last->r,
                          zl_ses_owner_tok(last->r), NULL,
                          "%s has %zu Easy DKIM CNAME%s in this zone: SES issues them in sets "
                          "of three per region and account",
                          first->identity, tokens, tokens == 1 ? "" : "s");
    }
    zl_groups_free(&by);
    free(group);
    free(es->v);
    zl_buf_free(&es->text);
}

/* Name token and target token of one record, and their shape. */
static void check_record(zl_lint *l, const zl_zone *z, const zl_record *r, const zl_ses_shape *s)
{
    size_t n = strlen(s->token);
    if (strcmp(s->target_token, s->token) != 0 &&
        !zl_ascii_ieq(s->target_token, strlen(s->target_token), s->token)) {
        zl_buf why = {0};
        if (!zl_ses_diff(s->target_token, strlen(s->target_token), s->token, n, false, &why))
            zl_buf_adds(&why, "they are different tokens");
        zl_report_tok(l, &zl_rule_ses_dkim_incomplete, z, r, zl_record_rd(r),
                      zl_xstrdup("write the token SES issued in both the name and the target"),
                      "the target's token %s differs from the name's token %s: %s",
                      s->target_token, s->token, zl_buf_str(&why));
        zl_buf_free(&why);
        return;
    }
    char buf[160];
    const char *problem = zl_ses_token_shape(s->token, n, buf, sizeof buf);
    if (problem)
        zl_report_tok(l, &zl_rule_ses_dkim_incomplete, z, r,
                      zl_ses_owner_tok(r), NULL,
                      "the DKIM token %s does not look like one SES issued: %s", s->token,
                      problem);
}

/* Whether a TXT value may end in .amazonses.com, told from its last string
 * as written when that settles it (long enough, no escape): a DKIM key is
 * then not decoded to find out it is not an SES target. */
static bool may_end_in_ses(const zl_zoneset *zs, const zl_zone *z, const zl_record *r)
{
    static const char suffix[] = ".amazonses.com";
    size_t k = sizeof suffix - 1, n;
    unsigned nr = zl_record_nrdata(r);
    if (nr == 0)
        return false;
    zl_tok t = zl_record_rdata(zs, z, r, nr - 1);
    const char *p = zl_tok_inner(&t, &n);
    if (n < k || memchr(p, '\\', n))
        return true;
    return zl_ascii_ieq(p + n - k, k, suffix);
}

/* TOKEN._domainkey TXT "TOKEN.dkim.amazonses.com": the CNAME typed as TXT.
 * Reported, and counted for its identity like the CNAME it stands for. */
static bool easy_as_txt(zl_lint *l, const zl_zone *z, const zl_record *r, zl_ses_shape *s)
{
    if (!zl_is_txt_type(r->type) || r->owner == ZL_NAME_ROOT ||
        !zl_owner_label_is(l->zs, zl_names_parent(&l->zs->names, r->owner), "_domainkey"))
        return false;
    if (!may_end_in_ses(l->zs, z, r))
        return false;
    zl_buf v = {0};
    zl_txt_value(l->zs, z, r, &v);
    bool easy = zl_ses_dkim_target(zl_buf_str(&v), v.len, s);
    zl_buf_free(&v);
    if (!easy)
        return false;
    size_t len;
    const uint8_t *label = zl_names_label(&l->zs->names, r->owner, &len);
    snprintf(s->token, sizeof s->token, "%.*s", (int)len, (const char *)label);
    zl_report_tok(l, &zl_rule_ses_dkim_incomplete, z, r, zl_record_i_type(r),
                  zl_xstrdup("make it a CNAME record, with the same target"),
                  "an Easy DKIM record written as TXT: SES resolves a CNAME here");
    return true;
}

void zl_ses_check_dkim_shape(zl_lint *l)
{
    entries es = {0};
    for (size_t k = 0; k < l->zs->nzones; k++) {
        const zl_zone *z = l->zs->zones[k];
        for (size_t i = 0; i < z->nrecs; i++) {
            const zl_record *r = &z->recs[i];
            zl_ses_shape s;
            if (easy_as_txt(l, z, r, &s)) {
                count(&es, k, meant_identity(l, z, r, &es), s.token, r);
                continue;
            }
            /* Only a CNAME is classified an Easy DKIM record. */
            if (r->type != LDNS_RR_TYPE_CNAME || !zl_ses_classify(l->zs, z, r, &s) ||
                s.kind != ZL_SES_DKIM ||
                zl_ses_value_reported(l, z, r))
                continue;
            check_record(l, z, r, &s);
            count(&es, k, meant_identity(l, z, r, &es), s.token, r);
        }
    }
    report_sets(l, &es);
}
