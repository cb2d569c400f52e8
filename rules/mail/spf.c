/* spf-multiple and spf-syntax: SPF records (RFC 7208) as the zone shows them.
 * Only the syntax and the DNS-lookup budget can be checked offline; the
 * budget counts the includes whose records are in the loaded zones too. */
#include <arpa/inet.h>
#include <ldns/ldns.h>
#include <stdlib.h>
#include <string.h>

#include "lint/engine/lint.h"
#include "rules/rules.h"
#include "rules/values/txt.h"

const zl_rule zl_rule_spf_multiple = {
    .id = "spf-multiple",
    .severity = ZL_SEV_ERROR,
    .summary = "more than one v=spf1 TXT record at one name",
    .explanation =
        "A name may publish one SPF policy. With two TXT records that start with v=spf1, "
        "receivers stop and return permerror (RFC 7208 section 3.2), which most treat as a "
        "failure: mail that passed with either record alone now fails. This happens when a "
        "service's setup page says 'add this TXT record' and the domain already has one; "
        "the fix is to merge the mechanisms into one record.",
    .hint = "merge the records into one: v=spf1, the mechanisms of both, one all",
};

const zl_rule zl_rule_spf_syntax = {
    .id = "spf-syntax",
    .severity = ZL_SEV_ERROR,
    .summary = "an SPF record that receivers cannot evaluate",
    .explanation =
        "An SPF record is a small language (RFC 7208 section 12): mechanisms such as "
        "include:, a, mx, ip4:, ip6:, exists:, all with optional qualifiers + - ~ ?, and the "
        "modifiers redirect= and exp=. A misspelt mechanism, an ip4: without an address, a "
        "bad CIDR length, a broken macro or a repeated modifier makes the whole record a "
        "permerror. So does needing more than ten DNS lookups (include, a, mx, ptr, exists, "
        "redirect): zonelint counts them in the record and in the included records it can "
        "see in the loaded zones.",
    .hint = "fix the term the message names; see RFC 7208 section 5",
};

#define SPF_LOOKUP_LIMIT 10

typedef struct spf_ctx {
    zl_lint *l;
    const zl_zone *z;
    const zl_record *r;
    const size_t *starts; /* where each string starts in the joined value */
    unsigned nstr;
    bool reported;
} spf_ctx;

static bool is_spf(const char *v, size_t n)
{
    return n >= 6 && zl_has_prefix_ci(v, n, "v=spf1") && (n == 6 || v[6] == ' ');
}

/* Report once per record, at the string holding pos. A term that straddles
 * two strings is the classic split-without-space mistake: say so. */
static void fail(spf_ctx *c, size_t pos, size_t len, const char *fmt, const char *arg)
{
    if (c->reported)
        return;
    c->reported = true;
    char *hint = NULL;
    unsigned t = zl_txt_string_at(c->starts, c->nstr, pos);
    if (zl_txt_string_at(c->starts, c->nstr, pos + (len ? len - 1 : 0)) != t)
        hint = zl_xstrdup("the strings of a TXT record are joined without a space: end the "
                          "first string with a space, or start the next with one");
    zl_report_tok(c->l, &zl_rule_spf_syntax, c->z, c->r, zl_record_rd(c->r) + t, hint, fmt, arg);
}

static void fail_why(spf_ctx *c, size_t pos, size_t len, const char *term, const char *why)
{
    char msg[200];
    snprintf(msg, sizeof msg, "bad domain in '%s': %s", term, why);
    fail(c, pos, len, "%s", msg);
}

static bool is_alpha(char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}

static bool is_alnum(char ch)
{
    return is_alpha(ch) || (ch >= '0' && ch <= '9');
}

/* macro-string (RFC 7208 7.1); on success *last_macro tells whether the string
 * ends with a macro-expand (which may stand for the domain's end). */
static bool macro_string(const char *p, size_t n, bool *last_macro, const char **why)
{
    *last_macro = false;
    for (size_t i = 0; i < n; i++) {
        char ch = p[i];
        *last_macro = false;
        if (ch != '%') {
            if (ch < 0x21 || ch > 0x7E) {
                *why = "a character that is not allowed in a domain-spec";
                return false;
            }
            continue;
        }
        if (i + 1 >= n) {
            *why = "a '%' at the end: write %% for a literal percent sign";
            return false;
        }
        char m = p[++i];
        if (m == '%' || m == '_' || m == '-') {
            *last_macro = true;
            continue;
        }
        if (m != '{' || i + 2 >= n) {
            *why = "a '%' that starts no macro: use %{x}, %%, %_ or %-";
            return false;
        }
        char letter = (char)zl_ascii_lower((unsigned char)p[++i]);
        if (!strchr("slodiphcrtv", letter)) {
            *why = "an unknown macro letter";
            return false;
        }
        i++;
        while (i < n && p[i] >= '0' && p[i] <= '9')
            i++;
        if (i < n && (p[i] == 'r' || p[i] == 'R'))
            i++;
        while (i < n && strchr(".-+,/_=", p[i]))
            i++;
        if (i >= n || p[i] != '}') {
            *why = "a macro without its closing '}'";
            return false;
        }
        *last_macro = true;
    }
    return true;
}

