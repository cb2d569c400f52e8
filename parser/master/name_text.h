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

/* A plain name of text looked up ahead, as far as its first label: while
 * the reader processes one entry, the labels above the first of the next
 * owner (and of its first rdata name) are found, and the slot the first
 * will take starts on its way to the cache (interning names is bound by
 * memory latency). */
typedef struct zl_name_ahead {
    const char *text; /* NULL: nothing was found ahead */
    size_t len;
    zl_name_id origin;
    zl_name_id parent; /* the name without its first label, which exists */
    size_t first;      /* length of the first label */
    uint32_t hash;     /* zl_names_hash of the first label under parent */
    bool absolute;     /* written with its final dot: parent lies below the root */
} zl_name_ahead;

/* The suffixes (the text after the first label) of the names read last,
 * with the names they are under their base: most owners and targets of a
 * large zone lie below one of a few subdomains or domains, found again
 * without a lookup. The texts point into sources, which live as long as the
 * names. */
#define ZL_SUFFIX_MEMO 8
typedef struct zl_suffix_memo {
    const char *text[ZL_SUFFIX_MEMO];
    size_t len[ZL_SUFFIX_MEMO];
    zl_name_id origin[ZL_SUFFIX_MEMO], id[ZL_SUFFIX_MEMO];
    unsigned next;
} zl_suffix_memo;

zl_name_ahead zl_names_look_ahead(const zl_names *names, zl_suffix_memo *memo, zl_name_id origin,
                                  const char *text, size_t len);

/* zl_name_from_text into add, through the memo: a plain name whose text
 * after its first label was read before under the same base (the origin,
 * or the root for an absolute name) interns only its first label. */
zl_name_read zl_name_from_text_memo(zl_names *add, zl_suffix_memo *memo, zl_name_id origin,
                                    const char *text, size_t len);

/* zl_name_from_text into add, starting from what was looked up ahead when
 * it was for this text under this origin. */
zl_name_read zl_name_from_text_ahead(zl_names *add, zl_name_id origin, const char *text,
                                     size_t len, const zl_name_ahead *ahead);

#endif
