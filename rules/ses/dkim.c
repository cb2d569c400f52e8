/* ses-dkim-missing, ses-dkim-mismatch, ses-dkim-incomplete: the DKIM records
 * of every identity SES's data describes, each at the name SES resolves,
 * with the target SES hosts the key under. Easy DKIM here; BYODKIM and the
 * checks without SES data beside. */
#include "rules/ses/dkim.h"

#include <ldns/ldns.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/rules.h"
#include "rules/ses/diff.h"
#include "rules/ses/near.h"
#include "rules/ses/place.h"
#include "lint/ses/shape.h"
#include "rules/values/txt.h"

const zl_rule zl_rule_ses_dkim_missing = {
    .id = "ses-dkim-missing",
    .severity = ZL_SEV_ERROR,
    .summary = "an Easy DKIM CNAME that SES issued is absent",
    .explanation =
        "With Easy DKIM, SES issues three tokens per identity, region and account, and "
        "looks for three CNAME records: TOKEN._domainkey.DOMAIN pointing to "
        "TOKEN.dkim.amazonses.com (TOKEN.dkim.REGION.amazonses.com in the regions with a DKIM "
        "domain of their own, or below SigningHostedZone when SES names one). Until it finds "
        "all three the identity stays pending, and after 72 hours SES fails it. zonelint "
        "takes the tokens from SES's own output (--expect) and reports each token whose "
        "record is absent from the zone file that serves the name, with the line to add. "
        "When a record with a near-miss token exists (a character lost or added in "
        "copying), it says where, and how it differs. A record holding the token under "
        "another name is reported as ses-wrong-placement, or by the name rule that explains "
        "it. For a BYODKIM identity the record is the TXT key at SELECTOR._domainkey.DOMAIN.",
    .hint = "add the CNAME record SES lists for the token",
};

const zl_rule zl_rule_ses_dkim_mismatch = {
    .id = "ses-dkim-mismatch",
    .severity = ZL_SEV_ERROR,
    .summary = "the expected DKIM name holds the wrong type or the wrong target",
    .explanation =
        "SES resolves TOKEN._domainkey.DOMAIN and expects a CNAME to TOKEN.dkim.amazonses.com "
        "(or its region's DKIM domain). zonelint reports a record there that is not a CNAME "
        "(a TXT holding the target, say), and a CNAME whose target differs: a token with a "
        "character lost, added or changed, the token of another record (name and target "
        "must carry the same token), the DKIM domain of another region. The message shows "
        "the difference. For a BYODKIM identity it reports a CNAME where the TXT key "
        "belongs, a key that differs from the one SES shows, and, when the rules that own "
        "them are switched off, a key in one string over 255 octets, split over several TXT "
        "records, or unusable. In Terraform, where the tokens are known only after apply, "
        "the records that publish aws_ses_domain_dkim or aws_sesv2_email_identity tokens are "
        "checked by their expressions: the same token in name and target, an SES DKIM "
        "domain, a CNAME, and not a proxied Cloudflare record. In a CloudFormation template "
        "the record set named by an AWS::SES::EmailIdentity's DkimDNSTokenNameN must point "
        "to the same identity's DkimDNSTokenValueN, as a CNAME.",
    .hint = "write the record exactly as SES lists it for the token or selector",
};

const zl_rule zl_rule_ses_dkim_incomplete = {
    .id = "ses-dkim-incomplete",
    .severity = ZL_SEV_WARNING,
    .summary = "SES DKIM CNAMEs not in sets of three, or with differing name and target tokens",
    .explanation =
        "Without SES's data, zonelint still checks the shape of Easy DKIM records. SES "
        "issues three tokens per identity, region and account, so an identity whose number "
        "of DKIM CNAMEs is not a multiple of three lacks some. A record's name and target "
        "must carry the same token. And the tokens SES issues are 32 characters of a-z and "
        "2-7 (observed, not documented: hence a warning), never the EXAMPLE placeholders of "
        "the AWS documentation. Give SES's data with --expect to learn exactly which record "
        "is missing or wrong. In Terraform and CloudFormation, whose SES resources issue the "
        "tokens, fewer than three of an identity's tokens published (count = 2, no record "
        "set for DkimDNSTokenName3) are reported at the first record.",
    .hint = "compare the records with SES's list (aws sesv2 get-email-identity), and give it "
            "to zonelint with --expect",
};

/* True when one of the owner's labels is label (any case). */
static bool owner_has_label(const zl_names *names, zl_name_id owner, const char *label)
{
    size_t n = strlen(label);
    for (zl_name_id id = owner; id != ZL_NAME_ROOT && id != ZL_NAME_NONE;
         id = zl_names_parent(names, id)) {
        size_t len;
        const uint8_t *p = zl_names_label(names, id, &len);
        if (len == n && zl_ascii_ieq((const char *)p, len, label))
            return true;
    }
    return false;
}

