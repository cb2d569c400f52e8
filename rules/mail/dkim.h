/* DKIM key checks shared by dkim-key-syntax and the SES BYODKIM checks. */
#ifndef ZL_DKIM_H
#define ZL_DKIM_H

#include <stdbool.h>
#include <stddef.h>

#include "lint/model/model.h"

/* What makes the key record value v unusable, or NULL (caller frees). */
char *zl_dkim_key_problem(const char *v, size_t n);
/* True when owner is SELECTOR._domainkey.DOMAIN with a real selector. */
bool zl_dkim_owner(const zl_zoneset *zs, zl_name_id owner);

#endif
