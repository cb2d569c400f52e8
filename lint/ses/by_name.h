/* The identities of SES's data that have a name of one kind (their domain,
 * their MAIL FROM domain), sorted by it and then in their order: the
 * identities of a name are found by a binary search, not by comparing
 * every identity with every other. */
#ifndef ZL_SES_BY_NAME_H
#define ZL_SES_BY_NAME_H

#include "lint/ses/expect.h"

typedef enum zl_ses_name_kind { ZL_SES_BY_DOMAIN, ZL_SES_BY_MAIL_FROM } zl_ses_name_kind;

typedef struct zl_ses_by_name {
    const zl_ses_identity **v;
    size_t n;
    zl_ses_name_kind kind;
} zl_ses_by_name;

void zl_ses_by_name_build(zl_ses_by_name *b, const zl_ses_expect *e, zl_ses_name_kind kind);
/* The first (in their order) of the identities named name, *run of them
 * from there; NULL when none is. */
const zl_ses_identity *const *zl_ses_by_name_find(const zl_ses_by_name *b, const char *name,
                                                 size_t *run);
void zl_ses_by_name_free(zl_ses_by_name *b);

#endif
