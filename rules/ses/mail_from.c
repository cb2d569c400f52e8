/* ses-mail-from: a custom MAIL FROM domain needs exactly one MX, 10
 * feedback-smtp.REGION.amazonses.com. in the identity's region, and an SPF
 * record that includes amazonses.com; it lies below the identity and
 * receives no mail. With SES's data every MAIL FROM domain SES was given is
 * checked; without, every name with an MX to feedback-smtp. */
#include <ldns/ldns.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/rules.h"
#include "rules/ses/place.h"
#include "lint/ses/by_name.h"
#include "lint/ses/shape.h"
#include "rules/values/txt.h"

const zl_rule zl_rule_ses_mail_from = {
    .id = "ses-mail-from",
    .severity = ZL_SEV_ERROR,
    .summary = "a custom MAIL FROM domain without SES's MX and SPF records, or misused",
    .explanation =
        "A custom MAIL FROM domain (the domain of the bounce address, mail.example.com say) "
        "needs exactly one MX record, 10 feedback-smtp.REGION.amazonses.com., naming the "
        "region the identity sends from, and an SPF record that includes amazonses.com "
        "(v=spf1 include:amazonses.com ~all). It must be a subdomain of the identity, and "
        "must not receive mail: another MX there makes SES's check fail and sends the "
        "domain's mail astray. zonelint reports a missing or wrong MX (another host, "
        "another region; any priority works with one MX), a second MX, a missing SPF record or one "
        "without include:amazonses.com, and a MAIL FROM domain that is not below its "
        "identity. With SES's data (--expect) it checks the MAIL FROM domains SES was "
        "given, in their regions; without, every name with an MX to feedback-smtp. In "
        "Terraform the MX of an aws_ses_domain_mail_from domain must name the region of the "
        "identity's provider; in CloudFormation an AWS::SES::EmailIdentity's MailFromDomain "
        "must lie below it, and an MX written with ${AWS::Region} must be 10 "
        "feedback-smtp.${AWS::Region}.amazonses.com with an SPF record beside it (a "
        "template's region is known only when deployed, or where CDK's manifest.json names "
        "the stack's environment: elsewhere a literal one is not compared).",
    .hint = "publish at the MAIL FROM domain: MX 10 feedback-smtp.REGION.amazonses.com. and "
            "TXT \"v=spf1 include:amazonses.com ~all\"",
};

/* One MAIL FROM domain and what SES wants there. */
typedef struct mf_want {
    zl_ses_place place;      /* identity NULL without SES's data */
    const char *regions[16]; /* the regions of the identities that use it; none: any */
    size_t nregions;
    char host[96];           /* SES's feedback host, for hints */
    char mx_line[512], spf_line[400];
} mf_want;

static bool region_ok(const mf_want *w, const char *region)
{
    for (size_t i = 0; i < w->nregions; i++)
        if (strcmp(w->regions[i], region) == 0)
            return true;
    return w->nregions == 0;
}

static void set_lines(mf_want *w, const char *region)
{
    snprintf(w->host, sizeof w->host, "feedback-smtp.%s.amazonses.com", region);
    snprintf(w->mx_line, sizeof w->mx_line, "%s. MX 10 %s.", w->place.name, w->host);
    snprintf(w->spf_line, sizeof w->spf_line, "%s. TXT \"v=spf1 include:amazonses.com ~all\"",
             w->place.name);
}

/* include:amazonses.com as a term of an SPF record (qualifier + or none). */
static bool includes_amazonses(const char *v)
{
    for (const char *p = v; *p;) {
        while (*p == ' ')
            p++;
        size_t n = strcspn(p, " ");
        const char *t = *p == '+' ? p + 1 : p;
        if (zl_ascii_ieq(t, n - (size_t)(t - p), "include:amazonses.com"))
            return true;
        p += n;
    }
    return false;
}