bool zl_ses_known_dkim_token(const zl_lint *l, const char *token, size_t n)
{
    return zl_ses_expect_has_token(l->ses, token, n);
}

/* What the search for a missing token reads, gathered once for all the
 * tokens SES lists: the records that hold each token (hits), and the Easy
 * DKIM CNAMEs whose target's token SES does not list, in zone and file
 * order: the near misses find_near looks among. */
typedef struct dkim_scan {
    zl_ses_hits hits;
    zl_ses_anchors anchors;
    bool near_built;
    struct near_rec {
        const zl_zone *z;
        const zl_record *r;
        size_t token_at; /* the target's token, in text (NUL-terminated) */
    } *near;
    size_t nnear, near_cap;
    zl_buf text;
    zl_ses_nearset tokens; /* the near records' tokens, by number in near */
} dkim_scan;

static void near_build(zl_lint *l, dkim_scan *s)
{
    s->near_built = true;
    for (size_t k = 0; k < l->zs->nzones; k++) {
        const zl_zone *z = l->zs->zones[k];
        for (size_t i = 0; i < z->nrecs; i++) {
            const zl_record *r = &z->recs[i];
            zl_ses_shape sh;
            if (!zl_ses_classify(l->zs, z, r, &sh) || sh.kind != ZL_SES_DKIM ||
                zl_ses_known_dkim_token(l, sh.target_token, strlen(sh.target_token)))
                continue;
            ZL_GROW(s->near, s->near_cap, s->nnear + 1);
            s->near[s->nnear++] = (struct near_rec){z, r, s->text.len};
            zl_buf_adds(&s->text, sh.target_token);
            zl_buf_addc(&s->text, '\0');
        }
    }
    /* The tokens' text is complete: it moves no more. */
    for (size_t i = 0; i < s->nnear; i++) {
        const char *token = s->text.data + s->near[i].token_at;
        zl_ses_nearset_add(&s->tokens, token, strlen(token));
    }
}

static void scan_free(dkim_scan *s)
{
    zl_ses_hits_free(&s->hits);
    zl_ses_anchors_free(&s->anchors);
    free(s->near);
    zl_buf_free(&s->text);
    zl_ses_nearset_free(&s->tokens);
}

/* One Easy DKIM token of an identity, and the record SES wants for it. */
typedef struct dkim_want {
    const zl_ses_identity *id;
    const char *token;
    dkim_scan *scan;
    char what[96];   /* "the Easy DKIM CNAME of token 2 of 3" */
    char host[256];  /* the DKIM domain the target must be below */
    char line[640];  /* the record to write */
    zl_ses_place place;
} dkim_want;

static bool host_ok(const zl_ses_identity *id, const char *host, size_t n)
{
    if (id->dkim_host)
        return zl_ascii_ieq(host, n, id->dkim_host);
    char buf[256];
    snprintf(buf, sizeof buf, "%.*s", (int)n, host);
    return zl_ses_dkim_domain_ok(zl_ses_dkim_region(id), buf);
}

static bool target_ok(const zl_lint *l, const zl_zone *z, const zl_record *r, const dkim_want *w)
{
    char text[512];
    bool absolute;
    zl_tok t = zl_record_rdata(l->zs, z, r, 0);
    size_t n = zl_ses_plain(&t, text, sizeof text, &absolute);
    const char *dot = memchr(text, '.', n);
    return absolute && dot && zl_ascii_ieq(text, (size_t)(dot - text), w->token) &&
           host_ok(w->id, dot + 1, n - (size_t)(dot - text) - 1);
}

/* Why the target's token is not the one SES issued for the name. */
static void token_difference(const zl_lint *l, const char *found, size_t n, const dkim_want *w,
                             zl_buf *out)
{
    if (zl_ses_known_dkim_token(l, found, n)) {
        zl_buf_printf(out, "its token %.*s is that of %.*s._domainkey, not of this name: a "
                      "target carries its own name's token",
                      (int)n, found, (int)n, found);
        return;
    }
    zl_buf_adds(out, "its token differs: ");
    if (!zl_ses_diff(found, n, w->token, strlen(w->token), false, out))
        zl_buf_printf(out, "%.*s is not the token %s", (int)n, found, w->token);
}

