/* mail-record-misplaced: an SPF, DKIM or DMARC record at a name where no
 * receiver looks for it (RFC 7208 section 4.6.1, RFC 6376 section 3.6.2.1,
 * RFC 7489 section 6.1). */
#include "rules/mail/placement.h"

#include <ldns/ldns.h>
#include <string.h>

#include "lint/engine/lint.h"
#include "rules/rules.h"
#include "rules/values/txt.h"

const zl_rule zl_rule_mail_record_misplaced = {
    .id = "mail-record-misplaced",
    .severity = ZL_SEV_ERROR,
    .summary = "an SPF, DKIM or DMARC record at a name receivers never query",
    .explanation =
        "Receivers look for each mail-authentication record at one name only: the SPF "
        "policy at the sending domain itself, a DKIM key at SELECTOR._domainkey.DOMAIN "
        "(the selector is the s= of the signature), the DMARC policy at _dmarc.DOMAIN. A "
        "v=DMARC1 record at the domain, a v=DKIM1 key without its selector or without "
        "_domainkey, or a v=spf1 record at a _dmarc or _domainkey name is never read: the "
        "domain then has no policy or no key, however correct the record is.",
    .hint = "move the record to the name its receivers query",
};

static bool version_tag(const char *v, size_t n, const char *tag, size_t len, const char *ends)
{
    if (n < len || !zl_has_prefix_ci(v, n, tag))
        return false;
    return n == len || memchr(ends, v[len], strlen(ends));
}

/* The octets zl_mail_kind_of reads at most: the longest tag and the octet
 * after it. */
#define KIND_OCTETS (sizeof "v=DMARC1")

zl_mail_kind zl_mail_kind_of(const char *v, size_t n)
{
    if (version_tag(v, n, "v=spf1", 6, " "))
        return ZL_MAIL_SPF;
    if (version_tag(v, n, "v=DKIM1", 7, "; \t"))
        return ZL_MAIL_DKIM;
    if (version_tag(v, n, "v=DMARC1", 8, "; \t"))
        return ZL_MAIL_DMARC;
    return ZL_MAIL_NONE;
}

/* The highest ancestor of owner (itself included) whose first label is
 * label, or ZL_NAME_NONE. */
static zl_name_id labelled(const zl_zoneset *zs, zl_name_id owner, const char *label)
{
    zl_name_id found = ZL_NAME_NONE;
    for (zl_name_id n = owner; n != ZL_NAME_ROOT && n != ZL_NAME_NONE;
         n = zl_names_parent(&zs->names, n))
        if (zl_owner_label_is(zs, n, label))
            found = n;
    return found;
}

bool zl_mail_misplaced(const zl_zoneset *zs, zl_name_id owner, zl_mail_kind kind)
{
    zl_name_id dk = labelled(zs, owner, "_domainkey");
    switch (kind) {
    case ZL_MAIL_SPF: return dk != ZL_NAME_NONE || labelled(zs, owner, "_dmarc") != ZL_NAME_NONE;
    case ZL_MAIL_DKIM: return dk == ZL_NAME_NONE || dk == owner;
    case ZL_MAIL_DMARC: return labelled(zs, owner, "_dmarc") == ZL_NAME_NONE;
    default: return false;
    }
}

/* The domain a misplaced record was meant for: the name above the
 * _dmarc or _domainkey label it sits at or below, else the owner. */
static zl_name_id meant_domain(const zl_zoneset *zs, zl_name_id owner)
{
    zl_name_id dk = labelled(zs, owner, "_domainkey"), dm = labelled(zs, owner, "_dmarc");
    zl_name_id at = dk != ZL_NAME_NONE ? dk : dm;
    if (at == ZL_NAME_NONE && zl_owner_label_is(zs, owner, "dmarc"))
        at = owner; /* the underscore left out */
    return at != ZL_NAME_NONE ? zl_names_parent(&zs->names, at) : owner;
}

