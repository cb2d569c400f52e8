/* The second pass of reading: every record's rdata checked with ldns (see
 * rdata.h), on all worker threads. Records whose rdata is bad are marked so
 * that rules skip them, and each gets a syntax-error diagnostic.
 *
 * The records of a large source were checked while it was read (entries.h):
 * the reader notes their results here, and the pass checks only the others,
 * giving every diagnostic in record order as if it had checked them all. */
#ifndef ZL_VALIDATE_H
#define ZL_VALIDATE_H

#include <stdint.h>

#include "lint/model/model.h"
#include "parser/master/rdata.h"

typedef struct zl_early_diag {
    uint32_t rec;
    zl_diag d;
} zl_early_diag;

typedef struct zl_prechecked {
    uint64_t *done; /* a bit per record index */
    size_t nwords;
    zl_early_diag *bad; /* in record order */
    size_t nbad, cap;
} zl_prechecked;

/* Record rec (just stored) was checked as res: its flags are set now, and
 * a message (taken over) is reported at the field at fault. */
void zl_prechecked_add(zl_prechecked *p, const zl_zoneset *zs, zl_zone *z, uint32_t rec,
                       zl_rdata_result *res);

/* Check the records pre does not hold; pre is emptied. */
void zl_validate_rdata(zl_zoneset *zs, zl_zone *z, zl_prechecked *pre);

#endif