static void report(zl_lint *l, const zl_zone *z, const zl_record *r, unsigned tok, char *hint,
                   char *message)
{
    zl_report_tok(l, &zl_rule_ses_mail_from, z, r, tok, hint, "%s", message);
    free(message);
}

/* SES's MX at the name: one, in the identity's region, priority 10. */
static void check_ses_mx(zl_lint *l, const zl_zone *z, const zl_record *r, const mf_want *w,
                         const zl_ses_shape *s, bool first)
{
    if (!first)
        report(l, z, r, zl_record_i_type(r),
               zl_xstrdup("keep one MX: SES's, in the region the identity sends from"),
               zl_xasprintf("a second MX at %s.: SES requires exactly one at a MAIL FROM "
                            "domain",
                            w->place.name));
    else if (!region_ok(w, s->region))
        report(l, z, r, zl_record_rd(r) + 1, zl_xasprintf("change it to: %s", w->mx_line),
               zl_xasprintf("the MAIL FROM MX at %s. points to feedback-smtp.%s.amazonses.com, "
                            "but the identity sends from %s, where SES expects %s",
                            w->place.name, s->region, w->regions[0], w->host));
    /* The priority is not checked: with the one MX SES requires, any
     * priority sends bounces to SES; SES's 10 is only its example. */
}

/* The MX records at the name; false when there is none. A name that
 * receives mail cannot be SES's MAIL FROM domain, but its inbound MX is what
 * a working service needs: the finding is on SES's record (or on the name,
 * when SES's is missing), and the fix is another MAIL FROM domain. */
static bool check_mx(zl_lint *l, const zl_ses_records *at, const mf_want *w)
{
    const zl_zone *z = at->z;
    size_t ses = 0, mx = 0;
    const zl_record *ses_mx = NULL, *inbound = NULL;
    zl_ses_shape s;
    for (size_t i = at->b; i < at->e; i++) {
        const zl_record *r = zl_ses_record(at, i);
        if (!r || r->type != LDNS_RR_TYPE_MX)
            continue;
        mx++;
        bool is_ses = zl_ses_classify(l->zs, z, r, &s) && s.kind == ZL_SES_MAILFROM_MX;
        if (is_ses && !ses_mx)
            ses_mx = r;
        if (!is_ses && !inbound)
            inbound = r;
        if (zl_ses_value_reported(l, z, r) || zl_ses_rdata_name_reported(l, z, r, 1))
            continue;
        if (is_ses)
            check_ses_mx(l, z, r, w, &s, ses++ == 0);
    }
    if (inbound) {
        zl_tok host = zl_record_rdata(l->zs, z, inbound, 1);
        const zl_record *at_r = ses_mx ? ses_mx : inbound;
        report(l, z, at_r, zl_record_rd(at_r) + (ses_mx ? 0 : 1),
               ses_mx ? zl_xasprintf("keep the MX that receives mail; make SES's MAIL FROM "
                                     "domain a name that receives none (ses.%s, say) and "
                                     "move this MX and the SPF record there",
                                     w->place.name)
                      : zl_xasprintf("keep this MX; make SES's MAIL FROM domain a name that "
                                     "receives no mail (ses.%s, say) and publish there: "
                                     "%s and the SPF record",
                                     w->place.name, w->mx_line),
               zl_xasprintf("%s. receives mail (MX to %.*s, line %u), so it cannot be SES's "
                            "MAIL FROM domain: SES requires its own MX as the only one",
                            w->place.name, (int)host.len, host.p,
                            zl_record_line(l->zs, z, inbound)));
    }
    return mx > 0;
}

