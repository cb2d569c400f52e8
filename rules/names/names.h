/* What missing-trailing-dot and duplicated-origin find in a record's names,
 * decided on the text as written. The SES rules ask too: where one of these
 * rules reports the record SES needs, they stay quiet (one cause, one finding). */
#ifndef ZL_NAMES_RULES_H
#define ZL_NAMES_RULES_H

#include "lint/engine/lint.h"

typedef enum zl_name_fault {
    ZL_FAULT_NONE = 0,
    ZL_FAULT_NO_FINAL_DOT,   /* relative, and ends with the origin: the origin was appended */
    ZL_FAULT_TARGET_NO_DOT,  /* a relative target that ends in a top-level domain */
    ZL_FAULT_APEX_TWICE,     /* absolute, and ends with the zone apex twice */
} zl_name_fault;

zl_name_fault zl_owner_fault(const zl_zoneset *zs, const zl_zone *z, const zl_record *r);
/* Of rdata field i; *read_as receives the name it was read as. */
zl_name_fault zl_rdata_fault(zl_lint *l, const zl_zone *z, const zl_record *r, unsigned i,
                             zl_name_id *read_as);

/* In an export: an SES target the provider changed (completed with the zone,
 * tok.dkim.amazonses.com.example.com., or cut short, tok.dkim), which
 * missing-trailing-dot reports. */
bool zl_ses_target_changed(const zl_zoneset *zs, const zl_zone *z, const zl_record *r);

#endif