/* domain-spec: a macro-string ending in a macro or in "." toplabel ["."]. */
static bool domain_spec(const char *p, size_t n, const char **why)
{
    bool last_macro;
    if (n == 0) {
        *why = "a missing domain";
        return false;
    }
    if (!macro_string(p, n, &last_macro, why))
        return false;
    if (last_macro)
        return true;
    if (p[n - 1] == '.')
        n--;
    size_t start = n;
    while (start > 0 && p[start - 1] != '.')
        start--;
    if (start == 0 || start == n) {
        *why = "not a domain name with at least two labels";
        return false;
    }
    bool alpha = false;
    for (size_t i = start; i < n; i++) {
        if (!is_alnum(p[i]) && p[i] != '-') {
            *why = "a top-level label with characters other than letters, digits and '-'";
            return false;
        }
        alpha = alpha || is_alpha(p[i]) || p[i] == '-';
    }
    if (!alpha || p[start] == '-' || p[n - 1] == '-') {
        *why = "a last label that is not a top-level domain";
        return false;
    }
    return true;
}

static bool cidr(const char *p, size_t n, unsigned max)
{
    if (n == 0 || n > 3 || (p[0] == '0' && n > 1))
        return false;
    unsigned v = 0;
    for (size_t i = 0; i < n; i++) {
        if (p[i] < '0' || p[i] > '9')
            return false;
        v = v * 10 + (unsigned)(p[i] - '0');
    }
    return v <= max;
}

/* [ "/" ip4-cidr ] [ "//" ip6-cidr ] after a, mx. */
static bool dual_cidr(const char *p, size_t n)
{
    if (n == 0)
        return true;
    if (p[0] != '/')
        return false;
    if (n >= 2 && p[1] == '/')
        return cidr(p + 2, n - 2, 128);
    const char *slash = memchr(p + 1, '/', n - 1);
    if (!slash)
        return cidr(p + 1, n - 1, 32);
    size_t k = (size_t)(slash - p);
    return cidr(p + 1, k - 1, 32) && k + 1 < n && p[k + 1] == '/' &&
           cidr(p + k + 2, n - k - 2, 128);
}

static bool ip_network(const char *p, size_t n, int family)
{
    const char *slash = memchr(p, '/', n);
    size_t alen = slash ? (size_t)(slash - p) : n;
    char buf[64];
    if (alen == 0 || alen >= sizeof buf)
        return false;
    memcpy(buf, p, alen);
    buf[alen] = '\0';
    unsigned char addr[16];
    if (inet_pton(family, buf, addr) != 1)
        return false;
    return !slash || cidr(slash + 1, n - alen - 1, family == AF_INET ? 32 : 128);
}

/* The record of an include: or redirect= target, when a loaded zone has it. */
static const char *find_spf(zl_lint *l, const char *domain, size_t n, zl_buf *out);

/* Lookups the record needs, added to total; stops once past the limit, so
 * include loops and wide include trees cost at most a few evaluations. */
static unsigned count_lookups(zl_lint *l, const char *v, size_t n, unsigned depth,
                              unsigned total)
{
    for (size_t i = 6; i < n && total <= SPF_LOOKUP_LIMIT;) {
        while (i < n && v[i] == ' ')
            i++;
        size_t s = i;
        while (i < n && v[i] != ' ')
            i++;
        const char *t = v + s;
        size_t tl = i - s;
        if (tl && strchr("+-~?", t[0]))
            t++, tl--;
        size_t nl = 0;
        while (nl < tl && t[nl] != ':' && t[nl] != '/' && t[nl] != '=')
            nl++;
        if (zl_ascii_ieq(t, nl, "include") || zl_ascii_ieq(t, nl, "redirect")) {
            total++;
            zl_buf rec = {0};
            if (nl < tl && depth < 10 && find_spf(l, t + nl + 1, tl - nl - 1, &rec))
                total = count_lookups(l, rec.data, rec.len, depth + 1, total);
            zl_buf_free(&rec);
        } else if (zl_ascii_ieq(t, nl, "a") || zl_ascii_ieq(t, nl, "mx") ||
                   zl_ascii_ieq(t, nl, "ptr") || zl_ascii_ieq(t, nl, "exists")) {
            total++;
        }
    }
    return total;
}