/* The SPF record at the name; false when there is none. */
static bool check_spf(zl_lint *l, const zl_ses_records *at, const mf_want *w)
{
    const zl_zone *z = at->z;
    size_t n = 0;
    zl_buf v = {0};
    for (size_t i = at->b; i < at->e; i++) {
        const zl_record *r = zl_ses_record(at, i);
        if (!r || !zl_is_txt_type(r->type))
            continue;
        zl_buf_reset(&v);
        zl_txt_value(l->zs, z, r, &v);
        /* a second SPF record is spf-multiple's finding */
        if (!zl_has_prefix_ci(zl_buf_str(&v), v.len, "v=spf1") || n++ > 0 ||
            zl_ses_value_reported(l, z, r) || includes_amazonses(v.data))
            continue;
        report(l, z, r, zl_record_rd(r),
               zl_xasprintf("add the include: \"v=spf1 include:amazonses.com%s\"", v.data + 6),
               zl_xasprintf("the SPF record at %s. does not include amazonses.com, whose "
                            "servers send the mail that bounces here",
                            w->place.name));
    }
    zl_buf_free(&v);
    return n > 0;
}

/* The identities by MAIL FROM domain, so that each domain is checked once
 * and a name is known to be some identity's MAIL FROM domain by a lookup;
 * and the MXs to SES's feedback host at no such name, found when an MX is
 * first missing. */
typedef struct mf_domains {
    zl_ses_by_name by_domain;
    bool stray_built;
    zl_ses_ref *stray;
    size_t nstray, stray_cap;
    zl_ses_anchors anchors; /* where a missing record goes */
} mf_domains;

/* An MX to SES's feedback host, at a name that is no identity's MAIL FROM
 * domain (the MX of another MAIL FROM domain is that domain's). */
static bool holds_feedback_mx(zl_lint *l, const zl_zone *z, const zl_record *r, const void *ctx)
{
    const mf_domains *d = ctx;
    zl_ses_shape s;
    if (!zl_ses_classify(l->zs, z, r, &s) || s.kind != ZL_SES_MAILFROM_MX)
        return false;
    zl_buf o = {0};
    zl_ses_plain_name(&l->zs->names, r->owner, &o);
    size_t run;
    bool theirs = zl_ses_by_name_find(&d->by_domain, zl_buf_str(&o), &run) != NULL;
    zl_buf_free(&o);
    return !theirs;
}

static zl_ses_refs stray_mx(zl_lint *l, mf_domains *d)
{
    for (size_t k = 0; !d->stray_built && k < l->zs->nzones; k++) {
        const zl_zone *z = l->zs->zones[k];
        for (size_t i = 0; i < z->nrecs; i++) {
            if (z->recs[i].type != LDNS_RR_TYPE_MX || !holds_feedback_mx(l, z, &z->recs[i], d))
                continue;
            ZL_GROW(d->stray, d->stray_cap, d->nstray + 1);
            d->stray[d->nstray++] = (zl_ses_ref){(uint32_t)k, (uint32_t)i};
        }
    }
    d->stray_built = true;
    return (zl_ses_refs){d->stray, d->nstray};
}

/* A MAIL FROM domain SES was given. */
static void check_given(zl_lint *l, mf_want *w, mf_domains *d)
{
    const zl_ses_identity *id = w->place.identity;
    zl_ses_records at = zl_ses_place_records(l, &w->place);
    zl_ses_near near = {0};
    if (!check_mx(l, &at, w)) {
        zl_ses_refs stray = stray_mx(l, d);
        if (zl_ses_find_elsewhere(l, &w->place, &stray, holds_feedback_mx, d,
                                  "the MAIL FROM MX", w->mx_line, &near) == 0)
            zl_ses_report_missing(l, &d->anchors, &zl_rule_ses_mail_from, &w->place,
                                  zl_ses_key(id, "mail-from-mx", id->mail_from),
                                  "the MAIL FROM MX", w->mx_line, w->nregions == 1, &near);
    }
    zl_buf_free(&near.why);
    zl_ses_near none = {0};
    if (!check_spf(l, &at, w))
        zl_ses_report_missing(l, &d->anchors, &zl_rule_ses_mail_from, &w->place,
                              zl_ses_key(id, "mail-from-spf", id->mail_from),
                              "the MAIL FROM SPF record", w->spf_line, true, &none);
}

