/* ses-unexpected-token: with SES's data given, an Easy DKIM CNAME or an
 * _amazonses value of a described identity whose token is in none of the
 * data sets: stale, or of a region or account not described. A near miss
 * of a token SES issued is the finding of the rule that expected it. */
#include <stdlib.h>
#include <string.h>

#include "rules/rules.h"
#include "rules/ses/diff.h"
#include "rules/ses/dkim.h"
#include "rules/ses/near.h"
#include "rules/ses/place.h"
#include "lint/ses/by_name.h"
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

/* SES's data, indexed once: the identities by domain, and the tokens a
 * record's may be a near miss of. */
typedef struct known {
    zl_ses_by_name by_domain;
    zl_ses_nearset dkim, verification;
} known;

static void known_build(const zl_lint *l, known *k)
{
    zl_ses_by_name_build(&k->by_domain, l->ses, ZL_SES_BY_DOMAIN);
    for (size_t i = 0; i < l->ses->n; i++) {
        const zl_ses_identity *id = &l->ses->v[i];
        for (size_t t = 0; t < id->ndkim; t++)
            zl_ses_nearset_add(&k->dkim, id->dkim[t], strlen(id->dkim[t]));
        if (id->verification)
            zl_ses_nearset_add(&k->verification, id->verification, strlen(id->verification));
    }
}

static void known_free(known *k)
{
    zl_ses_by_name_free(&k->by_domain);
    zl_ses_nearset_free(&k->dkim);
    zl_ses_nearset_free(&k->verification);
}

/* The data files that describe domain's DKIM tokens (dkim) or verification
 * tokens, into out; false when none does. */
static bool described(const known *k, const char *domain, bool dkim, zl_buf *out)
{
    size_t run;
    const zl_ses_identity *const *same = zl_ses_by_name_find(&k->by_domain, domain, &run);
    for (size_t i = 0; i < run; i++) {
        const zl_ses_identity *id = same[i];
        if (dkim ? id->ndkim > 0 : id->verification != NULL)
            zl_buf_printf(out, "%s%s", out->len ? ", " : "", id->source);
    }
    return out->len > 0;
}

/* Whether value is a near miss of one of the set's strings (exact_case:
 * as zl_ses_diff takes it), or, with equal_counts, that string itself. */
static bool near_one(zl_ses_nearset *set, const char *value, bool exact_case,
                     bool equal_counts)
{
    size_t n = strlen(value);
    uint32_t *maybe;
    size_t m = zl_ses_nearset_of_found(set, value, n, &maybe);
    zl_buf why = {0};
    bool near = false;
    for (size_t i = 0; i < m && !near; i++) {
        const char *t = set->s[maybe[i]];
        near = (equal_counts && strcmp(value, t) == 0) ||
               zl_ses_diff(value, n, t, set->len[maybe[i]], exact_case, &why);
    }
    zl_buf_free(&why);
    free(maybe);
    return near;
}

/* A DKIM token known to the data, or a near miss of one. */
static bool expected_dkim(const zl_lint *l, known *k, const char *token)
{
    return zl_ses_known_dkim_token(l, token, strlen(token)) ||
           near_one(&k->dkim, token, false, false);
}

static bool expected_verification(known *k, const char *value)
{
    return near_one(&k->verification, value, true, true);
}

/* The identity a record at LABEL.DOMAIN (depth labels above it) belongs to. */
static void identity_of(const zl_names *names, zl_name_id owner, unsigned above, zl_buf *out)
{
    zl_name_id id = owner;
    for (unsigned i = 0; i < above && id != ZL_NAME_ROOT; i++)
        id = zl_names_parent(names, id);
    zl_ses_plain_name(names, id, out);
}

static void check_record(zl_lint *l, known *k, const zl_zone *z, const zl_record *r)
{
    zl_ses_shape s;
    if (!zl_ses_classify(l->zs, z, r, &s) ||
        (s.kind != ZL_SES_DKIM && s.kind != ZL_SES_VERIFICATION) ||
        zl_ses_value_reported(l, z, r))
        return;
    bool dkim = s.kind == ZL_SES_DKIM;
    zl_buf domain = {0}, files = {0};
    identity_of(&l->zs->names, r->owner, dkim ? 2 : 1, &domain);
    if (described(k, zl_buf_str(&domain), dkim, &files) &&
        (dkim ? !expected_dkim(l, k, s.token) && !expected_dkim(l, k, s.target_token)
              : !expected_verification(k, s.token)))
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
    if (!l->ses)
        return;
    known k = {0};
    known_build(l, &k);
    for (size_t zk = 0; zk < l->zs->nzones; zk++) {
        const zl_zone *z = l->zs->zones[zk];
        for (size_t i = 0; i < z->nrecs; i++)
            check_record(l, &k, z, &z->recs[i]);
    }
    known_free(&k);
}

static const zl_rule *const rules[] = {&zl_rule_ses_unexpected_token, NULL};
const zl_check zl_check_ses_unexpected = {.family = "ses-unexpected", .run = run,
                                          .rules = rules};
