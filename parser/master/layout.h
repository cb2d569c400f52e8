/* Where the parts of a record entry are (RFC 1035 section 5.1): after the
 * owner an optional TTL and an optional class, in either order, then the
 * type. Found in one place for the master reader and for the thread that
 * checks rdata ahead of it (entries.h), so both agree on every entry. */
#ifndef ZL_LAYOUT_H
#define ZL_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "parser/master/lexer.h"

#define ZL_LAYOUT_NONE 0xFFu

typedef struct zl_layout {
    size_t type_tok;   /* index of the type token; the entry's length when it has none */
    uint16_t type;     /* 0 when unknown or missing */
    uint16_t rclass;   /* the class written, else 0 */
    uint32_t ttl;      /* the TTL written, when it parses */
    const char *ttl_why; /* why the TTL written does not parse, else NULL */
    uint8_t ttl_tok;   /* ZL_LAYOUT_NONE when no TTL is written */
    uint8_t class_tok; /* ZL_LAYOUT_NONE when no class is written */
    bool class_first;  /* the class was written before the TTL */
} zl_layout;

/* A token that starts with a digit is the TTL, read as gdnsd reads it
 * (TTL/limit) when gdnsd publishes the zone. */
zl_layout zl_entry_layout(const char *text, const zl_entry *e, bool gdnsd);

#endif
