/* A bound on the findings a lint run holds. A file that repeats one mistake
 * a million times ($GENERATE, or a pull request written to exhaust a CI
 * runner) would otherwise hold a million findings, messages, hints and
 * fixes, when only the first ZL_MAX_FINDINGS_PER_RULE_FILE of a rule in a
 * file are ever shown. Each check's list keeps, of each rule in each
 * source, the ZL_KEEP_PER_RULE_SOURCE findings that come first in the
 * file; the others are counted (zl_lint.dropped) for the cap's "and N
 * more". What is shown is the same whenever a rule has at most that many
 * findings in a file; past it, --diff compares the kept ones only. --fix
 * keeps every finding (zl_lint.keep_all): each fix is made. */
#ifndef ZL_BOUND_H
#define ZL_BOUND_H

#include "lint/engine/lint.h"

#define ZL_KEEP_PER_RULE_SOURCE (10 * ZL_MAX_FINDINGS_PER_RULE_FILE)

/* Drop from f, a check's list, the suppressed findings and those past the
 * bound; the next size at which to call it again. */
size_t zl_bound_compact(zl_lint *l, zl_findings *f);

#endif
