/* ses-unexpected-token: with SES's data given, an Easy DKIM CNAME or an
 * _amazonses value of a described identity whose token is in none of the
 * data sets: stale, or of a region or account not described. A near miss
 * of a token SES issued is the finding of the rule that expected it. */
#include <stdlib.h>
#include <string.h>

#include "rules/rules.h"
#include "rules/ses/diff.h"
#include "rules/ses/dkim.h"
#include "rules/ses/place.h"
#include "lint/ses/shape.h"

const zl_rule zl_rule_ses_unexpected_token = {
    .id = "ses-unexpected-token",
    .severity = ZL_SEV_WARNING,
    .summary = "an SES record whose token is in none of the SES data given",
    .explanation =
        "With SES's data given (--expect), every Easy DKIM CNAME and _amazonses value of a "
        "described identity should carry one of its tokens. A record with another token is "
        "stale (left from an identity deleted and created again, which issues new tokens) "
        "or belongs to a region or account whose data was not given. The tokens of every "
        "data set given count, so give all regions' and accounts' data together. A near "
        "miss of a token SES issued is reported by the rule that expected that token.",
    .hint = "remove the record if SES no longer uses it, or give that region's or account's "
            "data with --expect",
};

/* The data files that describe domain's DKIM tokens (dkim) or verification
 * tokens, into out; false when none does. */
static bool described(const zl_lint *l, const char *domain, bool dkim, zl_buf *out)
{
    for (size_t i = 0; i < l->ses->n; i++) {
        const zl_ses_identity *id = &l->ses->v[i];
        if (strcmp(id->domain, domain) == 0 && (dkim ? id->ndkim > 0 : id->verification != NULL))
            zl_buf_printf(out, "%s%s", out->len ? ", " : "", id->source);
    }
    return out->len > 0;
}

/* A DKIM token known to the data, or a near miss of one. */
static bool expected_dkim(const zl_lint *l, const char *token)
{
    size_t n = strlen(token);
    if (zl_ses_known_dkim_token(l, token, n))
        return true;
    zl_buf why = {0};
    bool near = false;
    for (size_t i = 0; i < l->ses->n && !near; i++)
        for (size_t k = 0; k < l->ses->v[i].ndkim && !near; k++)
            near = zl_ses_diff(token, n, l->ses->v[i].dkim[k], strlen(l->ses->v[i].dkim[k]),
                               false, &why);
    zl_buf_free(&why);
    return near;
}

static bool expected_verification(const zl_lint *l, const char *value)
{
    zl_buf why = {0};
    bool near = false;
    for (size_t i = 0; i < l->ses->n && !near; i++) {
        const char *v = l->ses->v[i].verification;
        near = v && (strcmp(value, v) == 0 ||
                     zl_ses_diff(value, strlen(value), v, strlen(v), true, &why));
    }
    zl_buf_free(&why);
    return near;
}

/* The identity a record at LABEL.DOMAIN (depth labels above it) belongs to. */
static void identity_of(const zl_names *names, zl_name_id owner, unsigned above, zl_buf *out)
{
    zl_name_id id = owner;
    for (unsigned i = 0; i < above && id != ZL_NAME_ROOT; i++)
        id = zl_names_parent(names, id);
    zl_ses_plain_name(names, id, out);
}

static void check_record(zl_lint *l, const zl_zone *z, const zl_record *r)
{
    zl_ses_shape s;
    if (!zl_ses_classify(l->zs, z, r, &s) ||
        (s.kind != ZL_SES_DKIM && s.kind != ZL_SES_VERIFICATION) ||
        zl_ses_value_reported(l, z, r))
        return;
    bool dkim = s.kind == ZL_SES_DKIM;
    zl_buf domain = {0}, files = {0};
    identity_of(&l->zs->names, r->owner, dkim ? 2 : 1, &domain);
    if (described(l, zl_buf_str(&domain), dkim, &files) &&
        (dkim ? !expected_dkim(l, s.token) && !expected_dkim(l, s.target_token)
              : !expected_verification(l, s.token)))
        zl_report_tok(l, &zl_rule_ses_unexpected_token, z, r,
                      dkim ? zl_ses_owner_tok(r) : zl_record_rd(r), NULL,
                      "the %s token %s is not one of %s's in the SES data given (%s): a stale "
                      "record, or one of a region or account not given",
                      dkim ? "Easy DKIM" : "verification", s.token, domain.data, files.data);
    zl_buf_free(&domain);
    zl_buf_free(&files);
}

static void run(zl_lint *l)
{
    for (size_t k = 0; l->ses && k < l->zs->nzones; k++) {
        const zl_zone *z = l->zs->zones[k];
        for (size_t i = 0; i < z->nrecs; i++)
            check_record(l, z, &z->recs[i]);
    }
}

static const zl_rule *const rules[] = {&zl_rule_ses_unexpected_token, NULL};
const zl_check zl_check_ses_unexpected = {.family = "ses-unexpected", .run = run,
                                          .rules = rules};