static void report_target(zl_lint *l, const zl_zone *z, const zl_record *r, const dkim_want *w)
{
    if (zl_ses_value_reported(l, z, r))
        return;
    char text[512];
    bool absolute;
    zl_tok t = zl_record_rdata(l->zs, z, r, 0);
    size_t n = zl_ses_plain(&t, text, sizeof text, &absolute);
    const char *dot = memchr(text, '.', n);
    size_t tl = dot ? (size_t)(dot - text) : n;
    bool token_right = zl_ascii_ieq(text, tl, w->token);
    bool host_right = dot && host_ok(w->id, dot + 1, n - tl - 1);
    bool dot_reported = !absolute && zl_ses_rdata_name_reported(l, z, r, 0);
    if (token_right && host_right && dot_reported)
        return; /* only the final dot is missing: missing-trailing-dot says so */
    zl_buf why = {0};
    if (!token_right)
        token_difference(l, text, tl, w, &why);
    if (!host_right) {
        zl_ses_shape s;
        const char *region = zl_ses_dkim_region(w->id);
        zl_buf_adds(&why, why.len ? "; and " : "");
        if (dot && zl_ses_dkim_target(text, n, &s) && region && !w->id->dkim_host)
            zl_buf_printf(&why, "it points to the DKIM domain %s, but %s signs in %s, whose "
                          "DKIM domain is %s",
                          dot + 1, w->id->domain, region, w->host);
        else
            zl_buf_printf(&why, "it points below %s, not below %s", dot ? dot + 1 : "nothing",
                          w->host);
    }
    if (!absolute && !dot_reported)
        zl_buf_printf(&why, "%swritten without a final dot, it is read relative to the origin",
                      why.len ? "; and " : "");
    /* The target SES's data names is certain: the fix writes it. */
    char *want = zl_xasprintf("%s.%s.", w->token, w->host);
    zl_fix *fix = zl_fix_new(ZL_FIX_SAFE);
    zl_fix_replace(fix, zl_record_src(z, r), t.off, t.len, want);
    zl_report_tok_fix(l, &zl_rule_ses_dkim_mismatch, z, r, zl_record_rd(r),
                      zl_xasprintf("change the target to: %s", want), fix,
                      "%s at %s. points to %.*s: %s", w->what, w->place.name, (int)t.len, t.p,
                      zl_buf_str(&why));
    free(want);
    zl_buf_free(&why);
}

static void report_type(zl_lint *l, const zl_zone *z, const zl_record *r, const dkim_want *w)
{
    char tn[32];
    zl_buf v = {0};
    if (zl_is_txt_type(r->type))
        zl_txt_value(l->zs, z, r, &v);
    bool target_as_txt = v.len && strstr(zl_buf_str(&v), w->token);
    zl_report_tok_fix(l, &zl_rule_ses_dkim_mismatch, z, r, zl_record_i_type(r),
                  zl_xasprintf("replace it with: %s", w->line),
                  zl_ses_rewrite_fix(l, z, r, w->line, ZL_FIX_SAFE),
                  "%s. holds a %s record%s, where Easy DKIM needs a CNAME to %s.%s.",
                  w->place.name, zl_type_name(r->type, tn, sizeof tn),
                  target_as_txt ? " with the target as its text" : "", w->token, w->host);
    zl_buf_free(&v);
}

/* The records at the name SES resolves. False when there are none. */
static bool check_at_place(zl_lint *l, const dkim_want *w)
{
    zl_ses_records at = zl_ses_place_records(l, &w->place);
    const zl_record *wrong = NULL, *other = NULL;
    for (size_t i = at.b; i < at.e; i++) {
        const zl_record *r = zl_ses_record(&at, i);
        if (!r)
            continue;
        if (r->type == LDNS_RR_TYPE_CNAME && target_ok(l, at.z, r, w))
            return true;
        if (r->type == LDNS_RR_TYPE_CNAME && !wrong)
            wrong = r;
        else if (!other)
            other = r;
    }
    if (wrong)
        report_target(l, at.z, wrong, w);
    else if (other)
        report_type(l, at.z, other, w);
    return at.b < at.e;
}

/* A record that holds the token: in a label of its name, or in its CNAME
 * target or text while its name is not another token's (that record's
 * target is then wrong, which its own token's check reports). */
static bool holds_token(zl_lint *l, const zl_zone *z, const zl_record *r, const void *ctx)
{
    const dkim_want *w = ctx;
    if (owner_has_label(&l->zs->names, r->owner, w->token))
        return true;
    size_t len;
    const uint8_t *first = zl_names_label(&l->zs->names, r->owner, &len);
    if ((r->type != LDNS_RR_TYPE_CNAME && !zl_is_txt_type(r->type)) ||
        zl_ses_known_dkim_token(l, (const char *)first, len))
        return false;
    zl_buf v = {0};
    zl_txt_value(l->zs, z, r, &v);
    bool holds = v.len && strstr(zl_buf_str(&v), w->token) != NULL;
    zl_buf_free(&v);
    return holds;
}

