/* What an Amazon SES record looks like, decided on the text as written (so a
 * target that lost its final dot is still recognised): Easy DKIM CNAMEs
 * (TOKEN._domainkey.DOMAIN -> TOKEN.dkim[.REGION].amazonses.com), the
 * verification TXT (_amazonses.DOMAIN), and the custom MAIL FROM records
 * (MX 10 feedback-smtp.REGION.amazonses.com, TXT "v=spf1 include:amazonses.com").
 * Shared by the SES rules and by ses-record-removed. */
#ifndef ZL_SES_SHAPE_H
#define ZL_SES_SHAPE_H

#include <stdbool.h>

#include "../lint/model.h"

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

#endif
