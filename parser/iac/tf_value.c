#include "parser/iac/tf_value.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lint/util/util.h"

#ifdef FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION
#define TF_ARENA_BUDGET ((size_t)16 << 20) /* as TF_BASE_STEPS (tf_eval.c) */
#else
#define TF_ARENA_BUDGET ((size_t)256 << 20)
#endif

tf_val tf_null_val = {.kind = TF_NULL};
tf_val tf_error_val = {.kind = TF_UNKNOWN};

void tf_arena_init(tf_arena *a)
{
    memset(a, 0, sizeof *a);
    a->budget = TF_ARENA_BUDGET;
}

void tf_arena_grant(tf_arena *a, size_t bytes)
{
    a->budget = a->budget > SIZE_MAX - bytes ? SIZE_MAX : a->budget + bytes;
}

void tf_arena_free(tf_arena *a)
{
    zl_arena_free(&a->mem);
    memset(a, 0, sizeof *a);
}

void *tf_alloc(tf_arena *a, size_t n)
{
    if (a->budget <= n)
        a->spent = true;
    a->budget = a->budget > n ? a->budget - n : 0;
    return zl_arena_zalloc(&a->mem, n);
}

char *tf_strdup(tf_arena *a, const char *s, size_t n)
{
    char *p = tf_alloc(a, n + 1);
    memcpy(p, s, n);
    return p;
}

static tf_val *val(tf_arena *a, tf_kind k)
{
    tf_val *v = tf_alloc(a, sizeof *v);
    v->kind = k;
    return v;
}

tf_val *tf_unknown(tf_arena *a, const char *sym)
{
    tf_val *v = val(a, TF_UNKNOWN);
    if (sym) {
        v->s = tf_strdup(a, sym, strlen(sym));
        v->n = strlen(sym);
    }
    return v;
}

tf_val *tf_bool(tf_arena *a, bool b)
{
    tf_val *v = val(a, TF_BOOL);
    v->b = b;
    return v;
}

tf_val *tf_number(tf_arena *a, double d)
{
    tf_val *v = val(a, TF_NUMBER);
    v->num = d;
    return v;
}

static tf_val *collection(tf_arena *a, tf_kind k, size_t n)
{
    if (n > a->budget / 16) {
        a->spent = true;
        return tf_unknown(a, NULL);
    }
    tf_val *v = val(a, k);
    v->items = tf_alloc(a, n * sizeof *v->items);
    v->nitems = n;
    if (k == TF_OBJECT)
        v->keys = tf_alloc(a, n * sizeof *v->keys);
    return v;
}

tf_val *tf_list(tf_arena *a, size_t n)
{
    return collection(a, TF_LIST, n);
}

tf_val *tf_object(tf_arena *a, size_t n)
{
    return collection(a, TF_OBJECT, n);
}

void tf_sb_add(tf_sb *b, const char *p, size_t n, const tf_origin *at)
{
    if (b->over || b->n + n > TF_MAX_STRING) {
        b->over = true;
        return;
    }
    ZL_GROW(b->p, b->cap, b->n + n + 1);
    b->at = zl_xrealloc(b->at, b->cap * sizeof *b->at);
    memcpy(b->p + b->n, p, n);
    if (at)
        memcpy(b->at + b->n, at, n * sizeof *at);
    else
        memset(b->at + b->n, 0, n * sizeof *at);
    b->n += n;
    b->p[b->n] = '\0';
}

void tf_sb_add_val(tf_sb *b, const tf_val *v, size_t from, size_t n)
{
    if (v->at_form == TF_AT_EACH) {
        tf_sb_add(b, v->s + from, n, v->at + from);
        return;
    }
    size_t at = b->n;
    tf_sb_add(b, v->s + from, n, NULL);
    for (size_t i = 0; !b->over && i < n; i++)
        b->at[at + i] = tf_val_at(v, from + i);
}

void tf_sb_add_at(tf_sb *b, const char *p, size_t n, tf_origin at)
{
    size_t from = b->n;
    tf_sb_add(b, p, n, NULL);
    for (size_t i = from; !b->over && i < b->n; i++)
        b->at[i] = at;
}

