/* ses-verification-missing, ses-verification-mismatch: the legacy domain
 * verification TXT (aws ses verify-domain-identity) at _amazonses.DOMAIN,
 * whose value must be the token exactly. One name may hold the tokens of
 * several regions and accounts; the apex may hold it instead, as TOKEN or
 * amazonses:TOKEN, where a DNS provider refuses underscores. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/rules.h"
#include "rules/ses/diff.h"
#include "rules/ses/place.h"
#include "rules/values/txt.h"

const zl_rule zl_rule_ses_verification_missing = {
    .id = "ses-verification-missing",
    .severity = ZL_SEV_ERROR,
    .summary = "the _amazonses TXT record with SES's verification token is absent",
    .explanation =
        "A domain identity verified the legacy way (aws ses verify-domain-identity) needs a "
        "TXT record at _amazonses.DOMAIN whose value is exactly the verification token SES "
        "issued. The name may hold several values, one per region or account: SES looks "
        "for its own. Where a DNS provider refuses underscores the record may sit at the "
        "domain itself, as TOKEN or amazonses:TOKEN. zonelint reports each token given "
        "with --expect that no record holds, with the line to add. A value close to the "
        "token is ses-verification-mismatch; the token under another name is "
        "ses-wrong-placement. An identity verified through its DKIM records needs no "
        "verification TXT: give zonelint the token only when SES asks for the record.",
    .hint = "add the TXT record SES lists, at _amazonses.DOMAIN",
};

const zl_rule zl_rule_ses_verification_mismatch = {
    .id = "ses-verification-mismatch",
    .severity = ZL_SEV_ERROR,
    .summary = "the _amazonses TXT exists, but its value differs from the token",
    .explanation =
        "SES compares the verification token exactly, letter case included. zonelint "
        "reports a value at _amazonses.DOMAIN that comes close to the token without being "
        "it: truncated, with the final '=' dropped, a character lost, added or changed, or "
        "lower-cased by a DNS provider, and shows the difference. White space and quote "
        "marks pasted into the value are reported by value-whitespace and value-quoting.",
    .hint = "make the value exactly the token SES lists",
};

typedef struct verif_want {
    const zl_ses_identity *id;
    const char *token;
    char line[400];
    zl_ses_place place;
} verif_want;

static bool value_is(zl_lint *l, const zl_zone *z, const zl_record *r, const char *token,
                     bool prefixed)
{
    if (!r || !zl_is_txt_type(r->type))
        return false;
    zl_buf v = {0};
    zl_txt_value(l->zs, z, r, &v);
    const char *s = zl_buf_str(&v);
    if (prefixed && strncmp(s, "amazonses:", 10) == 0)
        s += 10;
    bool is = strcmp(s, token) == 0;
    zl_buf_free(&v);
    return is;
}

/* True when a TXT record at the place's name holds the token. */
static bool holds_at(zl_lint *l, const zl_ses_place *p, const char *token, bool prefixed)
{
    zl_ses_records at = zl_ses_place_records(l, p);
    for (size_t i = at.b; i < at.e; i++)
        if (value_is(l, at.z, zl_ses_record(&at, i), token, prefixed))
            return true;
    return false;
}

/* The token SES issued in place of a value of one string (between its
 * quotes, so that an export's map can place the edit). */
static zl_fix *token_fix(zl_lint *l, const zl_zone *z, const zl_record *r, const char *token)
{
    if (zl_record_nrdata(r) != 1)
        return NULL;
    zl_tok t = zl_record_rdata(l->zs, z, r, 0);
    size_t n;
    const char *in = zl_tok_inner(&t, &n);
    zl_fix *fix = zl_fix_new(ZL_FIX_SAFE);
    zl_fix_replace(fix, zl_record_src(z, r), t.off + (uint32_t)(in - t.p), (uint32_t)n, token);
    return fix;
}

/* A value at _amazonses that is a near miss of the token: reported (or left
 * to the value rules). True when there was one. */
