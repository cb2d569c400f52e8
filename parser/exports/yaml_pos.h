/* YAML documents with positions, loaded from libyaml's events (yaml_load.c):
 * every node carries its marks in octets, and a scalar's value is paired with
 * the export offset of each of its bytes (quotes, escapes and folded lines
 * taken into account, yaml_pos.c), so that findings point into the YAML
 * file. */
#ifndef ZL_YAML_POS_H
#define ZL_YAML_POS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <yaml.h>

#include "lint/util/arena.h"
#include "parser/exports/synth.h"

/* A node as libyaml's document would hold it (its fields so named), in 40
 * octets against libyaml's 96 and without allocations of its own: libyaml's
 * loader took 12 times the size of a YAML file. Marks are octet offsets;
 * node ids count from 1, as libyaml's do. */
typedef struct zl_ymark {
    uint32_t index; /* files are under 4 GiB (ZL_MAX_FILE_SIZE) */
} zl_ymark;
typedef struct zl_ypair {
    int key, value;
} zl_ypair;
typedef struct zl_ynode_data {
    yaml_node_type_t type;
    uint32_t expanded; /* nodes below it, aliases expanded (while loading) */
    zl_ymark start_mark, end_mark;
    const char *tag;
    union {
        struct {
            char *value;
            uint32_t length;
            yaml_scalar_style_t style;
        } scalar;
        struct {
            struct {
                int *start, *top;
            } items;
        } sequence;
        struct {
            struct {
                zl_ypair *start, *top;
            } pairs;
        } mapping;
    } data;
} zl_ynode_data;

typedef struct zl_ydocument {
    zl_ynode_data *nodes;
    size_t n, cap;
} zl_ydocument;

typedef struct zl_ydoc {
    zl_ydocument *docs; /* a stream may hold several documents */
    size_t n, cap;
    const char *text;
    size_t len;
    zl_arena arena; /* values, tags and the children of every node */
} zl_ydoc;

/* A node of one of the documents; n is NULL for a missing one. */
typedef struct zl_ynode {
    const zl_ydocument *doc;
    zl_ynode_data *n;
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
