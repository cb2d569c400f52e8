/* record-semantics for SVCB and HTTPS (RFC 9460 sections 2.4, 7 and 8) and
 * for SVCB at _dns names (RFC 9461 sections 4 and 5). The keys come from
 * the wire form ldns builds; alpn ids are read from the text, because ldns
 * decodes the value list with one level of escapes where the RFC has two
 * (zone file, then value list: alpn=\,abc is an empty id and "abc"). */
#include <ldns/ldns.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/zone/semantics.h"

enum { KEY_MANDATORY = 0, KEY_ALPN = 1, KEY_NO_DEFAULT_ALPN = 2, KEY_DOHPATH = 7 };

typedef struct param {
    uint16_t key;
    uint16_t len;
    const uint8_t *val;
} param;

/* The text after "alpn=" in the record's parameter tokens, quotes removed,
 * as written (escapes kept); false when there is none. */
static bool alpn_text(const zl_lint *l, const zl_zone *z, const zl_record *r, zl_buf *out)
{
    for (unsigned i = 2; i < zl_record_nrdata(r); i++) {
        zl_tok t = zl_record_rdata(l->zs, z, r, i);
        if (t.quoted || t.len < 5 || !zl_has_prefix_ci(t.p, t.len, "alpn="))
            continue;
        const char *p = t.p + 5, *end = t.p + t.len;
        if (p < end && *p == '"' && end - p >= 2 && end[-1] == '"') {
            p++;
            end--;
        }
        zl_buf_reset(out);
        zl_buf_add(out, p, (size_t)(end - p));
        return true;
    }
    return false;
}

/* Split an alpn value as RFC 9460 appendix A.1 does: zone-file escapes
 * first, then "\," and "\\" inside the list. Calls fn for each id. */
static bool alpn_ids(const char *p, size_t n, bool (*fn)(void *, const char *, size_t),
                     void *ctx)
{
    zl_buf once = {0}, id = {0};
    for (size_t i = 0; i < n; i++) {
        if (p[i] == '\\' && i + 3 < n && p[i + 1] >= '0' && p[i + 1] <= '9') {
            zl_buf_addc(&once, (char)((p[i + 1] - '0') * 100 + (p[i + 2] - '0') * 10 +
                                      (p[i + 3] - '0')));
            i += 3;
        } else if (p[i] == '\\' && i + 1 < n) {
            zl_buf_addc(&once, p[++i]);
        } else {
            zl_buf_addc(&once, p[i]);
        }
    }
    bool ok = true;
    for (size_t i = 0; ok && i <= once.len; i++) {
        char c = i < once.len ? once.data[i] : ',';
        if (c == '\\' && i + 1 < once.len) {
            zl_buf_addc(&id, once.data[++i]);
        } else if (c == ',') {
            ok = fn(ctx, id.data ? id.data : "", id.len);
            zl_buf_reset(&id);
        } else {
            zl_buf_addc(&id, c);
        }
    }
    zl_buf_free(&once);
    zl_buf_free(&id);
    return ok;
}

typedef struct alpn_scan {
    bool empty;
    bool http;       /* an id that is not DoT's or DoQ's */
    char other[64];  /* the first such id */
} alpn_scan;

static bool scan_id(void *vctx, const char *id, size_t n)
{
    alpn_scan *s = vctx;
    if (n == 0) {
        s->empty = true;
        return false;
    }
    if (!zl_ascii_ieq(id, n, "dot") && !zl_ascii_ieq(id, n, "doq") && !s->http) {
        s->http = true;
        snprintf(s->other, sizeof s->other, "%.*s", (int)(n > 60 ? 60 : n), id);
    }
    return true;
}

/* RFC 9461 section 4: _dns, or _PORT._dns, names the DNS service. */
static bool dns_service_owner(const zl_names *t, zl_name_id owner)
{
    size_t len;
    const uint8_t *l = zl_names_label(t, owner, &len);
    if (len >= 2 && l[0] == '_' && l[1] >= '0' && l[1] <= '9' && owner != ZL_NAME_ROOT) {
        owner = zl_names_parent(t, owner);
        if (owner == ZL_NAME_ROOT)
            return false;
        l = zl_names_label(t, owner, &len);
    }
    return zl_ascii_ieq((const char *)l, len, "_dns");
}

static const param *find(const param *ps, size_t n, uint16_t key)
{
    for (size_t i = 0; i < n; i++)
        if (ps[i].key == key)
            return &ps[i];
    return NULL;
}

static char *key_name(uint16_t key)
{
    static const char *const names[] = {"mandatory", "alpn", "no-default-alpn", "port",
                                        "ipv4hint", "ech", "ipv6hint", "dohpath"};
    return key < 8 ? zl_xstrdup(names[key]) : zl_xasprintf("key%u", key);
}

