/* JSON with positions. jansson decodes the export and keeps no positions;
 * a second, position-aware pass over the same text records where every value
 * starts and ends, so that readers can point findings at the value itself.
 * A zl_jval pairs a jansson value with its place; readers walk both at once
 * through these helpers. */
#ifndef ZL_JSON_POS_H
#define ZL_JSON_POS_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "parser/exports/json_walk.h"
#include "parser/exports/synth.h"

typedef struct zl_jpos {
    uint32_t start, end; /* the value (a string with its quotes) */
    uint32_t key;        /* object member: offset of its key's opening quote */
    uint32_t child;      /* first element or member; ZL_NONE when empty */
    uint32_t next;       /* next element or member; ZL_NONE at the end */
} zl_jpos;

typedef struct zl_jdoc {
    json_t *root;
    const char *text;
    size_t len;
    zl_jpos *pos;
    size_t npos, cap;
} zl_jdoc;

/* A value and its place (an index into pos); v is NULL for a missing one. */
typedef struct zl_jval {
    json_t *v;
    uint32_t at;
} zl_jval;

/* Decode text; false with *err and the offset of the problem in *err_off. */
bool zl_jdoc_load(zl_jdoc *d, const char *text, size_t len, char **err, size_t *err_off);
/* Decode the one value at v in text (found by parser/exports/json_walk.h);
 * positions and errors are offsets in the whole text. */
bool zl_jdoc_load_span(zl_jdoc *d, const char *text, zl_jspan v, char **err, size_t *err_off);
void zl_jdoc_free(zl_jdoc *d);
zl_jval zl_jdoc_root(const zl_jdoc *d);

/* Member of an object by key (the last one, as jansson keeps the last of
 * duplicate keys); ignore_case for exports whose key case varies by version. */
zl_jval zl_jget(const zl_jdoc *d, zl_jval obj, const char *key, bool ignore_case);
/* Elements of an array in order: *i starts at 0, *out holds the previous one. */
bool zl_jnext(const zl_jdoc *d, zl_jval arr, size_t *i, zl_jval *out);

/* Whether the object key whose opening quote is at q in text spells key,
 * its escapes decoded. */
bool zl_jkey_is(const char *text, size_t len, uint32_t q, const char *key, bool ignore_case);

/* Where the value starts, and its length in the text (0, 0 when missing). */
uint32_t zl_jstart(const zl_jdoc *d, zl_jval v);
uint32_t zl_jlen(const zl_jdoc *d, zl_jval v);
/* A string value with the export offset of each decoded byte. */
bool zl_jstr(const zl_jdoc *d, zl_jval v, zl_lstr *out);

/* An integer value, written where it is (or fallback, at fallback_at). */
void zl_jemit_number(zl_synth *s, const zl_jdoc *d, zl_jval v, long long fallback,
                     uint32_t fallback_at);

#endif