static const char *find_spf(zl_lint *l, const char *domain, size_t n, zl_buf *out)
{
    if (memchr(domain, '%', n))
        return NULL; /* a macro: known only at query time */
    char buf[300];
    if (n == 0 || n >= sizeof buf - 1)
        return NULL;
    memcpy(buf, domain, n);
    buf[n] = '\0';
    if (buf[n - 1] != '.')
        strcat(buf, ".");
    ldns_rdf *rdf = NULL;
    if (ldns_str2rdf_dname(&rdf, buf) != LDNS_STATUS_OK || !rdf)
        return NULL;
    zl_name_id id = zl_names_find_wire(&l->zs->names, ZL_NAME_ROOT, ldns_rdf_data(rdf),
                                       ldns_rdf_size(rdf));
    ldns_rdf_deep_free(rdf);
    if (id == ZL_NAME_NONE)
        return NULL;
    for (size_t k = 0; k < l->zs->nzones; k++) {
        const zl_zone *z = l->zs->zones[k];
        const zl_index *ix = zl_lint_index(l, k);
        size_t b, e;
        zl_index_owner_range(ix, z, id, &b, &e);
        for (size_t i = b; i < e; i++) {
            const zl_record *r = &z->recs[ix->order[i]];
            if (r->type != LDNS_RR_TYPE_TXT)
                continue;
            zl_buf_reset(out);
            zl_txt_value(l->zs, z, r, out);
            if (is_spf(out->data, out->len))
                return out->data;
        }
    }
    return NULL;
}

static void check_term(spf_ctx *c, const char *v, size_t s, size_t e, bool *redirect,
                       bool *exp)
{
    const char *t = v + s;
    size_t tl = e - s;
    const char *why = NULL;
    size_t q = 0;
    if (strchr("+-~?", t[0]))
        q = 1;
    size_t nl = q;
    while (nl < tl && t[nl] != ':' && t[nl] != '/' && t[nl] != '=')
        nl++;
    const char *name = t + q;
    size_t namelen = nl - q;
    const char *arg = nl < tl ? t + nl + 1 : NULL;
    size_t arglen = nl < tl ? tl - nl - 1 : 0;
    char term[80];
    snprintf(term, sizeof term, "%.*s", (int)(tl > 60 ? 60 : tl), t);

    if (nl < tl && t[nl] == '=') { /* a modifier */
        if (q) {
            fail(c, s, tl, "modifier '%s' cannot take a qualifier", term);
            return;
        }
        bool *seen = zl_ascii_ieq(name, namelen, "redirect") ? redirect
                     : zl_ascii_ieq(name, namelen, "exp")    ? exp
                                                             : NULL;
        if (seen) {
            if (*seen) {
                fail(c, s, tl, "'%s' repeats a modifier that may appear once", term);
                return;
            }
            *seen = true;
            if (!domain_spec(arg, arglen, &why))
                fail_why(c, s, tl, term, why);
            return;
        }
        bool ok = namelen > 0 && is_alpha(name[0]);
        for (size_t i = 1; ok && i < namelen; i++)
            ok = is_alnum(name[i]) || strchr("-_.", name[i]);
        bool last_macro;
        if (!ok || !macro_string(arg, arglen, &last_macro, &why))
            fail(c, s, tl, "bad modifier '%s'", term);
        return;
    }
    if (zl_ascii_ieq(name, namelen, "all")) {
        if (nl < tl)
            fail(c, s, tl, "'all' takes no argument: '%s'", term);
    } else if (zl_ascii_ieq(name, namelen, "include") || zl_ascii_ieq(name, namelen, "exists")) {
        if (!arg || t[nl] != ':')
            fail(c, s, tl, "'%s' needs ':' and a domain", term);
        else if (!domain_spec(arg, arglen, &why))
            fail_why(c, s, tl, term, why);
    } else if (zl_ascii_ieq(name, namelen, "a") || zl_ascii_ieq(name, namelen, "mx")) {
        const char *rest = t + nl;
        size_t restlen = tl - nl;
        if (restlen && rest[0] == ':') {
            const char *slash = memchr(rest + 1, '/', restlen - 1);
            size_t dl = slash ? (size_t)(slash - rest - 1) : restlen - 1;
            if (!domain_spec(rest + 1, dl, &why)) {
                fail_why(c, s, tl, term, why);
                return;
            }
            rest += dl + 1;
            restlen -= dl + 1;
        }
        if (!dual_cidr(rest, restlen))
            fail(c, s, tl, "bad CIDR length in '%s' (at most /32 for IPv4, //128 for IPv6)",
                 term);
    } else if (zl_ascii_ieq(name, namelen, "ptr")) {
        if (arg && (t[nl] != ':' || !domain_spec(arg, arglen, &why)))
            fail_why(c, s, tl, term, why ? why : "':' must come before the domain");
    } else if (zl_ascii_ieq(name, namelen, "ip4") || zl_ascii_ieq(name, namelen, "ip6")) {
        int family = (name[2] == '4') ? AF_INET : AF_INET6;
        if (!arg || t[nl] != ':' || arglen == 0)
            fail(c, s, tl, "'%s' needs ':' and an address with no space after the colon", term);
        else if (!ip_network(arg, arglen, family))
            fail(c, s, tl, "bad address or CIDR length in '%s'", term);
    } else {
        fail(c, s, tl, "unknown mechanism '%s'", term);
    }
}

