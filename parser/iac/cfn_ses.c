/* The symbolic SES checks of CloudFormation templates (see cfn_ses.h).
 *
 * AWS::SES::EmailIdentity's DkimDNSTokenNameN is the whole record name
 * (TOKEN._domainkey.DOMAIN) and DkimDNSTokenValueN the whole target
 * (TOKEN.dkim.amazonses.com), N from 1 to 3. A record set publishing a
 * token is named by DkimDNSTokenNameN (as !GetAtt, the long form
 * Fn::GetAtt, or a !Sub holding the reference alone) and points to the
 * DkimDNSTokenValueN of the same identity; all three are published, as
 * CNAMEs, in a hosted zone that holds the identity's name. The region of a
 * template is AWS::Region, known only when deployed: a MAIL FROM MX written
 * with ${AWS::Region} is checked for its shape, a literal region is left to
 * the rules of zone files, never compared with a guess. */
#include "parser/iac/cfn_ses.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lint/ses/shape.h"
#include "lint/util/util.h"

bool cfn_computed(zl_ynode n)
{
    if (!n.n)
        return false;
    const char *tag = (const char *)n.n->tag;
    if (tag && tag[0] == '!')
        return true;
    if (!zl_yis(n, YAML_MAPPING_NODE) || zl_ycount(n) != 1)
        return false;
    const char *key = cfn_scalar(zl_ykey(n, 0));
    return key && (strcmp(key, "Ref") == 0 || strncmp(key, "Fn::", 4) == 0);
}

const char *cfn_scalar(zl_ynode n)
{
    return zl_yis(n, YAML_SCALAR_NODE) ? (const char *)n.n->data.scalar.value : NULL;
}

/* A reference to an attribute of a resource: Id.Attr. */
typedef struct cfn_ref {
    char id[256], attr[64];
    bool more; /* a !Sub with more text than the reference (other than a final dot) */
} cfn_ref;

zl_ynode cfn_intrinsic(zl_ynode n, const char *tag, const char *key)
{
    const char *t = n.n ? (const char *)n.n->tag : NULL;
    if (t && strcmp(t, tag) == 0)
        return n;
    const char *k = zl_yis(n, YAML_MAPPING_NODE) && zl_ycount(n) == 1 ? cfn_scalar(zl_ykey(n, 0))
                                                                       : NULL;
    return k && strcmp(k, key) == 0 ? zl_yvalue(n, 0) : (zl_ynode){0};
}

static bool split(cfn_ref *r, const char *id, size_t nid, const char *attr, size_t nattr)
{
    if (!nid || nid >= sizeof r->id || !nattr || nattr >= sizeof r->attr)
        return false;
    memcpy(r->id, id, nid);
    r->id[nid] = '\0';
    memcpy(r->attr, attr, nattr);
    r->attr[nattr] = '\0';
    return true;
}

/* The first ${Id.Attr} of a !Sub. */
static bool sub_ref(zl_ynode n, cfn_ref *r)
{
    const char *s = cfn_scalar(cfn_intrinsic(n, "!Sub", "Fn::Sub"));
    const char *open = s ? strstr(s, "${") : NULL;
    const char *close = open ? strchr(open, '}') : NULL;
    const char *dot = close ? memchr(open + 2, '.', (size_t)(close - open - 2)) : NULL;
    if (!dot || !split(r, open + 2, (size_t)(dot - open - 2), dot + 1, (size_t)(close - dot - 1)))
        return false;
    r->more = open != s || (strcmp(close + 1, "") != 0 && strcmp(close + 1, ".") != 0);
    return true;
}

static bool ref_of(zl_ynode n, cfn_ref *r)
{
    memset(r, 0, sizeof *r);
    zl_ynode a = cfn_intrinsic(n, "!GetAtt", "Fn::GetAtt");
    const char *s = cfn_scalar(a);
    if (s) {
        const char *dot = strchr(s, '.');
        return dot && split(r, s, (size_t)(dot - s), dot + 1, strlen(dot + 1));
    }
    if (zl_yis(a, YAML_SEQUENCE_NODE) && zl_ycount(a) == 2) {
        const char *id = cfn_scalar(zl_yitem(a, 0)), *attr = cfn_scalar(zl_yitem(a, 1));
        return id && attr && split(r, id, strlen(id), attr, strlen(attr));
    }
    return sub_ref(n, r);
}

