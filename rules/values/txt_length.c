/* txt-string-too-long: a character-string holds at most 255 octets
 * (RFC 1035 section 3.3); longer text must be split into several strings of
 * one record, which resolvers join again. */
#include <ldns/ldns.h>
#include <stdlib.h>

#include "lint/engine/lint.h"
#include "parser/master/rdata.h"
#include "rules/rules.h"
#include "rules/values/txt.h"

const zl_rule zl_rule_txt_string_too_long = {
    .id = "txt-string-too-long",
    .severity = ZL_SEV_ERROR,
    .summary = "a TXT character-string longer than 255 octets",
    .explanation =
        "A DNS character-string carries a one-octet length, so it holds at most 255 octets. "
        "A 2048-bit DKIM key (about 400 characters with p=) does not fit in one. Name "
        "servers reject the record or, worse, some tools cut it. The fix is one TXT record "
        "of several quoted strings, \"first 255 octets\" \"the rest\": resolvers join them "
        "without a separator, so the key comes back whole. Splitting the key over separate "
        "TXT records does not work: those are different values.",
    .hint = "split the text into several quoted strings of at most 255 octets each",
};

/* Strings shown in full in the hint; a longer text is abbreviated. */
#define HINT_STRINGS 4

/* The token's text split into quoted strings of at most 255 octets, never
 * inside an escape sequence. */
static char *split_hint(const zl_tok *t, size_t octets_total)
{
    size_t n;
    const char *p = zl_tok_inner(t, &n);
    size_t strings = (octets_total + 254) / 255;
    zl_buf out = {0};
    zl_buf_adds(&out, "split it: \"");
    size_t octets = 0, shown = 1;
    for (size_t i = 0; i < n;) {
        size_t step = 1;
        if (p[i] == '\\' && i + 1 < n)
            step = (i + 3 < n && p[i + 1] >= '0' && p[i + 1] <= '9') ? 4 : 2;
        if (octets == 255) {
            if (strings > HINT_STRINGS && shown == HINT_STRINGS - 1) {
                zl_buf_printf(&out, "\" ... (%zu strings of at most 255 octets in all)",
                              strings);
                return zl_buf_take(&out);
            }
            zl_buf_adds(&out, "\" \"");
            octets = 0;
            shown++;
        }
        zl_buf_add(&out, p + i, step);
        octets++;
        i += step;
    }
    zl_buf_addc(&out, '"');
    return zl_buf_take(&out);
}

/* The same split as edits: '" "' inserted every 255 octets (and quotes
 * around an unquoted token), so the bytes of the value stay where they are
 * and an export's map can place them. */
static zl_fix *split_fix(const zl_zone *z, const zl_record *r, const zl_tok *t)
{
    size_t n;
    const char *p = zl_tok_inner(t, &n);
    uint32_t src = zl_record_src(z, r), inner = t->off + (uint32_t)(p - t->p);
    zl_fix *f = zl_fix_new(ZL_FIX_SAFE);
    if (!t->quoted)
        zl_fix_replace(f, src, inner, 0, "\"");
    size_t octets = 0;
    for (size_t i = 0; i < n;) {
        size_t step = 1;
        if (p[i] == '\\' && i + 1 < n)
            step = (i + 3 < n && p[i + 1] >= '0' && p[i + 1] <= '9') ? 4 : 2;
        if (octets == 255) {
            zl_fix_replace(f, src, inner + (uint32_t)i, 0, "\" \"");
            octets = 0;
        }
        octets++;
        i += step;
    }
    if (!t->quoted)
        zl_fix_replace(f, src, inner + (uint32_t)n, 0, "\"");
    return f;
}

static void run(zl_lint *l)
{
    for (size_t k = 0; k < l->zs->nzones; k++) {
        const zl_zone *z = l->zs->zones[k];
        if (zl_publisher_splits_long_txt(z->publisher))
            continue; /* the server publishes a long string as several */
        size_t seg = 0;
        for (size_t i = 0; i < z->nrecs; i++) {
            const zl_record *r = &z->recs[i];
            zl_record_prefetch(l->zs, z, &seg, i, LDNS_RR_TYPE_TXT);
            unsigned n = zl_record_nrdata(r);
            if ((r->flags & ZL_REC_GENERIC) || !zl_type_has_strings(r->type))
                continue;
            for (unsigned f = 0; f < n; f++) {
                if (!zl_rdata_field_is_string(r->type, f))
                    continue;
                zl_tok t = zl_record_rdata(l->zs, z, r, f);
                size_t raw;
                zl_tok_inner(&t, &raw);
                if (raw <= 255)
                    continue; /* escapes only shorten it: no need to count */
                size_t len = zl_charstr_len(&t);
                if (len > 255)
                    zl_report_tok_fix(l, &zl_rule_txt_string_too_long, z, r,
                                      zl_record_rd(r) + f, split_hint(&t, len),
                                      zl_is_txt_type(r->type) ? split_fix(z, r, &t) : NULL,
                                      "character-string of %zu octets; at most 255 fit in one",
                                      len);
            }
        }
    }
}

static const zl_rule *const rules[] = {&zl_rule_txt_string_too_long, NULL};
const zl_check zl_check_txt_length = {.family = "txt-length", .run = run, .rules = rules};
