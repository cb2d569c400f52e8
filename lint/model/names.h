/* The name table: every domain name zonelint sees, interned once as a node
 * of a tree (one label and a parent), in canonical lower-case form.
 *
 * Interning a relative owner costs one hash lookup per label below its
 * origin, and the tree answers the questions rules ask most (is this name
 * at or below that one? which ancestor is a delegation?) by walking parents
 * instead of comparing strings. Ids are stable for the life of the table;
 * the root is always id 0. */
#ifndef ZL_NAMES_H
#define ZL_NAMES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lint/util/util.h"

typedef uint32_t zl_name_id;
#define ZL_NAME_ROOT ((zl_name_id)0)
#define ZL_NAME_NONE ((zl_name_id)UINT32_MAX)
#define ZL_NAME_MAX_WIRE 255

/* Eight octets a name: depth and length are found by walking the parents
 * (names are a few labels deep), which costs less than storing them. */
typedef struct zl_name_node {
    uint32_t parent;
    uint32_t label; /* offset into the arena: one length octet, then the label */
} zl_name_node;

typedef struct zl_names {
    zl_name_node *nodes;
    size_t n, cap;
    uint8_t *arena;
    size_t alen, acap;
    /* Open addressing: the hash beside the node index (+1; 0 = empty), so
     * that probing rarely touches the nodes themselves. */
    struct zl_name_slot {
        uint32_t hash;
        uint32_t node;
    } *slots;
    size_t nslots;
} zl_names;

void zl_names_init(zl_names *t);
void zl_names_free(zl_names *t);
/* Make room for about n names without rehashing. */
void zl_names_reserve(zl_names *t, size_t n);

/* The child of parent with the given label (any case), created when absent.
 * ZL_NAME_NONE when the result would be longer than 255 octets. */
zl_name_id zl_names_child(zl_names *t, zl_name_id parent, const uint8_t *label, size_t len);
/* Lookup only: ZL_NAME_NONE when the child was never interned. */
zl_name_id zl_names_find_child(const zl_names *t, zl_name_id parent, const uint8_t *label,
                               size_t len);

/* The hash the table keeps the child of parent with label under. A reader
 * that looks a name up ahead fetches its slot early (zl_names_prefetch)
 * and interns it later with the hash it already has. */
uint32_t zl_names_hash(zl_name_id parent, const uint8_t *label, size_t len);
void zl_names_prefetch(const zl_names *t, uint32_t hash);
/* zl_names_child, given hash = zl_names_hash(parent, label, len). */
zl_name_id zl_names_child_hashed(zl_names *t, zl_name_id parent, const uint8_t *label, size_t len,
                                 uint32_t hash);

/* Intern the labels of a wire-format name (ending with the root octet or
 * not) below base. ZL_NAME_NONE when the result exceeds 255 octets. */
zl_name_id zl_names_add_wire(zl_names *t, zl_name_id base, const uint8_t *wire, size_t len);
zl_name_id zl_names_find_wire(const zl_names *t, zl_name_id base, const uint8_t *wire,
                              size_t len);

static inline zl_name_id zl_names_parent(const zl_names *t, zl_name_id id)
{
    return t->nodes[id].parent;
}
/* Number of labels; the root has 0. */
unsigned zl_names_depth(const zl_names *t, zl_name_id id);
/* The first label of the name (lower case). */
const uint8_t *zl_names_label(const zl_names *t, zl_name_id id, size_t *len);

/* The ancestor of id with the given number of labels (id itself when equal). */
zl_name_id zl_names_ancestor(const zl_names *t, zl_name_id id, unsigned depth);
/* True when name is ancestor or lies below it. */
bool zl_names_is_below(const zl_names *t, zl_name_id name, zl_name_id ancestor);

/* True when name lies below base and the labels just above base are those of
 * suffix: name is X.suffix.base with X possibly empty. suffix is not the root. */
bool zl_names_repeats(const zl_names *t, zl_name_id name, zl_name_id base, zl_name_id suffix);

/* Canonical wire form into out (at least 256 octets); returns its length. */
size_t zl_names_wire(const zl_names *t, zl_name_id id, uint8_t *out);
/* Presentation form with a final dot, escaped as in a zone file. */
void zl_names_format(const zl_names *t, zl_name_id id, zl_buf *out);
char *zl_names_str(const zl_names *t, zl_name_id id);
/* The labels of name below ancestor, without a final dot ("www" for
 * www.example.com. below example.com.; "@" for the ancestor itself). */
void zl_names_format_relative(const zl_names *t, zl_name_id name, zl_name_id ancestor,
                              zl_buf *out);

#endif
