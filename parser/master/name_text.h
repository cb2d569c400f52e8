/* Domain names written as text, the one reader of them: owners, $ORIGIN,
 * $INCLUDE origins and names inside rdata all come through here. */
#ifndef ZL_NAME_TEXT_H
#define ZL_NAME_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "lint/model/names.h"

typedef struct zl_name_read {
    zl_name_id id;     /* ZL_NAME_NONE when the name is bad, unknown or has no origin */
    bool absolute;     /* written with a final dot, or as "@" */
    bool needs_origin; /* relative, but there is no origin to put it under */
    const char *why;   /* what is wrong with the text, or NULL */
} zl_name_read;

/* Read text (len bytes, escapes allowed, no quotes): "@" is the origin, a
 * final dot makes the name absolute, anything else lies below origin. Labels
 * are interned into add, or only looked up in names when add is NULL.
 * Plain host names (letters, digits, '-', '_', '*') are split here, which
 * spares ldns's allocations on every owner of a large zone; anything else,
 * escapes above all, goes through ldns. */
zl_name_read zl_name_from_text(zl_names *add, const zl_names *names, zl_name_id origin,
                               const char *text, size_t len);

/* Whether zl_name_from_text would read text as absolute ("@", or a final
 * dot that no backslash escapes), without reading the name. */
bool zl_name_text_absolute(const char *text, size_t len);

/* A hint: start fetching the name-table slot the name in text would take.
 * Only plain names whose parent already exists are prefetched. */
void zl_names_prefetch_text(const zl_names *names, zl_name_id origin, const char *text,
                            size_t len);

#endif
