/* Every rule and every check zonelint has, in one place. */
#ifndef ZL_REGISTRY_H
#define ZL_REGISTRY_H

#include <stddef.h>

#include "lint/engine/rule.h"

extern const zl_check *const zl_checks[];
extern const size_t zl_nchecks;
/* The order threads take the costliest checks in, before the rest (NULL-terminated). */
extern const zl_check *const zl_checks_costly[];

/* All rules, in catalogue order. */
extern const zl_rule *const zl_rules[];
extern const size_t zl_nrules;

const zl_rule *zl_rule_find(const char *id);
/* Position of r in zl_rules. */
size_t zl_rule_index(const zl_rule *r);

#endif
