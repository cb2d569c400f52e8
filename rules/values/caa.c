/* caa-syntax: CAA records (RFC 8659) whose flags, tag or value a
 * certificate authority cannot use. ldns has checked the three fields'
 * form; this is the meaning of each tag's value. */
#include <ldns/ldns.h>
#include <stdlib.h>
#include <string.h>

#include "lint/engine/lint.h"
#include "rules/rules.h"

const zl_rule zl_rule_caa_syntax = {
    .id = "caa-syntax",
    .severity = ZL_SEV_ERROR,
    .summary = "a CAA record with bad flags, an unknown tag, or a value its tag does not allow",
    .explanation =
        "A CAA record (RFC 8659) is FLAGS TAG \"VALUE\". The flags are 0, or 128 for "
        "issuer-critical (the other bits are reserved and must be 0). The tags are issue, "
        "issuewild and iodef (RFC 8659), issuemail (RFC 9495), issuevmc, contactemail and "
        "contactphone (CA/Browser Forum). An issue or issuewild value is one CA's domain "
        "name, without a final dot or a URL scheme, optionally followed by '; key=value' "
        "parameters; an empty value or ';' forbids issuance. An iodef value is a mailto:, "
        "http: or https: URL. A CA reads a misspelt tag as an unknown property and ignores "
        "it (or refuses to issue at all when the critical flag is set), and a malformed "
        "issuer domain authorises no CA: certificate requests then fail.",
    .hint = "write e.g. 0 issue \"letsencrypt.org\", one record per CA",
};

static const char *const known_tags[] = {"issue",        "issuewild",    "iodef",
                                         "issuemail",    "issuevmc",     "contactemail",
                                         "contactphone", NULL};

static size_t edit_distance(const char *a, size_t n, const char *b)
{
    size_t m = strlen(b), row[32];
    if (n >= 31 || m >= 31)
        return 99;
    for (size_t j = 0; j <= m; j++)
        row[j] = j;
    for (size_t i = 1; i <= n; i++) {
        size_t prev = row[0];
        row[0] = i;
        for (size_t j = 1; j <= m; j++) {
            size_t cur = row[j];
            size_t sub = prev + (zl_ascii_lower(a[i - 1]) != b[j - 1]);
            size_t best = row[j] + 1 < row[j - 1] + 1 ? row[j] + 1 : row[j - 1] + 1;
            row[j] = sub < best ? sub : best;
            prev = cur;
        }
    }
    return row[m];
}

static bool is_alnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static const char *skip_wsp(const char *p, const char *end)
{
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    return p;
}

/* RFC 8659 section 4.2: issuer-domain-name = label *("." label), a label
 * letters and digits with hyphens inside. NULL when [p, end) is one. */
static const char *bad_domain(const char *p, const char *end)
{
    if (end > p && end[-1] == '.')
        return "the CA's domain is written without a final dot";
    if (memchr(p, ':', (size_t)(end - p)) || memchr(p, '/', (size_t)(end - p)))
        return "the CA is named by its domain name, not a URL";
    const char *label = p;
    for (const char *q = p; q <= end; q++) {
        if (q < end && *q != '.') {
            if (!is_alnum(*q) && *q != '-')
                return *q == ',' ? "one CA per record: write a second CAA record for the next"
                                 : "the CA's domain holds a character other than a letter, "
                                   "digit, hyphen or dot";
            continue;
        }
        if (q == label || label[0] == '-' || q[-1] == '-')
            return "the CA's domain has an empty label or a hyphen at a label's end";
        label = q + 1;
    }
    return NULL;
}

/* issue, issuewild, issuemail, issuevmc: [domain] [; key=value ...]. */
static const char *bad_issue_value(const char *v, size_t n)
{
    const char *p = skip_wsp(v, v + n), *end = v + n;
    const char *semi = memchr(p, ';', (size_t)(end - p));
    const char *dend = semi ? semi : end;
    while (dend > p && (dend[-1] == ' ' || dend[-1] == '\t'))
        dend--;
    if (dend > p) {
        const char *why = bad_domain(p, dend);
        if (why)
            return why;
    }
    if (!semi)
        return NULL;
    for (p = skip_wsp(semi + 1, end); p < end;) {
        const char *k = p;
        while (p < end && is_alnum(*p))
            p++;
        if (p == k || p >= end || *p != '=')
            return "a parameter after ';' is key=value (one CA per record: a second CA "
                   "needs a second CAA record)";
        for (p++; p < end && *p != ' ' && *p != '\t' && *p != ';'; p++)
            if ((unsigned char)*p < 0x21 || (unsigned char)*p > 0x7e)
                return "a parameter value holds a character outside printable ASCII";
        p = skip_wsp(p, end);
        if (p < end && *p == ';')
            p = skip_wsp(p + 1, end);
    }
    return NULL;
}

static const char *bad_iodef(const char *v, size_t n)
{
    if (zl_has_prefix_ci(v, n, "mailto:"))
        return memchr(v, '@', n) ? NULL : "a mailto: URL without an address";
    if (zl_has_prefix_ci(v, n, "https://") || zl_has_prefix_ci(v, n, "http://"))
        return NULL;
    return "iodef is a URL: mailto:ADDRESS or https://...";
}

