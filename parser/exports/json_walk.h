/* A large export walked, not decoded whole. jansson builds a tree of the
 * whole text, fifteen times the size of a Terraform plan; a reader that
 * wants a few members of a few levels walks those levels here, checking
 * their syntax as jansson would, and hands each element it reads to jansson
 * alone (zl_jdoc_load_span). A member it does not read is checked
 * (zl_jwalk_check), never decoded. */
#ifndef ZL_JSON_WALK_H
#define ZL_JSON_WALK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Where a value is in the text: [start, end). */
typedef struct zl_jspan {
    uint32_t start, end;
} zl_jspan;

/* The members of an object or the elements of an array, in order. */
typedef struct zl_jwalk {
    const char *text;
    size_t len, p;
    char close; /* '}' or ']' */
    bool started;
} zl_jwalk;

/* The one value the whole text is (a byte order mark and white space
 * around it allowed); false with *err and *err_off otherwise. */
bool zl_jwalk_root(const char *text, size_t len, zl_jspan *out, char **err, size_t *err_off);

/* Starts walking v: false when it is not an object or array. */
bool zl_jwalk_open(zl_jwalk *w, const char *text, zl_jspan v);

/* The next member (*key: its key with the quotes; empty for an array's
 * element) and its value: 1, or 0 at the end, or -1 with *err and *err_off
 * when the text is not JSON there. */
int zl_jwalk_next(zl_jwalk *w, zl_jspan *key, zl_jspan *value, char **err, size_t *err_off);

/* Whether the value at v is JSON at every level: its brackets, commas,
 * colons and keys; numbers, literals and strings are only delimited. For
 * the members a reader skips, so that a broken text is refused whatever
 * part of it breaks. */
bool zl_jwalk_check(const char *text, zl_jspan v, char **err, size_t *err_off);

#endif
