#include "ses_shape.h"

#include <ldns/ldns.h>
#include <stdio.h>
#include <string.h>

#include "../lint/util.h"
#include "txt.h"

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

/* The decoded text of a token without quotes and without a final dot. */
static size_t plain(const zl_tok *t, char *buf, size_t cap, bool *absolute)
{
    zl_buf b = {0};
    zl_tok_decode(t, &b);
    size_t n = b.len;
    *absolute = n > 0 && b.data[n - 1] == '.';
    if (*absolute)
        n--;
    if (n >= cap)
        n = cap - 1;
    memcpy(buf, b.data ? b.data : "", n);
    buf[n] = '\0';
    zl_buf_free(&b);
    return n;
}

/* TOKEN.dkim.amazonses.com or TOKEN.dkim.REGION.amazonses.com. */
static bool dkim_target(const char *t, size_t n, zl_ses_shape *out)
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
    snprintf(out->target_token, sizeof out->target_token, "%.*s", (int)tl, t);
    size_t mid = rl - strlen("dkim.") - strlen("amazonses.com");
    if (mid == 0)
        out->region[0] = '\0';
    else if (mid > 1 && mid < sizeof out->region)
        snprintf(out->region, sizeof out->region, "%.*s", (int)(mid - 1), rest + 5);
    else
        return false;
    return true;
}

bool zl_ses_classify(const zl_zoneset *zs, const zl_zone *z, const zl_record *r,
                     zl_ses_shape *out)
{
    memset(out, 0, sizeof *out);
    if (r->flags & (ZL_REC_BAD_RDATA | ZL_REC_GENERIC))
        return false;
    unsigned n = zl_record_nrdata(r);
    char text[512];
    if (r->type == LDNS_RR_TYPE_CNAME && n == 1) {
        zl_tok t = zl_record_rdata(zs, z, r, 0);
        size_t len = plain(&t, text, sizeof text, &out->target_absolute);
        if (!dkim_target(text, len, out))
            return false;
        zl_name_id parent = r->owner == ZL_NAME_ROOT ? ZL_NAME_NONE
                                                     : zl_names_parent(&zs->names, r->owner);
        if (!zl_owner_label_is(zs, parent, "_domainkey"))
            return false;
        size_t ll;
        const uint8_t *label = zl_names_label(&zs->names, r->owner, &ll);
        snprintf(out->token, sizeof out->token, "%.*s", (int)ll, (const char *)label);
        out->kind = ZL_SES_DKIM;
        return true;
    }
    if (r->type == LDNS_RR_TYPE_MX && n == 2) {
        zl_tok t = zl_record_rdata(zs, z, r, 1);
        size_t len = plain(&t, text, sizeof text, &out->target_absolute);
        if (!zl_has_prefix_ci(text, len, "feedback-smtp.") || !ends_ci(text, len, ".amazonses.com"))
            return false;
        size_t mid = len - strlen("feedback-smtp.") - strlen(".amazonses.com");
        if (mid == 0 || mid >= sizeof out->region)
            return false;
        snprintf(out->region, sizeof out->region, "%.*s", (int)mid, text + 14);
        out->kind = ZL_SES_MAILFROM_MX;
        return true;
    }
    if (zl_is_txt_type(r->type)) {
        zl_buf v = {0};
        zl_txt_value(zs, z, r, &v);
        if (zl_owner_label_is(zs, r->owner, "_amazonses")) {
            out->kind = ZL_SES_VERIFICATION;
            snprintf(out->token, sizeof out->token, "%s", v.data);
        } else if (zl_has_prefix_ci(v.data, v.len, "v=spf1") &&
                   strstr(v.data, "include:amazonses.com")) {
            out->kind = ZL_SES_MAILFROM_SPF;
        }
        zl_buf_free(&v);
        return out->kind != ZL_SES_NONE;
    }
    return false;
}
