/* BYODKIM (SigningAttributesOrigin EXTERNAL): SES signs with the user's own
 * key and looks for its public half at SELECTOR._domainkey.DOMAIN: one TXT
 * record p=BASE64, in strings of at most 255 octets. Key problems that
 * dkim-key-syntax, txt-string-too-long and the value rules report are
 * theirs; this adds the record's absence, a CNAME in its place, and a key
 * that differs from the one SES shows. */
#include <ldns/ldns.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parser/master/rdata.h"
#include "rules/mail/dkim.h"
#include "rules/rules.h"
#include "rules/ses/diff.h"
#include "rules/ses/dkim.h"
#include "rules/ses/place.h"
#include "rules/values/txt.h"

typedef struct byo_want {
    const zl_ses_identity *id;
    const char *selector;
    char what[128];
    zl_buf line; /* the record to write */
    zl_ses_place place;
} byo_want;

/* A TXT key record named SELECTOR.something. */
static bool holds_key(zl_lint *l, const zl_zone *z, const zl_record *r, const void *ctx)
{
    const byo_want *w = ctx;
    size_t len;
    const uint8_t *label = zl_names_label(&l->zs->names, r->owner, &len);
    if (!zl_is_txt_type(r->type) || r->owner == ZL_NAME_ROOT ||
        !zl_ascii_ieq((const char *)label, len, w->selector))
        return false;
    zl_buf v = {0};
    zl_txt_value(l->zs, z, r, &v);
    bool key = strstr(zl_buf_str(&v), "p=") != NULL;
    zl_buf_free(&v);
    return key;
}

static void mismatch(zl_lint *l, const zl_zone *z, const zl_record *r, unsigned tok, char *hint,
                     const byo_want *w, const char *why)
{
    zl_report_tok(l, &zl_rule_ses_dkim_mismatch, z, r, tok, hint, "%s at %s.: %s", w->what,
                  w->place.name, why);
}

/* The one TXT record at the selector: a usable key, in strings SES can
 * read, and the key SES shows when the data has it. */
static void check_key(zl_lint *l, const zl_zone *z, const zl_record *r, const byo_want *w)
{
    if (zl_ses_value_reported(l, z, r))
        return;
    zl_buf v = {0};
    zl_txt_value(l->zs, z, r, &v);
    for (unsigned i = 0; i < zl_record_nrdata(r); i++) {
        zl_tok t = zl_record_rdata(l->zs, z, r, i);
        size_t octets = zl_charstr_len(&t);
        if (octets > 255) {
            if (!zl_rule_on(l, &zl_rule_txt_string_too_long)) {
                zl_buf split = {0};
                zl_buf_adds(&split, "split it: ");
                zl_txt_split(v.data, v.len, &split);
                char *why = zl_xasprintf("a string of %zu octets, where at most 255 fit",
                                         octets);
                mismatch(l, z, r, zl_record_rd(r) + i, zl_buf_take(&split), w, why);
                free(why);
            }
            zl_buf_free(&v);
            return;
        }
    }
    char *problem = zl_dkim_key_problem(v.data, v.len);
    if (problem && !zl_rule_on(l, &zl_rule_dkim_key_syntax))
        mismatch(l, z, r, zl_record_rd(r),
                 zl_xasprintf("publish the public key SES was given: %s", w->line.data), w,
                 problem);
    const char *want = w->id->byodkim_value;
    zl_buf why = {0};
    if (!problem && want && strcmp(v.data, want) != 0) {
        zl_buf_adds(&why, "the key differs from the one SES shows: ");
        if (!zl_ses_diff(v.data, v.len, want, strlen(want), true, &why))
            zl_buf_adds(&why, "another key");
        mismatch(l, z, r, zl_record_rd(r), zl_xasprintf("replace it with: %s", w->line.data), w,
                 zl_buf_str(&why));
    }
    zl_buf_free(&why);
    free(problem);
    zl_buf_free(&v);
}

/* The records at the selector's name; false when there are none. */
static bool check_at_place(zl_lint *l, const byo_want *w)
{
    zl_ses_records at = zl_ses_place_records(l, &w->place);
    const zl_zone *z = at.z;
    const zl_record *txt = NULL, *other = NULL;
    size_t ntxt = 0;
    for (size_t i = at.b; i < at.e; i++) {
        const zl_record *r = zl_ses_record(&at, i);
        if (!r)
            continue;
        if (zl_is_txt_type(r->type) && ntxt++ == 0)
            txt = r;
        else if (!zl_is_txt_type(r->type) && !other)
            other = r;
    }
    char tn[32];
    if (ntxt == 1) {
        check_key(l, z, txt, w);
    } else if (ntxt > 1 && !zl_rule_on(l, &zl_rule_dkim_key_syntax)) {
        char *why = zl_xasprintf("%zu TXT records: receivers get them as separate keys and "
                                 "use none; the key goes in one record, as several strings",
                                 ntxt);
        mismatch(l, z, txt, zl_record_i_type(txt),
                 zl_xasprintf("put the parts in one record, as strings: %s", w->line.data), w,
                 why);
        free(why);
    } else if (!ntxt && other) {
        char *why = zl_xasprintf("a %s record%s, where %s signs with its own key (BYODKIM) "
                                 "and SES looks for the public key in a TXT record",
                                 zl_type_name(other->type, tn, sizeof tn),
                                 other->type == LDNS_RR_TYPE_CNAME ? " (the Easy DKIM form)"
                                                                    : "",
                                 w->id->domain);
        mismatch(l, z, other, zl_record_i_type(other),
                 zl_xasprintf("replace it with: %s", w->line.data), w, why);
        free(why);
    }
    return at.b < at.e;
}

void zl_ses_check_byodkim(zl_lint *l, const zl_ses_identity *id, const char *selector,
                          zl_ses_hits *hits, size_t j, zl_ses_anchors *anchors)
{
    byo_want w = {.id = id, .selector = selector};
    char name[300];
    snprintf(name, sizeof name, "%s._domainkey.%s", selector, id->domain);
    if (!zl_ses_place_find(l, id, name, &w.place))
        return;
    snprintf(w.what, sizeof w.what, "the BYODKIM key of selector %s", selector);
    zl_buf_printf(&w.line, "%s. TXT ", name);
    if (id->byodkim_value)
        zl_txt_split(id->byodkim_value, strlen(id->byodkim_value), &w.line);
    else
        zl_buf_adds(&w.line, "\"p=<the public key, base64>\"");
    zl_ses_near near = {0};
    if (!check_at_place(l, &w)) {
        zl_ses_refs holding = zl_ses_hits_of(l, hits, j);
        if (zl_ses_find_elsewhere(l, &w.place, &holding, holds_key, &w, w.what, w.line.data,
                                  &near) == 0)
            zl_ses_report_missing(l, anchors, &zl_rule_ses_dkim_missing, &w.place,
                                  zl_ses_key(id, "byodkim", selector), w.what, w.line.data,
                                  id->byodkim_value != NULL, &near);
    }
    zl_buf_free(&near.why);
    zl_buf_free(&w.line);
}