static void check_record(zl_lint *l, const zl_zone *z, const zl_record *r, const char *v,
                         size_t n, const size_t *starts, unsigned nstr)
{
    spf_ctx c = {l, z, r, starts, nstr, false};
    bool redirect = false, exp = false;
    for (size_t i = 6; i < n && !c.reported;) {
        if (v[i] != ' ') {
            fail(&c, i, 1, "%s", "terms must be separated by spaces");
            break;
        }
        while (i < n && v[i] == ' ')
            i++;
        size_t s = i;
        while (i < n && v[i] != ' ')
            i++;
        if (i > s)
            check_term(&c, v, s, i, &redirect, &exp);
    }
    if (c.reported)
        return;
    unsigned lookups = count_lookups(l, v, n, 0, 0);
    if (lookups > SPF_LOOKUP_LIMIT) {
        zl_report_tok(l, &zl_rule_spf_syntax, z, r, zl_record_rd(r),
                      zl_xstrdup("replace include: chains with ip4:/ip6: ranges, or drop "
                                 "services that no longer send mail"),
                      "the record needs more than %d DNS lookups (include, a, mx, ptr, "
                      "exists, redirect, with the included records found in the loaded "
                      "zones); receivers give up after %d",
                      SPF_LOOKUP_LIMIT, SPF_LOOKUP_LIMIT);
    }
}

static void run(zl_lint *l)
{
    zl_txt_view tv = {0};
    for (size_t k = 0; k < l->zs->nzones; k++) {
        const zl_zone *z = l->zs->zones[k];
        const zl_index *ix = zl_lint_index(l, k);
        size_t g = 0, b, e;
        while (zl_index_next_owner_with(ix, z, ZL_GROUP_TXT, &g, &b, &e)) {
            const zl_record *first = NULL;
            for (size_t i = b; i < e; i++) {
                const zl_record *r = &z->recs[ix->order[i]];
                if (!zl_is_txt_type(r->type) ||
                    (r->flags & (ZL_REC_BAD_RDATA | ZL_REC_GENERIC)) ||
                    !zl_txt_may_start_ci(l->zs, z, r, "v=spf1"))
                    continue; /* what follows is about values that start so */
                zl_txt_view_read(&tv, l->zs, z, r);
                const char *val = tv.value.data;
                size_t len = tv.value.len;
                if (!is_spf(val, len)) {
                    if (zl_has_prefix_ci(val, len, "v=spf1") && len > 6 &&
                        !zl_txt_view_has_value_problem(l->zs, z, r, &tv))
                        zl_report_tok(l, &zl_rule_spf_syntax, z, r, zl_record_rd(r),
                                      zl_xstrdup("put a space after v=spf1"),
                                      "v=spf1 is not followed by a space, so receivers do "
                                      "not read this as SPF");
                    continue;
                }
                /* One policy per name: TXT and the obsolete SPF type count alike. */
                if (r->type == LDNS_RR_TYPE_TXT) {
                    if (first)
                        zl_report_tok(l, &zl_rule_spf_multiple, z, r, zl_record_rd(r),
                                      zl_xstrdup("merge the two records into one"),
                                      "second v=spf1 record at this name (the first is on line "
                                      "%u): receivers return permerror",
                                      zl_record_line(l->zs, z, first));
                    else
                        first = r;
                }
                if (zl_rule_on(l, &zl_rule_spf_syntax) &&
                    !zl_txt_view_has_value_problem(l->zs, z, r, &tv))
                    check_record(l, z, r, val, len, tv.starts, tv.n);
            }
        }
    }
    zl_txt_view_free(&tv);
}

static const zl_rule *const rules[] = {&zl_rule_spf_multiple, &zl_rule_spf_syntax, NULL};
const zl_check zl_check_spf = {.family = "spf", .run = run, .rules = rules};
