/* Guards for hostile YAML, before and after libyaml: a document nested a
 * million deep makes libyaml's parser quadratic, and aliases let 2 KB stand
 * for a million records (each alias a reference to an earlier node, which
 * the readers would walk once per reference). */
#ifndef ZL_YAML_GUARD_H
#define ZL_YAML_GUARD_H

#include <stdbool.h>
#include <stddef.h>
#include <yaml.h>

/* Nesting zonelint reads: flow collections ([ {) and block indentation. */
#define ZL_YAML_MAX_DEPTH 256
#define ZL_YAML_MAX_INDENT 4096

/* False, with *why and the offset, when text nests deeper than the limits
 * (checked on the text, before libyaml sees it). */
bool zl_yaml_depth_ok(const char *text, size_t len, const char **why, size_t *off);

/* False when the document, its aliases expanded, holds more than limit
 * nodes, or an alias refers to a node that holds it. */
bool zl_yaml_expansion_ok(yaml_document_t *doc, size_t limit);

#endif
