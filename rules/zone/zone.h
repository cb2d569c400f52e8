/* What the zone-structure checks share. */
#ifndef ZL_ZONE_RULES_H
#define ZL_ZONE_RULES_H

#include <stdbool.h>

#include "lint/engine/lint.h"

/* A name token that is an IPv4 or IPv6 address (`192.0.2.7.`): target-is-address. */
bool zl_target_looks_like_address(const zl_tok *t);

/* The wildcard that would answer for a name that does not exist: `*` below
 * its closest existing ancestor, at or below apex (RFC 4592); ZL_NAME_NONE
 * when no such name was ever read. */
zl_name_id zl_wildcard_for(zl_lint *l, zl_name_id name, zl_name_id apex);

/* Whether missing-trailing-dot or duplicated-origin (on the text, or on an
 * SES target a provider changed), or a reader, reports the target in rdata
 * field `field`: then that finding says what went wrong. */
bool zl_target_name_fault(zl_lint *l, const zl_zone *z, const zl_record *r, unsigned field);

#endif
