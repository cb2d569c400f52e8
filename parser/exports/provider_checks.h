/* Mistakes that provider interfaces produce and their exports show, found
 * once a provider export has been read (single-threaded, before the rules):
 *
 * - a TXT value split into separate records where it needed several strings
 *   of one record (txt-string-too-long: the usual wrong fix for a long DKIM
 *   key); both parts are then marked so that the DKIM, SPF and DMARC rules do
 *   not report the halves once more;
 * - an Amazon SES target entered without its final dot, which the provider
 *   completed with the zone (tok.dkim.amazonses.com.example.com.), and an SES
 *   DKIM target that lacks its domain (tok, tok.dkim): missing-trailing-dot. */
#ifndef ZL_PROVIDER_CHECKS_H
#define ZL_PROVIDER_CHECKS_H

#include "lint/model/model.h"

void zl_provider_checks(zl_zoneset *zs, zl_zone *z);

#endif
