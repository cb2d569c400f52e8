/* Zone files kept as Jinja or Ansible templates: "{{ value }}" stands for
 * text filled in before the server reads the file, and "{% ... %}" lines are
 * the template's own statements. Such entries are not zone data yet, so
 * they are passed over instead of reported as broken records. */
#ifndef ZL_TEMPLATE_H
#define ZL_TEMPLATE_H

#include <stdbool.h>
#include <stddef.h>

#include "parser/master/lexer.h"

/* The entry holds a placeholder or a statement of a template. */
bool zl_template_entry(const char *text, const zl_entry *e);

#endif
