/* Suppression comments: `; zonelint-disable-line RULE[,RULE]` on a record's
 * line and `; zonelint-disable-next-line RULE[,RULE]` on the line before;
 * `; zonelint-removed: NAME[ NAME]` says the SES records at NAME were
 * removed on purpose (ses-record-removed).
 * The reader only records them in the source; lint/engine/lint.c applies them. */
#ifndef ZL_SUPPRESS_COMMENT_H
#define ZL_SUPPRESS_COMMENT_H

#include <stdint.h>

#include "lint/model/model.h"

/* Record the comment at off (len bytes, starting with ';') if it is one. */
void zl_suppress_comment(zl_source *s, uint32_t off, uint32_t len);

#endif
