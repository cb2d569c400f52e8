/* What the readers of each provider's record resources share: attributes
 * evaluated with their place, TTLs, and the owner/TTL/type head of a
 * record line. */
#ifndef ZL_TF_RECORD_H
#define ZL_TF_RECORD_H

#include "parser/iac/tf_read.h"

typedef struct tf_attr {
    const zl_hcl_item *item; /* NULL when the attribute is not written */
    tf_val *v;               /* its value (null when not written) */
} tf_attr;

/* Attribute name of body (a resource's or a nested block's) in b's file. */
tf_attr tf_attr_get(tf_reader *r, const tf_block *b, const zl_hcl_body *body,
                    const tf_scope *sc, const char *name);
bool tf_has_block(const zl_hcl_body *body, const char *name);
/* Two labels or more under a top-level domain: a name meant to be whole. */
bool tf_looks_absolute(const tf_val *name);
/* A TTL (or an MX priority) given as a number or a string of digits, as
 * Terraform converts it. */
bool tf_ttl(const tf_val *v, long long *ttl);
/* v (the attribute's value or one of its elements, expression e) as text
 * of the file for the synth. */
zl_lstr tf_value_lstr(const tf_reader *r, const tf_val *v, const zl_hx *e);
/* The expression of element i of a list attribute (the list when it is not
 * written as one). */
const zl_hx *tf_element(const tf_attr *a, size_t i);
/* " TTL IN TYPE " after the owner: the TTL from ttl (default when not
 * known), the type from type; returns the type's number. */
uint16_t tf_ttl_type(tf_reader *r, zl_synth *s, const tf_attr *ttl, long long dflt,
                     const tf_attr *type, uint32_t at);

/* fn for every instance of b (count, for_each), none when their number is
 * known only after apply. */
void tf_each_instance(tf_reader *r, tf_block *b,
                      void (*fn)(tf_reader *r, tf_block *b, const tf_scope *sc));

#endif
