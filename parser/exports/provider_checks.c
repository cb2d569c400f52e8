#include "parser/exports/provider_checks.h"

#include <ldns/ldns.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "parser/master/rdata.h"

typedef enum { HEAD_NONE, HEAD_DKIM, HEAD_SPF, HEAD_DMARC } head_kind;
static const char *const head_names[] = {"", "DKIM key", "SPF record", "DMARC record"};

static bool is_txt(const zl_record *r)
{
    return r->type == LDNS_RR_TYPE_TXT && !(r->flags & (ZL_REC_BAD_RDATA | ZL_REC_GENERIC)) &&
           zl_record_nrdata(r) > 0;
}

static void txt_value(const zl_zoneset *zs, const zl_zone *z, const zl_record *r, zl_buf *out)
{
    zl_buf_reset(out);
    for (unsigned i = 0; i < zl_record_nrdata(r); i++) {
        zl_tok t = zl_record_rdata(zs, z, r, i);
        zl_tok_decode(&t, out);
    }
    zl_buf_str(out);
}

static head_kind head_of(const char *v, size_t n)
{
    while (n && *v == ' ')
        v++, n--;
    if (zl_has_prefix_ci(v, n, "v=DKIM1"))
        return HEAD_DKIM;
    if (zl_has_prefix_ci(v, n, "v=spf1"))
        return HEAD_SPF;
    if (zl_has_prefix_ci(v, n, "v=DMARC1"))
        return HEAD_DMARC;
    return HEAD_NONE;
}

static bool base64_run(const char *v, size_t n)
{
    if (n < 4)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!((v[i] >= 'A' && v[i] <= 'Z') || (v[i] >= 'a' && v[i] <= 'z') ||
              (v[i] >= '0' && v[i] <= '9') || v[i] == '+' || v[i] == '/' || v[i] == '='))
            return false;
    return true;
}

static bool spf_term(const char *v, size_t n)
{
    static const char *const terms[] = {"include:", "ip4:",  "ip6:", "a:",  "mx:",  "exists:",
                                        "ptr",      "redirect=", "exp=", "all", NULL};
    if (n && strchr("+-~?", v[0]))
        v++, n--;
    for (int i = 0; terms[i]; i++)
        if (zl_has_prefix_ci(v, n, terms[i]))
            return true;
    return (n == 1 || (n > 1 && v[1] == ' ')) && (v[0] == 'a' || v[0] == 'A');
}

/* A value that cannot stand alone and reads as the rest of a head's value. */
static bool continues(head_kind head, const char *v, size_t n)
{
    if (head_of(v, n) != HEAD_NONE)
        return false;
    switch (head) {
    case HEAD_DKIM: return base64_run(v, n);
    case HEAD_SPF: return spf_term(v, n);
    case HEAD_DMARC: {
        size_t i = 0;
        while (i < n && v[i] >= 'a' && v[i] <= 'z')
            i++;
        return i > 0 && i < n && v[i] == '=';
    }
    default: return false;
    }
}

/* Records of one owner sort together; readers run single-threaded. */
static const zl_zone *sort_zone;

static int by_owner(const void *a, const void *b)
{
    size_t i = *(const size_t *)a, k = *(const size_t *)b;
    zl_name_id x = sort_zone->recs[i].owner, y = sort_zone->recs[k].owner;
    if (x != y)
        return x < y ? -1 : 1;
    return i < k ? -1 : 1;
}

static void report_split(zl_zoneset *zs, zl_zone *z, zl_record *head, head_kind kind,
                         zl_record *tail, const char *tail_value)
{
    zl_tok t = zl_record_rdata(zs, z, tail, 0), h = zl_record_rdata(zs, z, head, 0);
    uint32_t line, col;
    zl_source_position(zs->srcs[zl_record_src(z, head)], h.off, &line, &col);
    zl_diag_add(zs, "txt-string-too-long", zl_record_src(z, tail), t.off, t.len,
                zl_xasprintf("this TXT record holds the rest of the %s at line %u: separate "
                             "records are separate values, not one long one",
                             head_names[kind], line),
                zl_xasprintf("remove this record and add \"%.40s%s\" as a further string of "
                             "that record",
                             tail_value, strlen(tail_value) > 40 ? "..." : ""));
    tail->flags |= ZL_REC_BAD_RDATA;
    if (kind == HEAD_DKIM)
        head->flags |= ZL_REC_BAD_RDATA; /* its key is cut short: reported here */
}

static void split_txt(zl_zoneset *zs, zl_zone *z)
{
    size_t *idx = zl_xmalloc((z->nrecs + 1) * sizeof *idx), n = 0;
    for (size_t i = 0; i < z->nrecs; i++)
        if (is_txt(&z->recs[i]))
            idx[n++] = i;
    sort_zone = z;
    qsort(idx, n, sizeof *idx, by_owner);
    zl_buf hv = {0}, tv = {0};
    for (size_t g = 0; g < n;) {
        size_t e = g;
        while (e < n && z->recs[idx[e]].owner == z->recs[idx[g]].owner)
            e++;
        for (size_t h = g; e - g > 1 && h < e; h++) {
            zl_record *head = &z->recs[idx[h]];
            txt_value(zs, z, head, &hv);
            head_kind kind = head_of(hv.data, hv.len);
            for (size_t k = g; kind != HEAD_NONE && k < e; k++) {
                zl_record *tail = &z->recs[idx[k]];
                if (k == h || !is_txt(tail))
                    continue;
                txt_value(zs, z, tail, &tv);
                if (continues(kind, tv.data, tv.len))
                    report_split(zs, z, head, kind, tail, tv.data);
            }
        }
        g = e;
    }
    zl_buf_free(&hv);
    zl_buf_free(&tv);
    free(idx);
}

