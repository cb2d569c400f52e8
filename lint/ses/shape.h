/* What an Amazon SES record looks like, decided on the text as written (so a
 * target that lost its final dot is still recognised): Easy DKIM CNAMEs
 * (TOKEN._domainkey.DOMAIN -> TOKEN.dkim[.REGION].amazonses.com), the
 * verification TXT (_amazonses.DOMAIN), and the custom MAIL FROM records
 * (MX 10 feedback-smtp.REGION.amazonses.com, TXT "v=spf1 include:amazonses.com").
 * Shared by the SES rules and by ses-record-removed. */
#ifndef ZL_SES_SHAPE_H
#define ZL_SES_SHAPE_H

#include <stdbool.h>

#include "lint/model/model.h"

typedef enum zl_ses_kind {
    ZL_SES_NONE = 0,
    ZL_SES_DKIM,         /* CNAME at TOKEN._domainkey to an amazonses.com DKIM host */
    ZL_SES_VERIFICATION, /* TXT at _amazonses */
    ZL_SES_MAILFROM_MX,  /* MX to feedback-smtp.REGION.amazonses.com */
    ZL_SES_MAILFROM_SPF, /* TXT v=spf1 with include:amazonses.com */
} zl_ses_kind;

typedef struct zl_ses_shape {
    zl_ses_kind kind;
    char token[128];  /* DKIM: the selector label; verification: the value */
    char target_token[128]; /* DKIM: the first label of the target */
    char region[32];  /* DKIM: regional target's region ("" for dkim.amazonses.com);
                         MAIL FROM: the region of feedback-smtp.REGION */
    bool target_absolute; /* the target was written with its final dot */
} zl_ses_shape;

/* Classify r; false (kind NONE) when it is not an SES-shaped record. */
bool zl_ses_classify(const zl_zoneset *zs, const zl_zone *z, const zl_record *r,
                     zl_ses_shape *out);
const char *zl_ses_kind_name(zl_ses_kind k);

/* The decoded text of a token without quotes and without a final dot (cut
 * to cap - 1 octets); *absolute tells whether it ended with one. */
size_t zl_ses_plain(const zl_tok *t, char *buf, size_t cap, bool *absolute);

/* The same on plain text (no quotes, no final dot), for SES's own data:
 * TOKEN.dkim[.REGION].amazonses.com fills target_token and region. */
bool zl_ses_dkim_target(const char *t, size_t n, zl_ses_shape *out);
/* feedback-smtp.REGION.amazonses.com: the region into region[cap]. */
bool zl_ses_feedback_host(const char *t, size_t n, char *region, size_t cap);

/* The DKIM target domain of a region: dkim.REGION.amazonses.com where SES
 * has one, else (and for an unknown region) dkim.amazonses.com. */
const char *zl_ses_dkim_domain(const char *region, char *buf, size_t cap);
/* True when host (plain text) is a DKIM target domain SES may use in region:
 * the right one of a known region; for another region either form; for
 * region NULL any SES DKIM domain. */
bool zl_ses_dkim_domain_ok(const char *region, const char *host);
/* Why an Easy DKIM token does not look like one SES issues (32 characters
 * of a-z and 2-7; EXAMPLE placeholders), or NULL. buf may hold the text. */
const char *zl_ses_token_shape(const char *t, size_t n, char *buf, size_t cap);

#endif
