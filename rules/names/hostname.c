/* hostname-syntax: names that must be host names (RFC 952, RFC 1123
 * section 2.1: letters, digits, hyphens inside) hold other characters, as
 * named's check-names (-k, -n) finds; and target names hold characters no
 * registered name can. Owners are judged by the labels below the zone apex,
 * targets by the labels as written, so an odd origin is not blamed on every
 * record. */
#include <arpa/inet.h>
#include <ldns/ldns.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "lint/engine/lint.h"
#include "rules/rules.h"
#include "rules/values/txt.h"

const zl_rule zl_rule_hostname_syntax = {
    .id = "hostname-syntax",
    .severity = ZL_SEV_WARNING,
    .summary = "a host name with characters other than letters, digits and hyphens",
    .explanation =
        "The owner of an A or AAAA record and the target of an MX, NS or SRV record (and of "
        "an SVCB or HTTPS record in service mode, and of a PTR in a reverse zone) are host "
        "names: letters, digits and hyphens, a letter or digit at each end of a label "
        "(RFC 952, RFC 1123 section 2.1). Mail servers, resolvers and certificate "
        "authorities refuse other names, and BIND's check-names rejects them. Underscore "
        "labels (_service, _tcp) are allowed in owners, a leading * in wildcard owners. Any "
        "other target (CNAME, DNAME, PTR) may hold underscores but no character a "
        "registered name can hold: $, @, white space, other punctuation, a top-level "
        "domain that is not letters or xn--.",
    .hint = "write the name with letters, digits and hyphens only",
};

typedef enum { HOST_OWNER, HOST_TARGET, ANY_TARGET } name_kind;

/* Octet classes: a letter or digit; a hyphen; a character no registered
 * name holds (white space, controls, punctuation but - _ / *, non-ASCII). */
enum { C_ALNUM = 1, C_HYPHEN = 2, C_UNREGISTRABLE = 4 };
/* [1]: as an IDNA publisher's, whose non-ASCII octets are letters (below). */
static uint8_t octet_classes[2][256];
static pthread_once_t classes_once = PTHREAD_ONCE_INIT;

static void build_classes(void)
{
    for (unsigned c = 0; c < 256; c++) {
        octet_classes[0][c] =
            ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
                ? C_ALNUM
            : c == '-'                           ? C_HYPHEN
            : (c == '_' || c == '/' || c == '*') ? 0
                                                 : C_UNREGISTRABLE;
        octet_classes[1][c] = c >= 0x80 ? C_ALNUM : octet_classes[0][c];
    }
}

/* The zone being judged is published by octoDNS or a provider, which encode
 * a name written with non-ASCII letters as IDNA (xn--...): those octets are
 * letters there, while a master file publishes them as they are. */
static _Thread_local bool idna_publisher;

static inline uint8_t octet_class(uint8_t c)
{
    return octet_classes[idna_publisher][c];
}

/* Why one label is not allowed in a name of that kind, or NULL. first: the
 * leftmost label of the name. */
static const char *bad_label(const uint8_t *p, size_t n, name_kind kind, bool first,
                             uint8_t *bad)
{
    if (n == 1 && p[0] == '*' && first && kind != HOST_TARGET)
        return NULL;
    if (kind == ANY_TARGET) {
        for (size_t i = 0; i < n; i++)
            if (octet_class(p[i]) & C_UNREGISTRABLE) {
                *bad = p[i];
                return "a character no registered name holds";
            }
        return NULL;
    }
    if (kind == HOST_OWNER && n > 0 && p[0] == '_')
        return NULL; /* a service label (RFC 8552) */
    size_t i = 0;
    while (i < n && (octet_class(p[i]) & (C_ALNUM | C_HYPHEN)))
        i++;
    if (i == n && n && octet_class(p[0]) == C_ALNUM && octet_class(p[n - 1]) == C_ALNUM)
        return NULL; /* the usual label */
    for (i = 0; i < n; i++) {
        uint8_t k = octet_class(p[i]);
        if (k == C_ALNUM)
            continue;
        *bad = p[i];
        if (k != C_HYPHEN)
            return "a character other than a letter, digit or hyphen";
        if (i == 0 || i == n - 1)
            return "a hyphen at the start or end of a label";
    }
    return NULL;
}