static bool label_is(const zl_names *names, zl_name_id id, const char *label)
{
    size_t len;
    const uint8_t *l = zl_names_label(names, id, &len);
    return len == strlen(label) && memcmp(l, label, len) == 0;
}

/* The owner's first label when the owner is TOKEN._domainkey.X and TOKEN
 * has the shape of an SES Easy DKIM token (32 of a-z and 2-7). */
static bool ses_dkim_token(const zl_names *names, zl_name_id owner, char token[33])
{
    if (zl_names_depth(names, owner) < 3 ||
        !label_is(names, zl_names_parent(names, owner), "_domainkey"))
        return false;
    size_t len;
    const uint8_t *l = zl_names_label(names, owner, &len);
    if (len != 32)
        return false;
    for (size_t i = 0; i < len; i++)
        if (!((l[i] >= 'a' && l[i] <= 'z') || (l[i] >= '2' && l[i] <= '7')))
            return false;
    memcpy(token, l, 32);
    token[32] = '\0';
    return true;
}

/* X.amazonses.com.APEX: an SES host that was completed with the zone. */
static bool ses_host_below_apex(const zl_names *names, zl_name_id name, zl_name_id apex)
{
    if (apex == ZL_NAME_NONE || name == ZL_NAME_NONE)
        return false;
    unsigned d = zl_names_depth(names, apex);
    return zl_names_depth(names, name) > d + 2 && zl_names_is_below(names, name, apex) &&
           label_is(names, zl_names_ancestor(names, name, d + 1), "com") &&
           label_is(names, zl_names_ancestor(names, name, d + 2), "amazonses");
}

/* TOKEN, TOKEN.dkim or TOKEN.dkim.amazonses: the start of the SES target,
 * cut at a label. */
static bool lacks_domain(const char *text, size_t n, const char *token)
{
    static const char domain[] = ".dkim.amazonses.com";
    size_t k = n - 32;
    return n >= 32 && n < 32 + sizeof domain - 1 && strncasecmp(text, token, 32) == 0 &&
           strncasecmp(text + 32, domain, k) == 0 && domain[k] == '.';
}

/* Whether the reader already reported this rule at this place. */
static bool reported(const zl_zoneset *zs, uint32_t src, uint32_t off, const char *rule)
{
    for (size_t i = 0; i < zs->ndiags; i++)
        if (zs->diags[i].src == src && zs->diags[i].off == off &&
            strcmp(zs->diags[i].rule, rule) == 0)
            return true;
    return false;
}

static void ses_targets(zl_zoneset *zs, zl_zone *z)
{
    const zl_names *names = &zs->names;
    zl_buf text = {0}, full = {0};
    for (size_t i = 0; i < z->nrecs; i++) {
        zl_record *r = &z->recs[i];
        if ((r->type != LDNS_RR_TYPE_CNAME && r->type != LDNS_RR_TYPE_MX) ||
            (r->flags & (ZL_REC_BAD_RDATA | ZL_REC_GENERIC)) || zl_record_nrdata(r) == 0)
            continue;
        zl_tok t = zl_record_rdata(zs, z, r, zl_record_nrdata(r) - 1);
        if (t.quoted || reported(zs, zl_record_src(z, r), t.off, "missing-trailing-dot"))
            continue;
        bool absolute;
        zl_name_id target = zl_rdata_name_lookup(names, zl_record_origin(z, r), &t, &absolute);
        zl_buf_reset(&text);
        zl_tok_decode(&t, &text);
        zl_buf_str(&text);
        size_t n = text.len - (absolute && text.len ? 1 : 0);
        char token[33];
        if (absolute && ses_host_below_apex(names, target, z->apex)) {
            zl_buf_reset(&full);
            zl_names_format(names, z->apex, &full);
            zl_diag_add(zs, "missing-trailing-dot", zl_record_src(z, r), t.off, t.len,
                        zl_xasprintf("the target %s ends with the zone %s: it was entered "
                                     "without its final dot, and the zone was appended",
                                     text.data, full.data),
                        zl_xasprintf("enter the target with a final dot: %.*s",
                                     (int)(text.len - full.len), text.data));
        } else if (r->type == LDNS_RR_TYPE_CNAME && ses_dkim_token(names, r->owner, token) &&
                   lacks_domain(text.data, n, token)) {
            zl_diag_add(zs, "missing-trailing-dot", zl_record_src(z, r), t.off, t.len,
                        zl_xasprintf("the SES DKIM target %.*s lacks its domain: Easy DKIM "
                                     "targets are %s.dkim.amazonses.com.",
                                     (int)n, text.data, token),
                        zl_xasprintf("write the whole target: %s.dkim.amazonses.com. (or the "
                                     "DKIM domain of your SES region)",
                                     token));
        }
    }
    zl_buf_free(&text);
    zl_buf_free(&full);
}

void zl_provider_checks(zl_zoneset *zs, zl_zone *z)
{
    split_txt(zs, z);
    ses_targets(zs, z);
}
