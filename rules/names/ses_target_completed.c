/* An Amazon SES target that a provider's interface changed
 * (missing-trailing-dot), seen in its export: a target entered without its
 * final dot, which the provider completed with the zone
 * (tok.dkim.amazonses.com.example.com.), and an SES DKIM target that lacks
 * its domain (tok, tok.dkim). Zone files are left to the names check, which
 * sees the missing dot itself. */
#include <ldns/ldns.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lint/engine/lint.h"
#include "lint/model/model.h"
#include "parser/master/rdata.h"
#include "rules/names/names.h"
#include "rules/rules.h"

static bool label_is(const zl_names *names, zl_name_id id, const char *label)
{
    size_t len;
    const uint8_t *l = zl_names_label(names, id, &len);
    return len == strlen(label) && memcmp(l, label, len) == 0;
}

/* The owner's first label when the owner is TOKEN._domainkey.X and TOKEN
 * has the shape of an SES Easy DKIM token (32 of a-z and 2-7). */
static bool ses_dkim_token(const zl_names *names, zl_name_id owner, char token[33])
{
    if (zl_names_depth(names, owner) < 3 ||
        !label_is(names, zl_names_parent(names, owner), "_domainkey"))
        return false;
    size_t len;
    const uint8_t *l = zl_names_label(names, owner, &len);
    if (len != 32)
        return false;
    for (size_t i = 0; i < len; i++)
        if (!((l[i] >= 'a' && l[i] <= 'z') || (l[i] >= '2' && l[i] <= '7')))
            return false;
    memcpy(token, l, 32);
    token[32] = '\0';
    return true;
}

/* X.amazonses.com.APEX: an SES host that was completed with the zone. */
static bool ses_host_completed(const zl_names *names, zl_name_id name, zl_name_id apex)
{
    if (apex == ZL_NAME_NONE || name == ZL_NAME_NONE)
        return false;
    unsigned d = zl_names_depth(names, apex);
    return zl_names_depth(names, name) > d + 2 && zl_names_is_below(names, name, apex) &&
           label_is(names, zl_names_ancestor(names, name, d + 1), "com") &&
           label_is(names, zl_names_ancestor(names, name, d + 2), "amazonses");
}

/* TOKEN, TOKEN.dkim or TOKEN.dkim.amazonses: the start of the SES target,
 * cut at a label. */
static bool lacks_domain(const char *text, size_t n, const char *token)
{
    static const char domain[] = ".dkim.amazonses.com";
    size_t k = n - 32;
    return n >= 32 && n < 32 + sizeof domain - 1 && strncasecmp(text, token, 32) == 0 &&
           strncasecmp(text + 32, domain, k) == 0 && domain[k] == '.';
}

/* Whether the reader already reported this rule at this place. */
static bool reported(const zl_zoneset *zs, uint32_t src, uint32_t off, const char *rule)
{
    for (size_t i = 0; i < zs->ndiags; i++)
        if (zs->diags[i].src == src && zs->diags[i].off == off &&
            strcmp(zs->diags[i].rule, rule) == 0)
            return true;
    return false;
}

static void ses_targets(zl_lint *l, const zl_zone *z)
{
    const zl_zoneset *zs = l->zs;
    const zl_names *names = &zs->names;
    zl_buf text = {0}, full = {0};
    for (size_t i = 0; i < z->nrecs; i++) {
        const zl_record *r = &z->recs[i];
        if ((r->type != LDNS_RR_TYPE_CNAME && r->type != LDNS_RR_TYPE_MX) ||
            (r->flags & (ZL_REC_BAD_RDATA | ZL_REC_GENERIC)) || zl_record_nrdata(r) == 0)
            continue;
        zl_tok t = zl_record_rdata(zs, z, r, zl_record_nrdata(r) - 1);
        if (t.quoted || reported(zs, zl_record_src(z, r), t.off, "missing-trailing-dot"))
            continue;
        bool absolute;
        zl_name_id target = zl_rdata_name_lookup(names, zl_record_origin(z, r), &t, &absolute);
        zl_buf_reset(&text);
        zl_tok_decode(&t, &text);
        zl_buf_str(&text);
        size_t n = text.len - (absolute && text.len ? 1 : 0);
        char token[33];
        if (absolute && ses_host_completed(names, target, z->apex)) {
            zl_buf_reset(&full);
            zl_names_format(names, z->apex, &full);
            zl_report_span(l, &zl_rule_missing_trailing_dot, zl_record_src(z, r), t.off, t.len,
                           NULL, NULL,
                           zl_xasprintf("enter the target with a final dot: %.*s",
                                        (int)(text.len - full.len), text.data),
                           "the target %s ends with the zone %s: it was entered without its "
                           "final dot, and the zone was appended",
                           text.data, full.data);
        } else if (r->type == LDNS_RR_TYPE_CNAME && ses_dkim_token(names, r->owner, token) &&
                   lacks_domain(text.data, n, token)) {
            zl_report_span(l, &zl_rule_missing_trailing_dot, zl_record_src(z, r), t.off, t.len,
                           NULL, NULL,
                           zl_xasprintf("write the whole target: %s.dkim.amazonses.com. (or the "
                                        "DKIM domain of your SES region)",
                                        token),
                           "the SES DKIM target %.*s lacks its domain: Easy DKIM targets are "
                           "%s.dkim.amazonses.com.",
                           (int)n, text.data, token);
        }
    }
    zl_buf_free(&text);
    zl_buf_free(&full);
}

bool zl_ses_target_changed(const zl_zoneset *zs, const zl_zone *z, const zl_record *r)
{
    if (strcmp(z->format, "bind") == 0 || zl_record_nrdata(r) == 0 ||
        (r->type != LDNS_RR_TYPE_CNAME && r->type != LDNS_RR_TYPE_MX))
        return false;
    zl_tok t = zl_record_rdata(zs, z, r, zl_record_nrdata(r) - 1);
    bool absolute;
    zl_name_id target = zl_rdata_name_lookup(&zs->names, zl_record_origin(z, r), &t, &absolute);
    if (absolute && ses_host_completed(&zs->names, target, z->apex))
        return true;
    char token[33];
    if (r->type != LDNS_RR_TYPE_CNAME || !ses_dkim_token(&zs->names, r->owner, token))
        return false;
    zl_buf text = {0};
    zl_tok_decode(&t, &text);
    zl_buf_str(&text);
    bool lacks = lacks_domain(text.data, text.len - (absolute && text.len ? 1 : 0), token);
    zl_buf_free(&text);
    return lacks;
}

static void run(zl_lint *l)
{
    for (size_t k = 0; k < l->zs->nzones; k++) {
        const zl_zone *z = l->zs->zones[k];
        if (strcmp(z->format, "bind") != 0)
            ses_targets(l, z);
    }
}

static const zl_rule *const rules[] = {&zl_rule_missing_trailing_dot, NULL};
const zl_check zl_check_ses_target_completed = {
    .family = "ses-target-completed", .run = run, .rules = rules};
