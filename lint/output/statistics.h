#ifndef ZL_STATISTICS_H
#define ZL_STATISTICS_H

#include <stdio.h>

#include "lint/engine/finding.h"

/* --statistics: the number of findings per rule, most frequent first, then
 * the total:
 *       3  missing-trailing-dot (error)
 *       3  findings */
void zl_write_statistics(FILE *f, const zl_findings *fs);

#endif
