/* A TXT value split into separate records where it needed several strings
 * of one record (txt-string-too-long): the usual wrong fix for a long DKIM
 * key in a provider's interface, seen in its export. A zone file's author
 * writes strings, not records, so only provider exports are checked.
 *
 * This check runs alone before the others (zl_check.serial): it marks both
 * parts so that the DKIM, SPF and DMARC rules do not report the halves once
 * more. */
#include <ldns/ldns.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lint/engine/lint.h"
#include "lint/model/model.h"
#include "rules/rules.h"

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

/* Records of one owner sort together; this check runs alone. */
static const zl_zone *sort_zone;

static int by_owner(const void *a, const void *b)
{
    size_t i = *(const size_t *)a, k = *(const size_t *)b;
    zl_name_id x = sort_zone->recs[i].owner, y = sort_zone->recs[k].owner;
    if (x != y)
        return x < y ? -1 : 1;
    return i < k ? -1 : 1;
}

static void report_split(zl_lint *l, zl_zone *z, zl_record *head, head_kind kind,
                         zl_record *tail, const char *tail_value)
{
    zl_zoneset *zs = l->zs;
    zl_tok t = zl_record_rdata(zs, z, tail, 0), h = zl_record_rdata(zs, z, head, 0);
    uint32_t line, col;
    zl_source_position(zs->srcs[zl_record_src(z, head)], h.off, &line, &col);
    zl_report_span(l, &zl_rule_txt_string_too_long, zl_record_src(z, tail), t.off, t.len, NULL,
                   NULL,
                   zl_xasprintf("remove this record and add \"%.40s%s\" as a further string of "
                                "that record",
                                tail_value, strlen(tail_value) > 40 ? "..." : ""),
                   "this TXT record holds the rest of the %s at line %u: separate records are "
                   "separate values, not one long one",
                   head_names[kind], line);
    tail->flags |= ZL_REC_BAD_RDATA;
    if (kind == HEAD_DKIM)
        head->flags |= ZL_REC_BAD_RDATA; /* its key is cut short: reported here */
}

static void split_txt(zl_lint *l, zl_zone *z)
{
    zl_zoneset *zs = l->zs;
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
                    report_split(l, z, head, kind, tail, tv.data);
            }
        }
        g = e;
    }
    zl_buf_free(&hv);
    zl_buf_free(&tv);
    free(idx);
}

static void run(zl_lint *l)
{
    for (size_t k = 0; k < l->zs->nzones; k++) {
        zl_zone *z = l->zs->zones[k];
        if (strcmp(z->format, "bind") != 0)
            split_txt(l, z);
    }
}

static const zl_rule *const rules[] = {&zl_rule_txt_string_too_long, NULL};
const zl_check zl_check_txt_split = {
    .family = "txt-split", .run = run, .rules = rules, .serial = true};
