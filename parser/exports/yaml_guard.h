/* A guard for hostile YAML, before libyaml sees it: a document nested a
 * million deep makes libyaml's parser quadratic. (The loader, yaml_load.c,
 * bounds what aliases expand to: they let 2 KB stand for a million
 * records, each alias a reference the readers would walk once per use.) */
#ifndef ZL_YAML_GUARD_H
#define ZL_YAML_GUARD_H

#include <stdbool.h>
#include <stddef.h>

/* Nesting zonelint reads: flow collections ([ {) and block indentation. */
#define ZL_YAML_MAX_DEPTH 256
#define ZL_YAML_MAX_INDENT 4096

/* False, with *why and the offset, when text nests deeper than the limits
 * (checked on the text, before libyaml sees it). */
bool zl_yaml_depth_ok(const char *text, size_t len, const char **why, size_t *off);

#endif