static char *key_problem(const param *ps, size_t np, char **hint)
{
    for (size_t i = 0; i < np; i++)
        if (find(ps, i, ps[i].key)) {
            char *k = key_name(ps[i].key), *m = zl_xasprintf("key %s is given twice", k);
            *hint = zl_xasprintf("give %s once, its values joined by commas", k);
            free(k);
            return m;
        }
    const param *mand = find(ps, np, KEY_MANDATORY);
    for (size_t o = 0; mand && o + 1 < mand->len; o += 2) {
        uint16_t key = (uint16_t)(mand->val[o] << 8 | mand->val[o + 1]);
        if (key == KEY_MANDATORY) {
            *hint = zl_xstrdup("take mandatory out of its own list");
            return zl_xstrdup("mandatory lists itself");
        }
        if (!find(ps, np, key)) {
            char *k = key_name(key), *m = zl_xasprintf("mandatory lists %s, which the record "
                                                       "does not have", k);
            *hint = zl_xasprintf("add %s=VALUE, or take %s out of mandatory", k, k);
            free(k);
            return m;
        }
    }
    if (find(ps, np, KEY_NO_DEFAULT_ALPN) && !find(ps, np, KEY_ALPN)) {
        *hint = zl_xstrdup("add alpn=PROTOCOLS (h2,h3), or delete no-default-alpn");
        return zl_xstrdup("no-default-alpn without alpn: the record offers no protocol");
    }
    return NULL;
}

static bool has_dns_variable(const uint8_t *p, size_t n)
{
    for (size_t i = 0; i + 5 <= n; i++)
        if (memcmp(p + i, "{?dns", 5) == 0)
            return true;
    return false;
}

static char *dns_problem(const param *ps, size_t np, const alpn_scan *s, bool have_text,
                         char **hint)
{
    if (!find(ps, np, KEY_ALPN)) {
        *hint = zl_xstrdup("add alpn=dot for DNS over TLS, or alpn=h2 "
                           "dohpath=/dns-query{?dns} for DNS over HTTPS");
        return zl_xstrdup("a _dns SVCB record needs alpn (dot, doq, h2 or h3: RFC 9461 "
                          "section 4.1)");
    }
    const param *dp = find(ps, np, KEY_DOHPATH);
    if (!dp && have_text && s->http) {
        *hint = zl_xstrdup("add dohpath=/dns-query{?dns}, with the path the server answers "
                           "on");
        return zl_xasprintf("alpn \"%s\" is DNS over HTTP (or no DNS transport), which needs "
                            "dohpath=/dns-query{?dns}", s->other);
    }
    if (dp && (dp->len == 0 || dp->val[0] != '/' || !has_dns_variable(dp->val, dp->len))) {
        *hint = zl_xasprintf("write dohpath=%s%.*s{?dns}", dp->len && dp->val[0] == '/' ? "" : "/",
                             (int)dp->len, (const char *)dp->val);
        return zl_xstrdup("dohpath is a relative URI template with the dns variable, "
                          "/dns-query{?dns}");
    }
    return NULL;
}

void zl_svcb_check(zl_lint *l, const zl_zone *z, const zl_record *r, const uint8_t *w, size_t n)
{
    if (n < 3)
        return;
    uint16_t prio = (uint16_t)(w[0] << 8 | w[1]);
    size_t o = 2;
    while (o < n && w[o])
        o += 1u + w[o]; /* the target name */
    o++;
    param ps[64];
    size_t np = 0;
    while (o + 4 <= n && np < 64) {
        param p = {(uint16_t)(w[o] << 8 | w[o + 1]), (uint16_t)(w[o + 2] << 8 | w[o + 3]),
                   w + o + 4};
        if (o + 4 + p.len > n)
            return;
        ps[np++] = p;
        o += 4u + p.len;
    }
    if (prio == 0) {
        if (np)
            zl_sem_report(l, z, r, 2,
                          zl_xstrdup("delete the parameters, or give the record a priority "
                                     "of 1 or more"),
                          zl_xstrdup("an alias (priority 0) takes no parameters"));
        return;
    }
    zl_buf text = {0};
    alpn_scan s = {0};
    bool have_text = alpn_text(l, z, r, &text);
    if (have_text)
        alpn_ids(text.data, text.len, scan_id, &s);
    zl_buf_free(&text);
    char *hint = NULL;
    char *msg = s.empty ? zl_xstrdup("alpn has an empty protocol id (a ',' too many, or "
                                     "'\\,' where a separator was meant)")
                        : key_problem(ps, np, &hint);
    if (s.empty)
        hint = zl_xstrdup("separate the ids with single commas, and write no '\\' before "
                          "them");
    if (!msg && r->type == LDNS_RR_TYPE_SVCB && dns_service_owner(&l->zs->names, r->owner))
        msg = dns_problem(ps, np, &s, have_text, &hint);
    if (msg)
        zl_sem_report(l, z, r, 2, hint, msg);
}
