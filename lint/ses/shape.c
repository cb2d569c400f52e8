#include "lint/ses/shape.h"

#include <ldns/ldns.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "lint/util/util.h"
#include "rules/values/txt.h"

const char *zl_ses_kind_name(zl_ses_kind k)
{
    switch (k) {
    case ZL_SES_DKIM: return "Easy DKIM CNAME";
    case ZL_SES_VERIFICATION: return "verification TXT";
    case ZL_SES_MAILFROM_MX: return "MAIL FROM MX";
    case ZL_SES_MAILFROM_SPF: return "MAIL FROM SPF TXT";
    default: return "record";
    }
}

static bool ends_ci(const char *s, size_t n, const char *suffix)
{
    size_t k = strlen(suffix);
    return n >= k && zl_ascii_ieq(s + n - k, k, suffix);
}

size_t zl_ses_plain(const zl_tok *t, char *buf, size_t cap, bool *absolute)
{
    /* A bare name without escapes (the usual target) is its own text. */
    zl_buf b = {0};
    const char *text = t->p;
    size_t n = t->len;
    if (t->quoted || memchr(t->p, '\\', t->len)) {
        zl_tok_decode(t, &b);
        text = b.data ? b.data : "";
        n = b.len;
    }
    *absolute = n > 0 && text[n - 1] == '.';
    if (*absolute)
        n--;
    if (n >= cap)
        n = cap - 1;
    memcpy(buf, text, n);
    buf[n] = '\0';
    zl_buf_free(&b);
    return n;
}

bool zl_ses_dkim_target(const char *t, size_t n, zl_ses_shape *out)
{
    if (!ends_ci(t, n, ".amazonses.com"))
        return false;
    const char *dot = memchr(t, '.', n);
    if (!dot || dot == t)
        return false;
    size_t tl = (size_t)(dot - t);
    const char *rest = dot + 1;
    size_t rl = n - tl - 1;
    if (!zl_has_prefix_ci(rest, rl, "dkim."))
        return false;
    zl_copy_text(out->target_token, sizeof out->target_token, t, tl);
    size_t mid = rl - strlen("dkim.") - strlen("amazonses.com");
    if (mid == 0)
        out->region[0] = '\0';
    else if (mid > 1 && mid < sizeof out->region)
        zl_copy_text(out->region, sizeof out->region, rest + 5, mid - 1);
    else
        return false;
    return true;
}

bool zl_ses_feedback_host(const char *t, size_t n, char *region, size_t cap)
{
    if (!zl_has_prefix_ci(t, n, "feedback-smtp.") || !ends_ci(t, n, ".amazonses.com"))
        return false;
    size_t head = strlen("feedback-smtp."), tail = strlen(".amazonses.com");
    if (n <= head + tail || n - head - tail >= cap)
        return false;
    zl_copy_text(region, cap, t + head, n - head - tail);
    return true;
}

/* Whether the raw text of a token mentions amazonses (any case): a cheap
 * test that lets most records of a large zone out before decoding. */
static bool tok_mentions_ses(const zl_tok *t)
{
    return zl_mentions_ci(t->p, t->len, "amazonses", 3);
}

static bool mentions_ses(const zl_zoneset *zs, const zl_zone *z, const zl_record *r)
{
    for (unsigned i = 0; i < zl_record_nrdata(r); i++) {
        zl_tok t = zl_record_rdata(zs, z, r, i);
        if (tok_mentions_ses(&t))
            return true;
    }
    return false;
}

static bool owner_under_domainkey(const zl_zoneset *zs, const zl_record *r)
{
    return r->owner != ZL_NAME_ROOT &&
           zl_owner_label_is(zs, zl_names_parent(&zs->names, r->owner), "_domainkey");
}

bool zl_ses_classify(const zl_zoneset *zs, const zl_zone *z, const zl_record *r,
                     zl_ses_shape *out)
{
    out->kind = ZL_SES_NONE;
    if (r->flags & (ZL_REC_BAD_RDATA | ZL_REC_GENERIC))
        return false;
    unsigned n = zl_record_nrdata(r);
    bool verification = zl_is_txt_type(r->type) && zl_owner_label_is(zs, r->owner, "_amazonses");
    if (!verification && !((r->type == LDNS_RR_TYPE_CNAME && n == 1 &&
                            owner_under_domainkey(zs, r)) ||
                           (r->type == LDNS_RR_TYPE_MX && n == 2) || zl_is_txt_type(r->type)))
        return false;
    char text[512];
    if (r->type == LDNS_RR_TYPE_CNAME) {
        zl_tok t = zl_record_rdata(zs, z, r, 0);
        /* Without an escape the target is its text, and the suffix test of
         * zl_ses_dkim_target is the mention test. */
        if (memchr(t.p, '\\', t.len) && !tok_mentions_ses(&t))
            return false;
        memset(out, 0, sizeof *out);
        size_t len = zl_ses_plain(&t, text, sizeof text, &out->target_absolute);
        if (!zl_ses_dkim_target(text, len, out))
            return false;
        size_t ll;
        const uint8_t *label = zl_names_label(&zs->names, r->owner, &ll);
        zl_copy_text(out->token, sizeof out->token, (const char *)label, ll);
        out->kind = ZL_SES_DKIM;
        return true;
    }
    if (r->type == LDNS_RR_TYPE_MX) {
        zl_tok pref = zl_record_rdata(zs, z, r, 0), t = zl_record_rdata(zs, z, r, 1);
        if (!tok_mentions_ses(&pref) && !tok_mentions_ses(&t))
            return false;
        memset(out, 0, sizeof *out);
        size_t len = zl_ses_plain(&t, text, sizeof text, &out->target_absolute);
        if (!zl_ses_feedback_host(text, len, out->region, sizeof out->region))
            return false;
        out->kind = ZL_SES_MAILFROM_MX;
        return true;
    }
    /* A DKIM key holds many z's, each a stop of the amazonses search. */
    if (!verification &&
        (!zl_txt_may_start_ci(zs, z, r, "v=spf1") || !mentions_ses(zs, z, r)))
        return false;
    memset(out, 0, sizeof *out);
    zl_buf v = {0};
    zl_txt_value(zs, z, r, &v);
    if (verification) {
        out->kind = ZL_SES_VERIFICATION;
        zl_copy_text(out->token, sizeof out->token, v.data, v.len);
    } else if (zl_has_prefix_ci(v.data, v.len, "v=spf1") &&
               strstr(v.data, "include:amazonses.com")) {
        out->kind = ZL_SES_MAILFROM_SPF;
    }
    zl_buf_free(&v);
    return out->kind != ZL_SES_NONE;
}

