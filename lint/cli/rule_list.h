#ifndef ZL_RULE_LIST_H
#define ZL_RULE_LIST_H

#include <stdbool.h>
#include <stdio.h>

/* --list-rules: every rule with its default severity and summary, as text
 * (a line each) or as a JSON array of {id, severity, summary, explanation,
 * hint}. False when writing failed. */
bool zl_list_rules(FILE *f, bool json);

#endif
