/* Values of Terraform expressions as zonelint evaluates them statically.
 *
 * A string keeps, for each of its bytes, the file and offset it came from,
 * so that a record built from `"${local.selector}._domainkey"` points at the
 * attribute's own text. Most strings are one literal, or one number written
 * out: their bytes come from one run of a file, or one place, and keep only
 * where it starts, not eight octets for each byte. What cannot be known
 * before apply (ids, tokens, variables without a default) is unknown: it
 * keeps a symbolic description (`aws_ses_domain_dkim.main.dkim_tokens[0]`)
 * and is never guessed.
 *
 * Values live in an arena freed with the evaluation; they never change once
 * built, so they are shared freely. */
#ifndef ZL_TF_VALUE_H
#define ZL_TF_VALUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lint/util/arena.h"

typedef enum tf_kind {
    TF_UNKNOWN,
    TF_NULL,
    TF_BOOL,
    TF_NUMBER,
    TF_STRING,
    TF_LIST,   /* tuples, lists and sets */
    TF_OBJECT, /* objects and maps */
} tf_kind;

typedef struct tf_origin {
    uint32_t file; /* the file's id (tf_at): its index in its module, plus the module's base */
    uint32_t off;  /* offset in that file */
} tf_origin;

/* Where a string's bytes came from (tf_val_at). */
typedef enum tf_at_form {
    TF_AT_ONE,  /* every byte from one place, from (zeros: nowhere known) */
    TF_AT_RUN,  /* byte i from from.off + i of from.file */
    TF_AT_EACH, /* byte i from at[i] */
} tf_at_form;

typedef struct tf_val tf_val;
struct tf_val {
    tf_kind kind;
    bool b;
    unsigned char at_form; /* tf_at_form */
    double num;
    const char *s;     /* string bytes (NUL after n); unknown: its description as
                          template text ("${var.zone}", "${x.tokens[0]}._domainkey"), or NULL */
    size_t n;
    union {
        const tf_origin *at; /* TF_AT_EACH */
        tf_origin from;      /* TF_AT_ONE, TF_AT_RUN */
    };
    tf_val **items;    /* list elements, object values */
    const char **keys; /* object keys (NUL-terminated) */
    size_t nitems;
    const char *path;  /* object of a resource: what a missing attribute is called */
};

typedef struct tf_arena {
    zl_arena mem;
    size_t budget; /* bytes left before values become unknown: no blowup */
    bool spent;    /* a value was made unknown for want of budget */
    bool too_long; /* a string was made unknown for its length (TF_MAX_STRING) */
} tf_arena;

/* An arena of a base budget; tf_arena_grant adds to it (per byte of text read). */
void tf_arena_init(tf_arena *a);
void tf_arena_grant(tf_arena *a, size_t bytes);
void tf_arena_free(tf_arena *a);
void *tf_alloc(tf_arena *a, size_t n);
char *tf_strdup(tf_arena *a, const char *s, size_t n);

extern tf_val tf_null_val;
/* What Terraform reports as an error (an attribute an object lacks, an
 * index past a list's end): unknown, but try() passes over it and can()
 * is false of it. */
extern tf_val tf_error_val;
tf_val *tf_unknown(tf_arena *a, const char *sym); /* sym copied; may be NULL */
tf_val *tf_bool(tf_arena *a, bool b);
tf_val *tf_number(tf_arena *a, double d);
tf_val *tf_list(tf_arena *a, size_t n); /* n items to fill */
tf_val *tf_object(tf_arena *a, size_t n);

/* A string under construction. */
typedef struct tf_sb {
    char *p;
    tf_origin *at;
    size_t n, cap;
    bool over; /* longer than a string may be: the result is unknown */
} tf_sb;

#define TF_MAX_STRING 65536

void tf_sb_add(tf_sb *b, const char *p, size_t n, const tf_origin *at);
/* Bytes [from, from + n) of string v, with their origins. */
void tf_sb_add_val(tf_sb *b, const tf_val *v, size_t from, size_t n);
/* n bytes that all stand for one place (a number written out, say). */
void tf_sb_add_at(tf_sb *b, const char *p, size_t n, tf_origin at);
void tf_sb_free(tf_sb *b);
/* The string (or unknown when too long); b is freed. */
tf_val *tf_sb_take(tf_arena *a, tf_sb *b);
/* An unknown that b describes (a template with a part known only after
 * apply), without description when too long; b is freed. */
tf_val *tf_sb_unknown(tf_arena *a, tf_sb *b);
tf_val *tf_string(tf_arena *a, const char *p, size_t n, tf_origin at);
/* A text of any length whose bytes all stand for at (a file read), not
 * held to TF_MAX_STRING: what is made of it is. Unknown past the budget. */
tf_val *tf_text(tf_arena *a, const char *p, size_t n, tf_origin at);

/* A value as a string, the way Terraform converts (numbers, bools); NULL
 * when it has no string form or is unknown. */
tf_val *tf_to_string(tf_arena *a, tf_val *v, tf_origin at);
/* Whether v is known all the way down. */
bool tf_known(const tf_val *v);
/* The value's symbolic text: a string as is, an unknown's description
 * ("${?}" when it has none), into b (for messages and SES matching). */
void tf_describe(const tf_val *v, tf_sb *b);
/* The value at key of an object, or NULL. */
tf_val *tf_get(const tf_val *obj, const char *key);
bool tf_str_is(const tf_val *v, const char *s);

/* Where byte i of string v came from. */
static inline tf_origin tf_val_at(const tf_val *v, size_t i)
{
    if (v->at_form == TF_AT_EACH)
        return v->at[i];
    tf_origin o = v->from;
    if (v->at_form == TF_AT_RUN)
        o.off += (uint32_t)i;
    return o;
}

#endif