static bool letters_tld(const uint8_t *p, size_t n)
{
    size_t i = n >= 4 && memcmp(p, "xn--", 4) == 0 ? 4 : 0;
    if (i == n)
        return false;
    for (; i < n; i++) {
        uint8_t c = p[i] | 0x20;
        if (!(c >= 'a' && c <= 'z') && !(i >= 4 && ((c >= '0' && c <= '9') || c == '-')))
            return false;
    }
    return true;
}

typedef struct verdict {
    const char *why;
    uint8_t bad;
    char label[64 * 4 + 1]; /* the label at fault, escaped for the message */
} verdict;

static void set_label(verdict *v, const uint8_t *p, size_t n)
{
    size_t o = 0;
    for (size_t i = 0; i < n && o + 5 < sizeof v->label; i++) {
        if (p[i] > ' ' && p[i] < 0x7f && p[i] != '"' && p[i] != '\\')
            v->label[o++] = (char)p[i];
        else
            o += (size_t)snprintf(v->label + o, sizeof v->label - o, "\\%03u", p[i]);
    }
    v->label[o] = 0;
}

/* Labels of a name as written in a token (escapes decoded): fills lab/len
 * with the next label; false at the end. *absolute is set at the end. */
typedef struct label_iter {
    const char *p, *end;
    bool absolute;
} label_iter;

static bool next_label(label_iter *it, uint8_t *lab, size_t *len)
{
    if (it->p >= it->end)
        return false;
    size_t n = 0;
    while (it->p < it->end && *it->p != '.') {
        uint8_t c = (uint8_t)*it->p++;
        if (c == '\\' && it->p < it->end) {
            if (it->end - it->p >= 3 && it->p[0] >= '0' && it->p[0] <= '9') {
                c = (uint8_t)((it->p[0] - '0') * 100 + (it->p[1] - '0') * 10 + (it->p[2] - '0'));
                it->p += 3;
            } else {
                c = (uint8_t)*it->p++;
            }
        }
        if (n < 63)
            lab[n++] = c;
    }
    if (it->p < it->end) {
        it->p++;
        it->absolute = it->p == it->end;
    }
    *len = n;
    return true;
}

/* The written name of token t judged as kind; skip_first leaves out its
 * leftmost label (a DNS-SD instance name, free text). */
/* An address written as a target is target-is-address's finding. Only
 * text of digits and dots (IPv4) or with a colon (IPv6) is parsed: names
 * are neither. */
static bool is_address(const char *p, size_t n)
{
    char text[64];
    unsigned char addr[16];
    size_t m = n && p[n - 1] == '.' ? n - 1 : n;
    if (m >= sizeof text)
        return false;
    size_t digits = 0;
    while (digits < m && ((p[digits] >= '0' && p[digits] <= '9') || p[digits] == '.'))
        digits++;
    if (digits < m && !memchr(p, ':', m))
        return false;
    memcpy(text, p, m);
    text[m] = 0;
    return inet_pton(AF_INET, text, addr) == 1 || inet_pton(AF_INET6, text, addr) == 1;
}

/* True when the text is letters, digits, dots and hyphens inside labels:
 * the usual name, which only its top-level domain can make wrong. */
static bool plain_name(const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        uint8_t k = octet_class((uint8_t)p[i]);
        if (k == C_ALNUM || (p[i] == '.' && i > 0))
            continue;
        if (k != C_HYPHEN || i == 0 || i == n - 1 || p[i - 1] == '.' || p[i + 1] == '.')
            return false;
    }
    return true;
}

/* The top-level domain of an absolute name of two labels or more, judged;
 * one label alone is a value lacking its domain, which other rules name. */
static bool bad_tld(const uint8_t *last, size_t len, unsigned nlabels, verdict *v)
{
    if (nlabels < 2 || letters_tld(last, len))
        return false;
    v->why = "a top-level domain that is not letters or xn--";
    v->bad = 0;
    set_label(v, last, len);
    return true;
}

/* The written name of token t judged as kind; skip_first leaves out its
 * leftmost label (a DNS-SD instance name, free text). */
