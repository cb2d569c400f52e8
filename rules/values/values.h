/* The detection behind value-whitespace and value-quoting, shared with the
 * mail-authentication rules so that they stay quiet where these fire. */
#ifndef ZL_VALUES_H
#define ZL_VALUES_H

#include "lint/engine/fix.h"
#include "lint/model/model.h"
#include "lint/engine/rule.h"
#include "rules/values/txt.h"

/* Where a problem is: a token, and within its decoded content the octets
 * [at, at + len); at == ZL_WHOLE_TOKEN means the token as a whole. */
#define ZL_WHOLE_TOKEN ((size_t)-1)
typedef struct zl_value_at {
    unsigned tok;
    size_t at, len;
    zl_fix *fix; /* the correction, or NULL */
} zl_value_at;

/* Called once per problem; hint, message and where.fix are handed over. */
typedef void (*zl_value_fn)(void *ctx, const zl_rule *rule, zl_value_at where, char *hint,
                            char *message);

/* Where the problems go. details says whether a problem of rule needs its
 * hint, message and fix; when it does not (or details is NULL: a caller
 * that only asks whether there are problems), they are not built: fn is
 * given NULL for each, and where is not set. */
typedef struct zl_value_sink {
    zl_value_fn fn;
    bool (*details)(void *ctx, const zl_rule *rule);
    void *ctx;
} zl_value_sink;

void zl_value_problems(const zl_zoneset *zs, const zl_zone *z, const zl_record *r,
                       const zl_value_sink *sink);
/* The same for a TXT record whose strings v holds (zl_txt_view_read). */
void zl_value_problems_txt(const zl_zoneset *zs, const zl_zone *z, const zl_record *r,
                           const zl_txt_view *v, const zl_value_sink *sink);

#endif
