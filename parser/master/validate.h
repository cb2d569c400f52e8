/* The second pass of reading: every record's rdata checked with ldns (see
 * rdata.h), on all worker threads. Records whose rdata is bad are marked so
 * that rules skip them, and each gets a syntax-error diagnostic. */
#ifndef ZL_VALIDATE_H
#define ZL_VALIDATE_H

#include "lint/model/model.h"

void zl_validate_rdata(zl_zoneset *zs, zl_zone *z);

#endif
