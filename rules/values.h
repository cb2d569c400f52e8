/* The detection behind value-whitespace and value-quoting, shared with the
 * mail-authentication rules so that they stay quiet where these fire. */
#ifndef ZL_VALUES_H
#define ZL_VALUES_H

#include "../lint/model.h"
#include "../lint/rule.h"

/* Called once per problem; hint and message are handed over. */
typedef void (*zl_value_fn)(void *ctx, const zl_rule *rule, unsigned tok, char *hint,
                            char *message);

void zl_value_problems(const zl_zoneset *zs, const zl_zone *z, const zl_record *r,
                       zl_value_fn fn, void *ctx);

#endif
