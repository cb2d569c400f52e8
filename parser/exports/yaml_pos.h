/* YAML documents (libyaml) with positions: every node carries libyaml's
 * marks, and a scalar's value is paired with the export offset of each of its
 * bytes (quotes, escapes and folded lines taken into account), so that
 * findings point into the YAML file. */
#ifndef ZL_YAML_POS_H
#define ZL_YAML_POS_H

#include <stdbool.h>
#include <stddef.h>
#include <yaml.h>

#include "parser/exports/synth.h"

typedef struct zl_ydoc {
    yaml_document_t *docs; /* a stream may hold several documents */
    size_t n, cap;
    const char *text;
    size_t len;
} zl_ydoc;

/* A node of one of the documents; n is NULL for a missing one. */
typedef struct zl_ynode {
    yaml_document_t *doc;
    yaml_node_t *n;
} zl_ynode;

/* Parse every document; false with *err and the offset of the problem. */
bool zl_ydoc_load(zl_ydoc *d, const char *text, size_t len, char **err, size_t *err_off);
void zl_ydoc_free(zl_ydoc *d);
zl_ynode zl_yroot(const zl_ydoc *d, size_t i);

/* Value of a mapping's key (the last one of duplicates, as YAML loaders keep),
 * else of the mappings it merges (<<: *anchor). */
zl_ynode zl_yget(zl_ynode map, const char *key);
/* Items of a sequence, pairs of a mapping. */
size_t zl_ycount(zl_ynode n);
zl_ynode zl_yitem(zl_ynode seq, size_t i);
zl_ynode zl_ykey(zl_ynode map, size_t i);
zl_ynode zl_yvalue(zl_ynode map, size_t i);

bool zl_yis(zl_ynode n, yaml_node_type_t type);
uint32_t zl_ystart(zl_ynode n);
uint32_t zl_ylen(zl_ynode n);
/* A scalar with the offset of each byte; false for other nodes. */
bool zl_yscalar(const zl_ydoc *d, zl_ynode n, zl_lstr *out);
/* A scalar that is a whole number. */
bool zl_yint(zl_ynode n, long long *out);

#endif