static bool check_near(zl_lint *l, const verif_want *w)
{
    zl_ses_records at = zl_ses_place_records(l, &w->place);
    const zl_zone *z = at.z;
    bool found = false;
    zl_buf v = {0}, why = {0};
    for (size_t i = at.b; i < at.e && !found; i++) {
        const zl_record *r = zl_ses_record(&at, i);
        if (!r || !zl_is_txt_type(r->type))
            continue;
        zl_buf_reset(&v);
        zl_buf_reset(&why);
        zl_txt_value(l->zs, z, r, &v);
        found = zl_ses_diff(zl_buf_str(&v), v.len, w->token, strlen(w->token), true, &why);
        if (found && !zl_ses_value_reported(l, z, r))
            zl_report_tok_fix(l, &zl_rule_ses_verification_mismatch, z, r, zl_record_rd(r),
                              zl_xasprintf("change the value to: \"%s\"", w->token),
                              token_fix(l, z, r, w->token),
                              "the verification TXT at %s. holds \"%s\", not SES's token: %s",
                              w->place.name, v.data, zl_buf_str(&why));
    }
    zl_buf_free(&v);
    zl_buf_free(&why);
    return found;
}

/* A TXT record anywhere whose value carries the token. */
static bool holds_token(zl_lint *l, const zl_zone *z, const zl_record *r, const void *ctx)
{
    const verif_want *w = ctx;
    if (!zl_is_txt_type(r->type))
        return false;
    zl_buf v = {0};
    zl_txt_value(l->zs, z, r, &v);
    bool found = strstr(zl_buf_str(&v), w->token) != NULL;
    zl_buf_free(&v);
    return found;
}

/* hits: the records that may hold the token, string j of them; anchors:
 * where a missing record goes. */
static void check_identity(zl_lint *l, const zl_ses_identity *id, zl_ses_hits *hits, size_t j,
                           zl_ses_anchors *anchors)
{
    verif_want w = {.id = id, .token = id->verification};
    char name[300];
    snprintf(name, sizeof name, "_amazonses.%s", id->domain);
    zl_ses_place apex;
    if (!zl_ses_place_find(l, id, name, &w.place) ||
        holds_at(l, &w.place, w.token, false) ||
        (zl_ses_place_find(l, id, id->domain, &apex) && holds_at(l, &apex, w.token, true)) ||
        check_near(l, &w))
        return;
    snprintf(w.line, sizeof w.line, "%s. TXT \"%s\"", name, w.token);
    zl_ses_near near = {0};
    zl_ses_refs holding = zl_ses_hits_of(l, hits, j);
    if (zl_ses_find_elsewhere(l, &w.place, &holding, holds_token, &w, "the verification TXT",
                              w.line, &near) == 0)
        zl_ses_report_missing(l, anchors, &zl_rule_ses_verification_missing, &w.place,
                              zl_ses_key(id, "verification", w.token), "the verification TXT",
                              w.line, true, &near);
    zl_buf_free(&near.why);
}

static void run(zl_lint *l)
{
    if (!l->ses)
        return;
    /* Every token first, so that one search finds them all. */
    zl_ses_hits hits = {0};
    zl_ses_anchors anchors = {0};
    for (size_t i = 0; i < l->ses->n; i++)
        if (l->ses->v[i].verification)
            zl_ses_hits_add(&hits, l->ses->v[i].verification,
                            strlen(l->ses->v[i].verification) >= ZL_SES_TOKEN_MIN
                                ? ZL_HITS_VALUE
                                : 0);
    for (size_t i = 0, j = 0; i < l->ses->n; i++)
        if (l->ses->v[i].verification)
            check_identity(l, &l->ses->v[i], &hits, j++, &anchors);
    zl_ses_hits_free(&hits);
    zl_ses_anchors_free(&anchors);
}

static const zl_rule *const rules[] = {&zl_rule_ses_verification_missing,
                                       &zl_rule_ses_verification_mismatch,
                                       &zl_rule_ses_wrong_placement, NULL};
const zl_check zl_check_ses_verification = {.family = "ses-verification", .run = run,
                                            .rules = rules};