/* The corrected record text for the common slips: a final dot, a URL, a
 * list of CAs, an iodef address without mailto:. NULL when there is none. */
static char *fix_hint(unsigned long flags, const char *tag, size_t tn, const char *v, size_t n)
{
    const char *semi = memchr(v, ';', n), *end = semi ? semi : v + n;
    const char *sep = strstr(v, "://");
    if (zl_ascii_ieq(tag, tn, "iodef"))
        return memchr(v, '@', n) && !memchr(v, ':', n)
                   ? zl_xasprintf("write %lu iodef \"mailto:%s\"", flags, v)
                   : NULL;
    if (sep && sep < end) {
        const char *host = sep + 3, *slash = memchr(host, '/', (size_t)(end - host));
        return zl_xasprintf("write %lu %.*s \"%.*s\"", flags, (int)tn, tag,
                            (int)((slash ? slash : end) - host), host);
    }
    if (end > v && end[-1] == '.')
        return zl_xasprintf("write %lu %.*s \"%.*s%s\"", flags, (int)tn, tag,
                            (int)(end - v - 1), v, v + (end - v));
    if (memchr(v, ',', (size_t)(end - v))) {
        zl_buf b = {0};
        zl_buf_adds(&b, "write one record per CA:");
        for (const char *p = v; p < end;) {
            const char *c = memchr(p, ',', (size_t)(end - p)), *e = c ? c : end;
            while (p < e && *p == ' ')
                p++;
            while (e > p && e[-1] == ' ')
                e--;
            zl_buf_printf(&b, "%s %lu %.*s \"%.*s\"", p == v ? "" : ",", flags, (int)tn, tag,
                          (int)(e - p), p);
            p = c ? c + 1 : end;
        }
        return zl_buf_take(&b);
    }
    return NULL;
}

static bool tag_is(const char *t, size_t n, const char *name)
{
    return zl_ascii_ieq(t, n, name);
}

static void check(zl_lint *l, const zl_zone *z, const zl_record *r, zl_buf *val)
{
    if (zl_record_nrdata(r) != 3)
        return;
    zl_tok ft = zl_record_rdata(l->zs, z, r, 0), tt = zl_record_rdata(l->zs, z, r, 1);
    zl_tok vt = zl_record_rdata(l->zs, z, r, 2);
    unsigned rd = zl_record_rd(r);
    unsigned long flags = strtoul(ft.p, NULL, 10);
    if (flags != 0 && flags != 128) {
        zl_report_tok(l, &zl_rule_caa_syntax, z, r, rd,
                      zl_xstrdup("write 0, or 128 to make the property critical"),
                      "CAA flags %lu: only 0 and 128 (issuer critical) are defined, the other "
                      "bits must be 0",
                      flags);
        return;
    }
    size_t tn;
    const char *tag = zl_tok_inner(&tt, &tn);
    bool known = false;
    const char *near = NULL;
    for (const char *const *k = known_tags; *k; k++) {
        if (tag_is(tag, tn, *k))
            known = true;
        else if (!near && edit_distance(tag, tn, *k) <= (strlen(*k) > 5 ? 2u : 1u))
            near = *k;
    }
    if (!known) {
        zl_report_tok(l, &zl_rule_caa_syntax, z, r, rd + 1,
                      near ? zl_xasprintf("write %s", near)
                           : zl_xstrdup("use issue, issuewild or iodef"),
                      "CAA tag \"%.*s\" is not a CAA property%s%s", (int)tn, tag,
                      near ? ": did you mean " : "", near ? near : "");
        return;
    }
    zl_buf_reset(val);
    zl_tok_decode(&vt, val);
    const char *v = zl_buf_str(val), *why = NULL;
    if (tag_is(tag, tn, "iodef"))
        why = bad_iodef(v, val->len);
    else if (tag_is(tag, tn, "contactemail"))
        why = memchr(v, '@', val->len) ? NULL : "contactemail is an e-mail address";
    else if (tag_is(tag, tn, "contactphone"))
        why = val->len && v[0] == '+' ? NULL : "contactphone is a number in +CC form";
    else
        why = bad_issue_value(v, val->len);
    if (why)
        zl_report_tok(l, &zl_rule_caa_syntax, z, r, rd + 2,
                      fix_hint(flags, tag, tn, v, val->len), "CAA %.*s \"%s\": %s", (int)tn,
                      tag, v, why);
}

static void run(zl_lint *l)
{
    zl_buf val = {0};
    for (size_t k = 0; k < l->zs->nzones; k++) {
        const zl_zone *z = l->zs->zones[k];
        for (size_t i = 0; i < z->nrecs; i++) {
            const zl_record *r = &z->recs[i];
            if (r->type == LDNS_RR_TYPE_CAA && !(r->flags & (ZL_REC_BAD_RDATA | ZL_REC_GENERIC)))
                check(l, z, r, &val);
        }
    }
    zl_buf_free(&val);
}

static const zl_rule *const rules[] = {&zl_rule_caa_syntax, NULL};
const zl_check zl_check_caa = {.family = "caa", .run = run, .rules = rules};