/* N of PREFIXN, N from 1 to 3; 0 for another attribute. */
static unsigned token_of(const char *attr, const char *prefix)
{
    size_t k = strlen(prefix);
    if (strncmp(attr, prefix, k) != 0 || attr[k] < '1' || attr[k] > '3' || attr[k + 1])
        return 0;
    return (unsigned)(attr[k] - '0');
}

/* Note that ids[i] has key (NULL: none); the first identity with it is kept. */
static void index_add(struct cfn_index *x, const char *key, size_t i)
{
    if (!key)
        return;
    size_t before = x->keys.n, k = zl_strset_index(&x->keys, key, strlen(key));
    if (x->keys.n == before)
        return;
    ZL_GROW(x->first, x->cap, x->keys.n);
    x->first[k] = i;
}

static struct cfn_identity *index_find(const cfn_ses *c, const struct cfn_index *x,
                                       const char *key)
{
    size_t k = key ? zl_strset_find(&x->keys, key, strlen(key)) : SIZE_MAX;
    return k == SIZE_MAX ? NULL : &c->ids[x->first[k]];
}

static void index_free(struct cfn_index *x)
{
    zl_strset_free(&x->keys);
    free(x->first);
}

static struct cfn_identity *identity(cfn_ses *c, const char *id)
{
    return index_find(c, &c->by_id, id);
}

/* A literal domain name, lower case without its final dot, or NULL. */
static char *domain_of(zl_ynode n)
{
    const char *s = cfn_computed(n) ? NULL : cfn_scalar(n);
    if (!s || !*s || strchr(s, '@') || strchr(s, ' '))
        return NULL;
    char *d = zl_xstrdup(s);
    size_t len = strlen(d);
    if (len > 1 && d[len - 1] == '.')
        d[--len] = '\0';
    for (size_t i = 0; i < len; i++)
        d[i] = (char)tolower((unsigned char)d[i]);
    return d;
}

/* name is zone or below it (the template's zone names keep their case). */
static bool below(const char *name, const char *zone)
{
    size_t n = strlen(name), k = strlen(zone);
    return n >= k && strcasecmp(name + n - k, zone) == 0 && (n == k || name[n - k - 1] == '.');
}

void cfn_ses_init(cfn_ses *c, zl_ynode resources)
{
    for (size_t i = 0; i < zl_ycount(resources); i++) {
        zl_ynode res = zl_yvalue(resources, i), props = zl_yget(res, "Properties");
        const char *type = cfn_scalar(zl_yget(res, "Type")), *id = cfn_scalar(zl_ykey(resources, i));
        if (!type || !id || strcmp(type, "AWS::SES::EmailIdentity") != 0)
            continue;
        zl_ynode mf = zl_yget(zl_yget(props, "MailFromAttributes"), "MailFromDomain");
        ZL_GROW(c->ids, c->cap, c->n + 1);
        c->ids[c->n] = (struct cfn_identity){.id = id,
                                             .domain = domain_of(zl_yget(props, "EmailIdentity")),
                                             .mail_from = domain_of(mf),
                                             .mail_from_at = mf};
        index_add(&c->by_id, id, c->n);
        index_add(&c->by_mail_from, c->ids[c->n].mail_from, c->n);
        c->n++;
    }
}

/* The identity whose MAIL FROM domain rs is named, or NULL. */
static struct cfn_identity *mail_from_of(cfn_ses *c, zl_ynode rs)
{
    char *name = domain_of(zl_yget(rs, "Name"));
    struct cfn_identity *found = index_find(c, &c->by_mail_from, name);
    free(name);
    return found;
}

static bool type_is(zl_ynode rs, const char *type)
{
    const char *t = cfn_scalar(zl_yget(rs, "Type"));
    return t && strcasecmp(t, type) == 0;
}

/* A value's text: a literal, or a !Sub's template. */
static const char *text_of(zl_ynode v)
{
    const char *s = cfn_scalar(cfn_intrinsic(v, "!Sub", "Fn::Sub"));
    return s ? s : cfn_computed(v) ? NULL : cfn_scalar(v);
}

