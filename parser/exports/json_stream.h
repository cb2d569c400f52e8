/* A reader's walk of a large export (parser/exports/json_walk.h): the
 * members it wants found in one pass, the rest checked, array elements
 * decoded one at a time, and the walk stopped at the text's first error,
 * which is kept for the reader's "cannot read" message. */
#ifndef ZL_JSON_STREAM_H
#define ZL_JSON_STREAM_H

#include "parser/exports/json_pos.h"

typedef struct zl_jstream {
    const char *text;
    char *err; /* the first place the text is not JSON, at err_off */
    size_t err_off;
    /* A value the reader skips is decoded by jansson, not only checked
     * (parser/exports/json_walk.h): every string and number is then held to
     * JSON too, for exports whose skipped parts are small. */
    bool decode_skipped;
} zl_jstream;

/* Starts walking v when it is of kind ('{' or '[') and no error came
 * before; a value of another kind is skipped (zl_jstream_skip) and walked
 * as empty, as a missing one. */
bool zl_jstream_open(zl_jstream *s, zl_jwalk *w, zl_jspan v, char kind);
/* The next member or element of w; false at the end or at an error. */
bool zl_jstream_next(zl_jstream *s, zl_jwalk *w, zl_jspan *key, zl_jspan *value);

/* A value the reader does not use (nothing when v is empty): checked. */
void zl_jstream_skip(zl_jstream *s, zl_jspan v);

/* The members named keys[0 .. n) of the object obj (the last of
 * duplicates, as jansson keeps), every other member checked; a missing one
 * is an empty span. */
void zl_jstream_members(zl_jstream *s, zl_jspan obj, const char *const *keys, size_t n,
                        zl_jspan *out);
zl_jspan zl_jstream_member(zl_jstream *s, zl_jspan obj, const char *key);

/* Each element of the array arr, decoded alone and let go after fn. */
void zl_jstream_each(zl_jstream *s, zl_jspan arr,
                     void (*fn)(const zl_jdoc *d, zl_jspan at, void *ctx), void *ctx);

#endif
