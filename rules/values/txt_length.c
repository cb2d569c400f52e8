/* txt-string-too-long: a character-string holds at most 255 octets
 * (RFC 1035 section 3.3); longer text must be split into several strings of
 * one record, which resolvers join again. */
#include <stdlib.h>

#include "lint/engine/lint.h"
#include "parser/master/rdata.h"
#include "rules/rules.h"

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

static void run(zl_lint *l)
{
    for (size_t k = 0; k < l->zs->nzones; k++) {
        const zl_zone *z = l->zs->zones[k];
        if (zl_publisher_splits_long_txt(z->publisher))
            continue; /* the server publishes a long string as several */
        for (size_t i = 0; i < z->nrecs; i++) {
            const zl_record *r = &z->recs[i];
            unsigned n = zl_record_nrdata(r);
            if ((r->flags & ZL_REC_GENERIC) || !zl_type_has_strings(r->type))
                continue;
            for (unsigned f = 0; f < n; f++) {
                if (!zl_rdata_field_is_string(r->type, f))
                    continue;
                zl_tok t = zl_record_rdata(l->zs, z, r, f);
                size_t len = zl_charstr_len(&t);
                if (len > 255)
                    zl_report_tok(l, &zl_rule_txt_string_too_long, z, r, zl_record_rd(r) + f,
                                  split_hint(&t, len),
                                  "character-string of %zu octets; at most 255 fit in one", len);
            }
        }
    }
}

static const zl_rule *const rules[] = {&zl_rule_txt_string_too_long, NULL};
const zl_check zl_check_txt_length = {.family = "txt-length", .run = run, .rules = rules};