void cfn_ses_count(cfn_ses *c, zl_ynode rs)
{
    cfn_ref r;
    unsigned n;
    if (ref_of(zl_yget(rs, "Name"), &r) && identity(c, r.id) &&
        (n = token_of(r.attr, "DkimDNSTokenName")))
        zl_sym_token(&c->tokens, r.id, n - 1, rs.n);
    struct cfn_identity *id = mail_from_of(c, rs);
    zl_ynode recs = zl_yget(rs, "ResourceRecords");
    for (size_t i = 0; id && i < zl_ycount(recs); i++) {
        zl_ynode v = zl_yitem(recs, i);
        const char *t = text_of(v);
        if (type_is(rs, "TXT") && t && zl_find(t, strlen(t), "include:amazonses.com"))
            id->spf = true;
        if (type_is(rs, "MX") && t && strstr(t, "${AWS::Region}") && !id->mx_len) {
            id->mx_at = zl_ystart(v);
            id->mx_len = zl_ylen(v);
        }
    }
}

/* A MAIL FROM MX: "PRIORITY feedback-smtp.${AWS::Region}.amazonses.com" when
 * written with the pseudo-parameter, the stack's region when that is known. */
static void check_mail_from_mx(cfn_ses *c, zl_synth *s, zl_ynode rs)
{
    struct cfn_identity *id = mail_from_of(c, rs);
    zl_ynode recs = zl_yget(rs, "ResourceRecords");
    for (size_t i = 0; id && type_is(rs, "MX") && i < zl_ycount(recs); i++) {
        zl_ynode v = zl_yitem(recs, i);
        const char *sub = cfn_scalar(cfn_intrinsic(v, "!Sub", "Fn::Sub"));
        const char *t = sub ? sub : text_of(v);
        if (!t || (sub && !strstr(t, "${AWS::Region}")))
            continue;
        const char *host = t + strspn(t, "0123456789");
        host += strspn(host, " \t");
        size_t n = strlen(host);
        if (n && host[n - 1] == '.')
            n--;
        char region[64];
        if (!sub) {
            if (c->region && zl_ses_feedback_host(host, n, region, sizeof region) &&
                strcmp(region, c->region) != 0)
                zl_synth_diag_raw(s, "ses-mail-from", zl_ystart(v), zl_ylen(v),
                                  zl_sym_mail_from_region(id->mail_from, region, c->region),
                                  zl_xasprintf("write \"10 feedback-smtp.%s.amazonses.com\"",
                                               c->region));
            continue;
        }
        if (host > t && n == strlen("feedback-smtp.${AWS::Region}.amazonses.com") &&
            strncasecmp(host, "feedback-smtp.${AWS::Region}.amazonses.com", n) == 0)
            continue;
        zl_synth_diag_raw(s, "ses-mail-from", zl_ystart(v), zl_ylen(v),
                          zl_xasprintf("the MAIL FROM MX of %s is %s, where SES looks for 10 "
                                       "feedback-smtp.REGION.amazonses.com",
                                       id->mail_from, t),
                          zl_xstrdup("write !Sub \"10 feedback-smtp.${AWS::Region}.amazonses.com\""));
    }
}

/* The targets of a record set publishing token n of identity name->id. */
static void check_targets(zl_synth *s, zl_ynode rs, const cfn_ref *name, unsigned n)
{
    zl_ynode recs = zl_yget(rs, "ResourceRecords");
    for (size_t i = 0; i < zl_ycount(recs); i++) {
        zl_ynode v = zl_yitem(recs, i);
        cfn_ref r;
        if (!ref_of(v, &r) || strncmp(r.attr, "DkimDNSToken", 12) != 0)
            continue;
        unsigned m = token_of(r.attr, "DkimDNSTokenValue");
        if (m == n && strcmp(r.id, name->id) == 0 && !r.more)
            continue;
        zl_synth_diag_raw(
            s, "ses-dkim-mismatch", zl_ystart(v), zl_ylen(v),
            r.more ? zl_xasprintf("the target is %s.%s with more text: it is the whole target "
                                  "already (TOKEN.dkim.amazonses.com)",
                                  r.id, r.attr)
                   : zl_xasprintf("the record named %s.DkimDNSTokenName%u points to %s.%s: SES "
                                  "looks for each token's CNAME under that token",
                                  name->id, n, r.id, r.attr),
            zl_xasprintf("point it to %s.DkimDNSTokenValue%u (!GetAtt or Fn::GetAtt)", name->id,
                         n));
    }
}

/* Whether zone_at is reported for id for the first time (then noted). */
static bool first_placed(cfn_ses *c, zl_ynode zone_at, const struct cfn_identity *id)
{
    if (!zone_at.n)
        return true;
    const void *pair[2] = {zone_at.n, id->id};
    return zl_strset_add(&c->placed, (const char *)pair, sizeof pair);
}

