/* --diff reports what a change adds: a finding whose key (rule, owner, type,
 * value; see finding.h) the base commit's findings already hold is old, even
 * when an edit above it moved it to another line. */
#ifndef ZL_BASELINE_H
#define ZL_BASELINE_H

#include "lint/engine/finding.h"

/* Remove from f the findings whose key is among base's. Keys count as a
 * multiset: two equal findings in base hide two in f, not three. */
void zl_findings_drop_known(zl_findings *f, const zl_findings *base);

#endif
