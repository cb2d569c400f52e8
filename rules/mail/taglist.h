/* Tag lists as DKIM (RFC 6376 section 3.2) and DMARC (RFC 7489 section 6.4)
 * write them: tag=value pairs separated by ';', white space allowed around. */
#ifndef ZL_TAGLIST_H
#define ZL_TAGLIST_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

typedef struct zl_tag {
    const char *name, *value;
    size_t name_len, value_len;
    size_t off; /* of the tag in the text */
} zl_tag;

/* Tags are kept in the list itself up to a number no DKIM or DMARC record
 * exceeds in practice (no allocation per record); the list must not be
 * copied, only pointed to. */
typedef struct zl_taglist {
    zl_tag *tags;
    size_t n, cap;
    const char *error; /* first syntax problem, or NULL */
    size_t error_off;
    zl_tag local[12];
} zl_taglist;

void zl_taglist_parse(const char *text, size_t len, zl_taglist *out);
void zl_taglist_free(zl_taglist *t);

/* The two below are inline: asked with literals, as they are for every
 * DKIM and DMARC record, their lengths are known where they are asked. */
/* Names are mostly one letter: the first is compared before a call. */
static inline bool zl_tag_named(const zl_tag *t, const char *name, size_t n)
{
    return t->name_len == n && t->name[0] == name[0] && memcmp(t->name, name, n) == 0;
}

static inline const zl_tag *zl_taglist_get(const zl_taglist *t, const char *name)
{
    for (size_t i = 0; i < t->n; i++)
        if (zl_tag_named(&t->tags[i], name, strlen(name)))
            return &t->tags[i];
    return NULL;
}

/* case-sensitive */
static inline bool zl_tag_value_is(const zl_tag *t, const char *value)
{
    size_t n = strlen(value);
    return t->value_len == n && memcmp(t->value, value, n) == 0;
}

#endif