bool cfn_ses_check(cfn_ses *c, zl_synth *s, zl_ynode rs, zl_ynode zone_at, const char *zone)
{
    zl_ynode name = zl_yget(rs, "Name"), type = zl_yget(rs, "Type");
    cfn_ref r;
    unsigned n = 0;
    struct cfn_identity *id = NULL;
    if (ref_of(name, &r))
        id = identity(c, r.id);
    if (id)
        n = token_of(r.attr, "DkimDNSTokenName");
    if (!n) {
        check_mail_from_mx(c, s, rs);
        return false;
    }
    if (r.more)
        zl_synth_diag_raw(s, "ses-wrong-placement", zl_ystart(name), zl_ylen(name),
                          zl_xasprintf("%s.%s is the whole name already "
                                       "(TOKEN._domainkey.%s): more text around it names "
                                       "another record",
                                       r.id, r.attr, id->domain ? id->domain : "DOMAIN"),
                          zl_xasprintf("name it %s.%s alone (!GetAtt or Fn::GetAtt)", r.id,
                                       r.attr));
    const char *t = cfn_scalar(type);
    if (t && !cfn_computed(type) && strcasecmp(t, "CNAME") != 0) {
        char num[4] = {(char)('0' + n), 0};
        zl_synth_diag_raw(s, "ses-dkim-mismatch", zl_ystart(type), zl_ylen(type),
                          zl_sym_not_cname(num, r.id, t), zl_xstrdup("write Type: CNAME"));
    }
    if (zone && id->domain && !below(id->domain, zone) && first_placed(c, zone_at, id)) {
        zl_ynode at = zone_at.n ? zone_at : name;
        zl_synth_diag_raw(s, "ses-wrong-placement", zl_ystart(at), zl_ylen(at),
                          zl_xasprintf("%s.%s is a name below %s, which the hosted zone %s "
                                       "does not hold: Route 53 refuses the record",
                                       r.id, r.attr, id->domain, zone),
                          zl_xasprintf("create the record in the hosted zone of %s", id->domain));
    }
    check_targets(s, rs, &r, n);
    /* cfn_ses_count noted this set's token under r.id, the one identity
     * whose first set it can be. */
    const struct zl_sym_id *tok = zl_sym_find(&c->tokens, r.id);
    unsigned have = tok && tok->first == rs.n ? zl_sym_have(tok) : 3;
    if (have < 3)
        zl_synth_diag_raw(s, "ses-dkim-incomplete", zl_ystart(name), zl_ylen(name),
                          zl_sym_incomplete(have, tok->identity),
                          zl_xasprintf("publish all three: a record set for each of "
                                       "%s.DkimDNSTokenName1, 2 and 3",
                                       tok->identity));
    return true;
}

void cfn_ses_identities(cfn_ses *c, zl_synth *s)
{
    for (size_t i = 0; i < c->n; i++) {
        const struct cfn_identity *id = &c->ids[i];
        if (!id->mail_from || !id->domain)
            continue;
        if (!below(id->mail_from, id->domain) || strcmp(id->mail_from, id->domain) == 0)
            zl_synth_diag_raw(s, "ses-mail-from", zl_ystart(id->mail_from_at),
                              zl_ylen(id->mail_from_at),
                              zl_xasprintf("the MAIL FROM domain %s is not a subdomain of the "
                                           "identity %s",
                                           id->mail_from, id->domain),
                              zl_xasprintf("choose a MAIL FROM domain below %s, such as mail.%s",
                                           id->domain, id->domain));
        else if (id->mx_len && !id->spf)
            zl_synth_diag_raw(s, "ses-mail-from", id->mx_at, id->mx_len,
                              zl_xasprintf("%s has SES's MAIL FROM MX but no SPF record "
                                           "including amazonses.com",
                                           id->mail_from),
                              zl_xasprintf("add a TXT record set at %s: \"v=spf1 "
                                           "include:amazonses.com ~all\"",
                                           id->mail_from));
    }
}

void cfn_ses_free(cfn_ses *c)
{
    for (size_t i = 0; i < c->n; i++) {
        free(c->ids[i].domain);
        free(c->ids[i].mail_from);
    }
    free(c->ids);
    index_free(&c->by_id);
    index_free(&c->by_mail_from);
    zl_strset_free(&c->placed);
    free(c->region);
    zl_sym_free(&c->tokens);
    memset(c, 0, sizeof *c);
}