static bool judge_token(const zl_tok *t, name_kind kind, bool skip_first, verdict *v)
{
    size_t n;
    const char *p = zl_tok_inner(t, &n);
    if (t->quoted || n == 0 || (n == 1 && (p[0] == '.' || p[0] == '@')))
        return false; /* quotes: value-quoting's; the root and the origin: fine */
    if (plain_name(p, n)) {
        if (p[n - 1] != '.')
            return false;
        /* The last label: back from the final dot to the one before it. */
        size_t e = n - 1, b = e;
        while (b > 0 && p[b - 1] != '.')
            b--;
        unsigned nlabels = b > 0 ? 2 : 1; /* all bad_tld asks: one label, or more */
        if (b == e)
            b = 0;
        return !is_address(p, n) && bad_tld((const uint8_t *)p + b, e - b, nlabels, v);
    }
    if (is_address(p, n))
        return false;
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)p[i] <= ' ' || (unsigned char)p[i] >= 0x80) &&
            zl_space_at(p + i, n - i))
            return false; /* value-whitespace's */
    label_iter it = {p, p + n, false};
    uint8_t a[63], b[63], *lab = a, *last = b;
    size_t len, last_len = 0;
    unsigned nlabels = 0;
    bool first = true;
    while (next_label(&it, lab, &len)) {
        if (!(first && skip_first) && (v->why = bad_label(lab, len, kind, first, &v->bad))) {
            set_label(v, lab, len);
            return true;
        }
        uint8_t *swap = last;
        last = lab;
        lab = swap;
        last_len = len;
        nlabels++;
        first = false;
    }
    return it.absolute && bad_tld(last, last_len, nlabels, v);
}

/* The owner's labels below the zone apex, judged as a host name. Names
 * above the owner are judged once: ok holds a bit per name found fine
 * (ancestors only: a wildcard label is fine as the first label alone). */
static bool judge_owner(const zl_zoneset *zs, const zl_zone *z, zl_name_id owner, uint8_t *ok,
                        verdict *v)
{
    const zl_names *t = &zs->names;
    if (z->apex == ZL_NAME_NONE || !zl_names_is_below(t, owner, z->apex))
        return false; /* out-of-zone's */
    for (zl_name_id n = owner; n != z->apex; n = zl_names_parent(t, n)) {
        bool first = n == owner;
        if (!first && (ok[n / 8] & (1u << (n % 8))))
            return false;
        size_t len;
        const uint8_t *lab = zl_names_label(t, n, &len);
        if ((v->why = bad_label(lab, len, HOST_OWNER, first, &v->bad))) {
            set_label(v, lab, len);
            return true;
        }
        if (!first)
            ok[n / 8] |= (uint8_t)(1u << (n % 8));
    }
    return false;
}

static bool label_is(const zl_names *t, zl_name_id id, const char *s)
{
    size_t len;
    const uint8_t *l = zl_names_label(t, id, &len);
    return zl_ascii_ieq((const char *)l, len, s);
}

static bool reverse_owner(const zl_names *t, zl_name_id owner)
{
    unsigned d = zl_names_depth(t, owner);
    return d >= 2 && label_is(t, zl_names_ancestor(t, owner, 1), "arpa") &&
           (label_is(t, zl_names_ancestor(t, owner, 2), "in-addr") ||
            label_is(t, zl_names_ancestor(t, owner, 2), "ip6"));
}

/* DNS-SD (RFC 6763): X._dns-sd._udp points at browsing domains; a PTR at
 * _service._proto (or a _sub subtype) at an instance name, free text first. */
static int dns_sd_ptr(const zl_names *t, zl_name_id owner)
{
    unsigned d = zl_names_depth(t, owner);
    if (d >= 3) {
        zl_name_id p = zl_names_parent(t, owner), pp = zl_names_parent(t, p);
        if (label_is(t, p, "_dns-sd") && label_is(t, pp, "_udp"))
            return 2;
    }
    if (d >= 2) {
        size_t len;
        const uint8_t *l = zl_names_label(t, owner, &len);
        zl_name_id p = zl_names_parent(t, owner);
        if (len && l[0] == '_' &&
            (label_is(t, p, "_tcp") || label_is(t, p, "_udp") || label_is(t, p, "_sub")))
            return 1;
    }
    return 0;
}

