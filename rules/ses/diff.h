/* How a value found in a zone differs from the one SES issued, in words a
 * user can act on: "one character short: '3' is missing at the start", "the
 * final '=' was dropped", "an extra leading space". Values that differ by
 * more than a slip of copy and paste are not near: a different token. */
#ifndef ZL_SES_DIFF_H
#define ZL_SES_DIFF_H

#include <stdbool.h>
#include <stddef.h>

#include "lint/util/util.h"

/* True when found is a near miss of want (not equal to it), with the
 * difference described into out. exact_case: letter case matters (the
 * verification token), else it is ignored (DNS names). */
bool zl_ses_diff(const char *found, size_t fn, const char *want, size_t wn, bool exact_case,
                 zl_buf *out);

#endif