/* Nothing holds the token: look for a DKIM record whose token is a near
 * miss of it (a character lost in copying), the first in zone and file
 * order, among those the index says may be one. */
static void find_near(zl_lint *l, const dkim_want *w, zl_ses_near *near)
{
    dkim_scan *s = w->scan;
    if (!s->near_built)
        near_build(l, s);
    size_t wn = strlen(w->token);
    uint32_t *maybe;
    size_t n = zl_ses_nearset_of_want(&s->tokens, w->token, wn, &maybe);
    zl_buf why = {0};
    for (size_t k = 0; k < n && !near->r; k++) {
        const struct near_rec *c = &s->near[maybe[k]];
        zl_buf_reset(&why);
        if (zl_ses_diff(s->tokens.s[maybe[k]], s->tokens.len[maybe[k]], w->token, wn, false,
                        &why)) {
            near->z = c->z;
            near->r = c->r;
            zl_buf_adds(&near->why, "its target's token differs: ");
            zl_buf_add(&near->why, zl_buf_str(&why), why.len);
        }
    }
    zl_buf_free(&why);
    free(maybe);
}

static void check_token(zl_lint *l, const zl_ses_identity *id, size_t k, dkim_scan *scan,
                        size_t j)
{
    dkim_want w = {.id = id, .token = id->dkim[k], .scan = scan};
    char name[300];
    snprintf(name, sizeof name, "%s._domainkey.%s", w.token, id->domain);
    if (!zl_ses_place_find(l, id, name, &w.place))
        return;
    if (id->dkim_host)
        snprintf(w.host, sizeof w.host, "%s", id->dkim_host);
    else
        zl_ses_dkim_domain(zl_ses_dkim_region(id), w.host, sizeof w.host);
    snprintf(w.what, sizeof w.what, "the Easy DKIM CNAME of token %zu of %zu", k + 1,
             id->ndkim);
    snprintf(w.line, sizeof w.line, "%s. CNAME %s.%s.", name, w.token, w.host);
    if (check_at_place(l, &w))
        return;
    zl_ses_near near = {0};
    zl_ses_refs holding = zl_ses_hits_of(l, &scan->hits, j);
    if (zl_ses_find_elsewhere(l, &w.place, &holding, holds_token, &w, w.what, w.line, &near) ==
        0) {
        if (!near.r)
            find_near(l, &w, &near);
        zl_ses_report_missing(l, &scan->anchors, &zl_rule_ses_dkim_missing, &w.place,
                              zl_ses_key(id, "dkim", w.token), w.what, w.line, true, &near);
    }
    zl_buf_free(&near.why);
}

static void run(zl_lint *l)
{
    if (!l->ses) {
        /* Its only rule: the other rules of this check need SES's data. */
        if (zl_rule_on(l, &zl_rule_ses_dkim_incomplete))
            zl_ses_check_dkim_shape(l);
        return;
    }
    /* Every token and selector first, so that one search finds them all: a
     * selector in the first label of a TXT key, a token anywhere. */
    dkim_scan scan = {0};
    for (size_t i = 0; i < l->ses->n; i++) {
        const zl_ses_identity *id = &l->ses->v[i];
        for (size_t k = 0; k < id->ndkim; k++) {
            unsigned where = id->signing == ZL_SES_SIGN_BYODKIM ? ZL_HITS_LABEL
                             : strlen(id->dkim[k]) >= ZL_SES_TOKEN_MIN
                                 ? ZL_HITS_LABEL | ZL_HITS_VALUE
                                 : 0;
            zl_ses_hits_add(&scan.hits, id->dkim[k], where);
        }
    }
    for (size_t i = 0, j = 0; i < l->ses->n; i++) {
        const zl_ses_identity *id = &l->ses->v[i];
        for (size_t k = 0; k < id->ndkim; k++, j++) {
            if (id->signing == ZL_SES_SIGN_BYODKIM)
                zl_ses_check_byodkim(l, id, id->dkim[k], &scan.hits, j, &scan.anchors);
            else
                check_token(l, id, k, &scan, j);
        }
    }
    scan_free(&scan);
}

static const zl_rule *const rules[] = {&zl_rule_ses_dkim_missing, &zl_rule_ses_dkim_mismatch,
                                       &zl_rule_ses_dkim_incomplete,
                                       &zl_rule_ses_wrong_placement, NULL};
const zl_check zl_check_ses_dkim = {.family = "ses-dkim", .run = run, .rules = rules};