static void check_identity(zl_lint *l, size_t i, mf_domains *d)
{
    const zl_ses_identity *id = &l->ses->v[i];
    size_t ml = strlen(id->mail_from), dl = strlen(id->domain);
    zl_ses_place home;
    if (!(ml > dl && id->mail_from[ml - dl - 1] == '.' &&
          strcmp(id->mail_from + ml - dl, id->domain) == 0) &&
        zl_ses_place_find(l, id, id->domain, &home)) {
        char *key = zl_ses_key(id, "mail-from-outside", id->mail_from);
        zl_report_file(l, &zl_rule_ses_mail_from, zl_ses_place_zone(l, &home)->path, key,
                       zl_xasprintf("choose a MAIL FROM domain below %s, such as mail.%s",
                                    id->domain, id->domain),
                       "the MAIL FROM domain %s (from %s) is not a subdomain of the identity %s",
                       id->mail_from, id->source, id->domain);
        free(key);
    }
    /* One check per MAIL FROM domain, by its first identity, accepting the
     * regions of all the identities that use it: one MX serves them all. */
    size_t run;
    const zl_ses_identity *const *same = zl_ses_by_name_find(&d->by_domain, id->mail_from, &run);
    mf_want w = {0};
    if (same[0] != id || !zl_ses_place_find(l, id, id->mail_from, &w.place))
        return;
    for (size_t k = 0; k < run && w.nregions < 16; k++)
        if (same[k]->region)
            w.regions[w.nregions++] = same[k]->region;
    set_lines(&w, w.nregions ? w.regions[0] : "REGION");
    check_given(l, &w, d);
}

/* Without SES's data: every name with an MX to feedback-smtp. */
static void check_shapes(zl_lint *l)
{
    for (size_t k = 0; k < l->zs->nzones; k++) {
        const zl_zone *z = l->zs->zones[k];
        zl_ses_records at = {z, zl_lint_index(l, k), 0, 0};
        size_t g = 0;
        while (zl_index_next_owner_with(at.ix, z, ZL_GROUP_MX, &g, &at.b, &at.e)) {
            const zl_record *mx = NULL;
            zl_ses_shape s;
            for (size_t i = at.b; i < at.e && !mx; i++) {
                const zl_record *r = zl_ses_record(&at, i);
                if (r && r->type == LDNS_RR_TYPE_MX && zl_ses_classify(l->zs, z, r, &s) &&
                    s.kind == ZL_SES_MAILFROM_MX)
                    mx = r;
            }
            if (!mx)
                continue;
            mf_want w = {.place = {.id = mx->owner, .zone = k}};
            zl_buf o = {0};
            zl_ses_plain_name(&l->zs->names, mx->owner, &o);
            snprintf(w.place.name, sizeof w.place.name, "%s", zl_buf_str(&o));
            zl_buf_free(&o);
            set_lines(&w, s.region);
            check_mx(l, &at, &w);
            if (!check_spf(l, &at, &w))
                report(l, z, mx, zl_ses_owner_tok(mx), zl_xasprintf("add: %s", w.spf_line),
                       zl_xasprintf("%s. has SES's MAIL FROM MX but no SPF record including "
                                    "amazonses.com",
                                    w.place.name));
        }
    }
}

static void run(zl_lint *l)
{
    if (!l->ses) {
        check_shapes(l);
        return;
    }
    mf_domains d = {0};
    zl_ses_by_name_build(&d.by_domain, l->ses, ZL_SES_BY_MAIL_FROM);
    for (size_t i = 0; i < l->ses->n; i++)
        if (l->ses->v[i].mail_from)
            check_identity(l, i, &d);
    zl_ses_by_name_free(&d.by_domain);
    free(d.stray);
    zl_ses_anchors_free(&d.anchors);
}

static const zl_rule *const rules[] = {&zl_rule_ses_mail_from, &zl_rule_ses_wrong_placement,
                                       NULL};
const zl_check zl_check_ses_mail_from = {.family = "ses-mail-from", .run = run, .rules = rules};