static char *hint_for(const zl_zoneset *zs, const zl_zone *z, zl_name_id owner,
                      zl_mail_kind kind)
{
    zl_buf name = {0}, out = {0};
    const zl_names *t = &zs->names;
    switch (kind) {
    case ZL_MAIL_SPF:
        zl_names_format(t, meant_domain(zs, owner), &name);
        zl_buf_printf(&out, "publish SPF at the sending domain, %s (merged with any SPF record "
                            "already there)", zl_buf_str(&name));
        break;
    case ZL_MAIL_DMARC:
        zl_names_format(t, meant_domain(zs, owner), &name);
        zl_buf_printf(&out, "move it to _dmarc.%s", zl_buf_str(&name));
        break;
    default:
        if (labelled(zs, owner, "_domainkey") == owner || owner == z->apex ||
            z->apex == ZL_NAME_NONE || !zl_names_is_below(t, owner, z->apex)) {
            /* no selector, or none to guess: the apex's first label is the domain's */
            bool dk = labelled(zs, owner, "_domainkey") == owner;
            zl_names_format(t, owner, &name);
            zl_buf_printf(&out, "publish it at SELECTOR.%s%s, SELECTOR being the s= of the "
                                "signatures", dk ? "" : "_domainkey.", zl_buf_str(&name));
        } else {
            size_t len;
            const uint8_t *sel = zl_names_label(t, owner, &len);
            zl_names_format(t, zl_names_parent(t, owner), &name);
            zl_buf_printf(&out, "if %.*s is the selector, the key belongs at "
                                "%.*s._domainkey.%s", (int)len, (const char *)sel, (int)len,
                          (const char *)sel, zl_buf_str(&name));
        }
    }
    zl_buf_free(&name);
    return zl_buf_take(&out);
}

static const char *const kind_names[] = {"", "SPF", "DKIM key", "DMARC"};

static void run(zl_lint *l)
{
    zl_txt_view tv = {0};
    zl_buf owner = {0};
    for (size_t k = 0; k < l->zs->nzones; k++) {
        const zl_zone *z = l->zs->zones[k];
        size_t seg = 0;
        for (size_t i = 0; i < z->nrecs; i++) {
            const zl_record *r = &z->recs[i];
            zl_record_prefetch(l->zs, z, &seg, i, LDNS_RR_TYPE_TXT);
            if (r->type != LDNS_RR_TYPE_TXT || (r->flags & (ZL_REC_BAD_RDATA | ZL_REC_GENERIC)) ||
                !zl_record_nrdata(r))
                continue;
            zl_tok first = zl_record_rdata(l->zs, z, r, 0);
            size_t n;
            const char *p = zl_tok_inner(&first, &n);
            if (n < 2 || (p[0] | 0x20) != 'v' || p[1] != '=')
                continue; /* no version tag, nothing to place */
            /* The kind is told by the value's first KIND_OCTETS octets: by
             * the first string as written when it holds them without an
             * escape (a DKIM key, in its place, is then not decoded). */
            bool read = n < KIND_OCTETS || memchr(p, '\\', KIND_OCTETS);
            if (read)
                zl_txt_view_read(&tv, l->zs, z, r);
            zl_mail_kind kind = read ? zl_mail_kind_of(tv.value.data, tv.value.len)
                                     : zl_mail_kind_of(p, n);
            if (kind == ZL_MAIL_NONE || !zl_mail_misplaced(l->zs, r->owner, kind) ||
                r->owner == ZL_NAME_ROOT)
                continue;
            if (!read)
                zl_txt_view_read(&tv, l->zs, z, r);
            if (zl_txt_view_has_value_problem(l->zs, z, r, &tv))
                continue;
            zl_buf_reset(&owner);
            zl_names_format(&l->zs->names, r->owner, &owner);
            zl_report_tok(l, &zl_rule_mail_record_misplaced, z, r, zl_record_rd(r),
                          hint_for(l->zs, z, r->owner, kind),
                          "%s record at %s, where receivers never look for one",
                          kind_names[kind], zl_buf_str(&owner));
        }
    }
    zl_txt_view_free(&tv);
    zl_buf_free(&owner);
}

static const zl_rule *const rules[] = {&zl_rule_mail_record_misplaced, NULL};
const zl_check zl_check_mail_placement = {.family = "mail-placement", .run = run,
                                          .rules = rules};
