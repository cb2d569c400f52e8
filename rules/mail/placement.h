/* Where receivers look for each mail-authentication record: SPF at the
 * domain itself, DKIM keys at SELECTOR._domainkey.DOMAIN, DMARC policies at
 * _dmarc.DOMAIN. Shared by mail-record-misplaced and the syntax rules, which
 * leave a record of one kind found at another kind's name to it. */
#ifndef ZL_MAIL_PLACEMENT_H
#define ZL_MAIL_PLACEMENT_H

#include <stdbool.h>
#include <stddef.h>

#include "lint/model/model.h"

typedef enum zl_mail_kind { ZL_MAIL_NONE, ZL_MAIL_SPF, ZL_MAIL_DKIM, ZL_MAIL_DMARC } zl_mail_kind;

/* The kind a TXT value announces by its version tag (v=spf1, v=DKIM1, v=DMARC1). */
zl_mail_kind zl_mail_kind_of(const char *v, size_t n);
/* True when a record of that kind at owner is at a name receivers never query. */
bool zl_mail_misplaced(const zl_zoneset *zs, zl_name_id owner, zl_mail_kind kind);

#endif