/* Regions whose Easy DKIM records point to dkim.REGION.amazonses.com, as
 * Terraform modules citing AWS's "DKIM domains" table list them (the table
 * itself could not be read: see README). */
static const char *const regional_dkim[] = {
    "af-south-1",   "ap-northeast-3", "ap-south-2",   "ap-southeast-3",
    "ap-southeast-5", "ca-west-1",    "eu-central-2", "eu-south-1",
    "il-central-1", "me-central-1",   "us-gov-east-1",
};
/* SES regions known to use dkim.amazonses.com. Others (me-south-1,
 * us-gov-west-1, regions launched later) may use either form. */
static const char *const default_dkim[] = {
    "ap-northeast-1", "ap-northeast-2", "ap-south-1", "ap-southeast-1", "ap-southeast-2",
    "ca-central-1",   "eu-central-1",   "eu-north-1", "eu-west-1",      "eu-west-2",
    "eu-west-3",      "sa-east-1",      "us-east-1",  "us-east-2",      "us-west-1",
    "us-west-2",
};

static bool listed(const char *const *list, size_t n, const char *region)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(list[i], region) == 0)
            return true;
    return false;
}
#define LISTED(list, region) listed(list, sizeof list / sizeof list[0], region)

const char *zl_ses_dkim_domain(const char *region, char *buf, size_t cap)
{
    if (region && LISTED(regional_dkim, region))
        snprintf(buf, cap, "dkim.%s.amazonses.com", region);
    else
        snprintf(buf, cap, "dkim.amazonses.com");
    return buf;
}

bool zl_ses_dkim_domain_ok(const char *region, const char *host)
{
    size_t n = strlen(host);
    zl_ses_shape s;
    char probe[300];
    snprintf(probe, sizeof probe, "x.%s", host);
    if (n + 2 >= sizeof probe || !zl_ses_dkim_target(probe, n + 2, &s))
        return false;
    if (!region)
        return true;
    if (LISTED(regional_dkim, region))
        return strcmp(s.region, region) == 0;
    if (LISTED(default_dkim, region))
        return s.region[0] == '\0';
    return s.region[0] == '\0' || strcmp(s.region, region) == 0;
}

/* The octets of tokens SES issues: a-z and 2-7. */
static const bool token_octet[256] = {
    ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1, ['h'] = 1,
    ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1,
    ['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1,
    ['y'] = 1, ['z'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1,
};

#define ONES 0x0101010101010101u
#define HIGHS 0x8080808080808080u

/* The high bit of each octet of x that lies strictly between lo and hi
 * (0 <= lo < hi <= 128); octets from 0x80 never do. */
static uint64_t octets_between(uint64_t x, unsigned lo, unsigned hi)
{
    uint64_t low7 = x & (ONES * 127);
    return (ONES * (127 + hi) - low7) & ~x & (low7 + ONES * (127 - lo)) & HIGHS;
}

/* The high bit of each zero octet of x. */
static uint64_t zero_octets(uint64_t x)
{
    return ~(((x & (ONES * 127)) + ONES * 127) | x | (ONES * 127));
}

/* The placeholder at t[i], n octets in all. */
static bool placeholder_at(const char *t, size_t n, size_t i)
{
    return (t[i] | 0x20) == 'e' && i + 7 <= n && zl_ascii_ieq(t + i, 7, "example");
}

const char *zl_ses_token_shape(const char *t, size_t n, char *buf, size_t cap)
{
    /* One pass looks for the placeholder and notes whether an octet is out
     * of place, eight octets at a time (tokens mix letters and digits at
     * random: a branch on each would mispredict); only a word holding an
     * 'e' is searched octet by octet. */
    bool bad = false;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t x;
        memcpy(&x, t + i, 8);
        bad |= (octets_between(x, 'a' - 1, 'z' + 1) | octets_between(x, '2' - 1, '7' + 1)) !=
               HIGHS;
        if (zero_octets((x | ONES * 0x20) ^ (ONES * 'e')))
            for (size_t k = i; k < i + 8; k++)
                if (placeholder_at(t, n, k))
                    return "it is a placeholder from the AWS documentation";
    }
    for (; i < n; i++) {
        bad |= !token_octet[(unsigned char)t[i]];
        if (placeholder_at(t, n, i))
            return "it is a placeholder from the AWS documentation";
    }
    for (i = 0; bad && i < n; i++)
        if (!token_octet[(unsigned char)t[i]]) {
            snprintf(buf, cap, "it holds '%c', which tokens SES issues never contain "
                     "(they are 32 characters of a-z and 2-7)", t[i]);
            return buf;
        }
    if (n != 32) {
        snprintf(buf, cap, "it has %zu characters; tokens SES issues have 32", n);
        return buf;
    }
    return NULL;
}