/* The hint for an underscore: the label with hyphens instead. */
static char *hyphenated(const char *label)
{
    char *h = zl_xasprintf("a host name has no underscore: write %s", label);
    for (char *p = h + strlen(h) - strlen(label); *p; p++)
        if (*p == '_')
            *p = '-';
    return h;
}

static void report(zl_lint *l, const zl_zone *z, const zl_record *r, unsigned tok,
                   const char *what, bool host, const verdict *v)
{
    char tn[32], ch[16] = "";
    if (v->bad > ' ' && v->bad < 0x7f)
        snprintf(ch, sizeof ch, "'%c' in ", v->bad);
    zl_report_tok(l, &zl_rule_hostname_syntax, z, r, tok,
                  v->bad == '_' && v->label[0] != '_' ? hyphenated(v->label) : NULL,
                  "%s of %s is not %s: %slabel \"%s\" (%s)", what,
                  zl_type_name(r->type, tn, sizeof tn),
                  host ? "a host name" : "a name one can register", ch, v->label, v->why);
}

/* The rdata field holding the target, and how it is judged; -1 when none. */
static int target_field(const zl_lint *l, const zl_zone *z, const zl_record *r, name_kind *kind,
                        bool *skip_first)
{
    const zl_names *t = &l->zs->names;
    *skip_first = false;
    *kind = HOST_TARGET;
    switch (r->type) {
    case LDNS_RR_TYPE_NS: return 0;
    case LDNS_RR_TYPE_MX: return 1;
    case LDNS_RR_TYPE_SRV: return 3;
    case LDNS_RR_TYPE_SVCB:
    case LDNS_RR_TYPE_HTTPS: {
        /* AliasMode (priority 0) points at another SVCB owner, _port labels and all. */
        zl_tok p = zl_record_rdata(l->zs, z, r, 0);
        if (p.len == 1 && p.p[0] == '0')
            *kind = ANY_TARGET;
        return 1;
    }
    case LDNS_RR_TYPE_CNAME:
    case LDNS_RR_TYPE_DNAME: *kind = ANY_TARGET; return 0;
    case LDNS_RR_TYPE_PTR: {
        int sd = dns_sd_ptr(t, r->owner);
        if (sd == 2)
            return -1;
        *skip_first = sd == 1;
        if (sd || !reverse_owner(t, r->owner))
            *kind = ANY_TARGET;
        return 0;
    }
    default: return -1;
    }
}

static void run(zl_lint *l)
{
    pthread_once(&classes_once, build_classes);
    uint8_t *ok = zl_xzeroed(l->zs->names.n / 8 + 1, 1);
    for (size_t k = 0; k < l->zs->nzones; k++) {
        const zl_zone *z = l->zs->zones[k];
        idna_publisher = z->publisher == ZL_PUB_OCTODNS || z->publisher == ZL_PUB_PROVIDER;
        zl_name_id last_owner = ZL_NAME_NONE;
        size_t seg = 0;
        for (size_t i = 0; i < z->nrecs; i++) {
            const zl_record *r = &z->recs[i];
            zl_record_prefetch(l->zs, z, &seg, i, 0);
            if (r->flags & (ZL_REC_BAD_RDATA | ZL_REC_GENERIC))
                continue;
            verdict v;
            if ((r->type == LDNS_RR_TYPE_A || r->type == LDNS_RR_TYPE_AAAA) &&
                r->owner != last_owner) {
                last_owner = r->owner; /* one finding an owner, not one per address */
                if (judge_owner(l->zs, z, r->owner, ok, &v))
                    report(l, z, r,
                           (r->flags & ZL_REC_OWNER_WRITTEN) ? 0 : zl_record_i_type(r),
                           "owner", true, &v);
            }
            name_kind kind;
            bool skip_first;
            int f = target_field(l, z, r, &kind, &skip_first);
            if (f < 0 || (unsigned)f >= zl_record_nrdata(r))
                continue;
            zl_tok t = zl_record_rdata(l->zs, z, r, (unsigned)f);
            if (judge_token(&t, kind, skip_first, &v))
                report(l, z, r, zl_record_rd(r) + (unsigned)f, "target", kind != ANY_TARGET,
                       &v);
        }
    }
    free(ok);
}

static const zl_rule *const rules[] = {&zl_rule_hostname_syntax, NULL};
const zl_check zl_check_hostname = {.family = "hostname", .run = run, .rules = rules};