void tf_sb_free(tf_sb *b)
{
    free(b->p);
    free(b->at);
    memset(b, 0, sizeof *b);
}

/* The shortest form that says where each byte of b came from. */
static tf_at_form at_form(const tf_sb *b)
{
    bool one = true, run = true;
    for (size_t i = 1; i < b->n && (one || run); i++) {
        const tf_origin *o = &b->at[i], *first = &b->at[0];
        one = one && o->file == first->file && o->off == first->off;
        run = run && o->file == first->file && o->off == first->off + i;
    }
    return one ? TF_AT_ONE : run ? TF_AT_RUN : TF_AT_EACH;
}

tf_val *tf_sb_take(tf_arena *a, tf_sb *b)
{
    if (b->over || b->n > a->budget) {
        a->too_long |= b->over;
        a->spent |= b->n > a->budget;
        tf_sb_free(b);
        return tf_unknown(a, NULL);
    }
    tf_val *v = val(a, TF_STRING);
    v->s = tf_strdup(a, b->p ? b->p : "", b->n);
    v->n = b->n;
    v->at_form = at_form(b);
    if (v->at_form == TF_AT_EACH) {
        tf_origin *at = tf_alloc(a, b->n * sizeof *at);
        memcpy(at, b->at, b->n * sizeof *at);
        v->at = at;
    } else if (b->n) {
        v->from = b->at[0];
    }
    tf_sb_free(b);
    return v;
}

tf_val *tf_sb_unknown(tf_arena *a, tf_sb *b)
{
    a->too_long |= b->over;
    tf_val *u = tf_unknown(a, b->over ? NULL : b->p ? b->p : "");
    tf_sb_free(b);
    return u;
}

tf_val *tf_string(tf_arena *a, const char *p, size_t n, tf_origin at)
{
    tf_sb b = {0};
    tf_sb_add_at(&b, p, n, at);
    return tf_sb_take(a, &b);
}

tf_val *tf_text(tf_arena *a, const char *p, size_t n, tf_origin at)
{
    if (n > a->budget) {
        a->spent = true;
        return tf_unknown(a, NULL);
    }
    tf_val *v = val(a, TF_STRING);
    v->s = tf_strdup(a, p, n);
    v->n = n;
    v->at_form = TF_AT_ONE;
    v->from = at;
    return v;
}

tf_val *tf_to_string(tf_arena *a, tf_val *v, tf_origin at)
{
    char buf[64];
    switch (v->kind) {
    case TF_STRING:
        return v;
    case TF_NUMBER:
        if (v->num == (double)(long long)v->num && v->num < 1e15 && v->num > -1e15)
            snprintf(buf, sizeof buf, "%lld", (long long)v->num);
        else
            snprintf(buf, sizeof buf, "%.17g", v->num);
        return tf_string(a, buf, strlen(buf), at);
    case TF_BOOL:
        return tf_string(a, v->b ? "true" : "false", v->b ? 4 : 5, at);
    default:
        return NULL;
    }
}

bool tf_known(const tf_val *v)
{
    if (v->kind == TF_UNKNOWN)
        return false;
    for (size_t i = 0; i < v->nitems; i++)
        if (!tf_known(v->items[i]))
            return false;
    return true;
}

void tf_describe(const tf_val *v, tf_sb *b)
{
    if (v->kind == TF_STRING)
        tf_sb_add_val(b, v, 0, v->n);
    else if (v->kind == TF_UNKNOWN && v->s)
        tf_sb_add(b, v->s, v->n, NULL);
    else
        tf_sb_add(b, "${?}", 4, NULL);
}

tf_val *tf_get(const tf_val *obj, const char *key)
{
    if (obj->kind != TF_OBJECT)
        return NULL;
    for (size_t i = 0; i < obj->nitems; i++)
        if (strcmp(obj->keys[i], key) == 0)
            return obj->items[i];
    return NULL;
}

bool tf_str_is(const tf_val *v, const char *s)
{
    return v && v->kind == TF_STRING && zl_text_eq(v->s, v->n, s);
}
