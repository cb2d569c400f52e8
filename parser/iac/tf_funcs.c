/* The Terraform functions that names and values of DNS records are built
 * with. Collections are handled by shape, so element(tokens, 1) of three
 * unknown tokens is the second unknown token; string functions need known
 * strings, else their result is unknown. file() and the decoders are
 * tf_file.c's, tf_csv.c's and tf_decode.c's. Any other function is unknown. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parser/iac/tf_data.h"
#include "lint/util/strset.h"
#include "lint/util/util.h"

typedef tf_val *(*tf_fn)(tf_module *m, tf_val **a, size_t n, tf_origin at);

static tf_val *unknown(tf_module *m)
{
    return tf_unknown(&m->arena, NULL);
}

static tf_val *str(tf_module *m, tf_val *v, tf_origin at)
{
    return tf_to_string(&m->arena, v, at);
}

static tf_val *fn_lower_upper(tf_module *m, tf_val **a, size_t n, tf_origin at, bool up)
{
    tf_val *s = n == 1 ? str(m, a[0], at) : NULL;
    if (!s)
        return unknown(m);
    tf_sb b = {0};
    tf_sb_add_val(&b, s, 0, s->n);
    for (size_t i = 0; i < b.n; i++)
        b.p[i] = (char)(up ? toupper((unsigned char)b.p[i]) : tolower((unsigned char)b.p[i]));
    return tf_sb_take(&m->arena, &b);
}

static tf_val *fn_lower(tf_module *m, tf_val **a, size_t n, tf_origin at)
{
    return fn_lower_upper(m, a, n, at, false);
}

static tf_val *fn_upper(tf_module *m, tf_val **a, size_t n, tf_origin at)
{
    return fn_lower_upper(m, a, n, at, true);
}

static tf_val *sub(tf_module *m, tf_val *s, size_t from, size_t to)
{
    tf_sb b = {0};
    tf_sb_add_val(&b, s, from, to - from);
    return tf_sb_take(&m->arena, &b);
}

/* Whether s begins (suffix: ends) with x. */
static bool has_affix(const tf_val *s, const tf_val *x, bool suffix)
{
    return x->n <= s->n && memcmp(s->s + (suffix ? s->n - x->n : 0), x->s, x->n) == 0;
}

static tf_val *fn_trim_affix(tf_module *m, tf_val **a, size_t n, tf_origin at, bool suffix)
{
    tf_val *s = n == 2 ? str(m, a[0], at) : NULL, *x = n == 2 ? str(m, a[1], at) : NULL;
    if (!s || !x)
        return unknown(m);
    if (!has_affix(s, x, suffix))
        return s;
    return suffix ? sub(m, s, 0, s->n - x->n) : sub(m, s, x->n, s->n);
}

static tf_val *fn_trimsuffix(tf_module *m, tf_val **a, size_t n, tf_origin at)
{
    return fn_trim_affix(m, a, n, at, true);
}

static tf_val *fn_trimprefix(tf_module *m, tf_val **a, size_t n, tf_origin at)
{
    return fn_trim_affix(m, a, n, at, false);
}

static tf_val *fn_trimspace(tf_module *m, tf_val **a, size_t n, tf_origin at)
{
    tf_val *s = n == 1 ? str(m, a[0], at) : NULL;
    if (!s)
        return unknown(m);
    size_t from = 0, to = s->n;
    while (from < to && isspace((unsigned char)s->s[from]))
        from++;
    while (to > from && isspace((unsigned char)s->s[to - 1]))
        to--;
    return sub(m, s, from, to);
}

static tf_val *fn_trim(tf_module *m, tf_val **a, size_t n, tf_origin at)
{
    tf_val *s = n == 2 ? str(m, a[0], at) : NULL, *cut = n == 2 ? str(m, a[1], at) : NULL;
    if (!s || !cut)
        return unknown(m);
    size_t from = 0, to = s->n;
    while (from < to && memchr(cut->s, s->s[from], cut->n))
        from++;
    while (to > from && memchr(cut->s, s->s[to - 1], cut->n))
        to--;
    return sub(m, s, from, to);
}

/* format with %s, %d, %v and %%; any other verb: unknown. An unknown
 * argument makes the result unknown, described as a template would be
 * ("${x.dkim_tokens[0]}.dkim.amazonses.com"). */
static tf_val *fn_format(tf_module *m, tf_val **a, size_t n, tf_origin at)
{
    tf_val *f = n ? str(m, a[0], at) : NULL;
    if (!f)
        return unknown(m);
    tf_sb b = {0};
    size_t arg = 1;
    bool known = true;
    for (size_t i = 0; i < f->n; i++) {
        if (f->s[i] != '%') {
            tf_sb_add_val(&b, f, i, 1);
            continue;
        }
        char verb = i + 1 < f->n ? f->s[i + 1] : '\0';
        i++;
        if (verb == '%') {
            tf_sb_add_at(&b, "%", 1, tf_val_at(f, i));
            continue;
        }
        tf_val *arg_v = (verb == 's' || verb == 'd' || verb == 'v') && arg < n ? a[arg++] : NULL;
        tf_val *v = arg_v ? str(m, arg_v, at) : NULL;
        if (v) {
            tf_sb_add_val(&b, v, 0, v->n);
        } else if (arg_v && arg_v->kind == TF_UNKNOWN) {
            tf_describe(arg_v, &b);
            known = false;
        } else {
            tf_sb_free(&b);
            return unknown(m);
        }
    }
    if (known)
        return tf_sb_take(&m->arena, &b);
    return tf_sb_unknown(&m->arena, &b);
}

static tf_val *fn_join(tf_module *m, tf_val **a, size_t n, tf_origin at)
{
    tf_val *sep = n >= 2 ? str(m, a[0], at) : NULL;
    if (!sep)
        return unknown(m);
    tf_sb b = {0};
    bool first = true;
    for (size_t k = 1; k < n; k++) {
        if (a[k]->kind != TF_LIST) {
            tf_sb_free(&b);
            return unknown(m);
        }
        for (size_t i = 0; i < a[k]->nitems; i++) {
            tf_val *s = str(m, a[k]->items[i], at);
            if (!s) {
                tf_sb_free(&b);
                return unknown(m);
            }
            if (!first)
                tf_sb_add_val(&b, sep, 0, sep->n);
            first = false;
            tf_sb_add_val(&b, s, 0, s->n);
        }
    }
    return tf_sb_take(&m->arena, &b);
}

static tf_val *fn_split(tf_module *m, tf_val **a, size_t n, tf_origin at)
{
    tf_val *sep = n == 2 ? str(m, a[0], at) : NULL, *s = n == 2 ? str(m, a[1], at) : NULL;
    if (!sep || !s || sep->n == 0)
        return unknown(m);
    size_t count = 1;
    for (size_t i = 0; i + sep->n <= s->n; i++)
        if (memcmp(s->s + i, sep->s, sep->n) == 0)
            count++, i += sep->n - 1;
    tf_val *l = tf_list(&m->arena, count);
    size_t from = 0, k = 0;
    for (size_t i = 0; l->kind == TF_LIST && i <= s->n; i++)
        if (i == s->n || (i + sep->n <= s->n && memcmp(s->s + i, sep->s, sep->n) == 0)) {
            l->items[k++] = sub(m, s, from, i);
            from = i + sep->n;
            i = from - 1;
            if (k == count)
                break;
        }
    return l;
}

static tf_val *fn_replace(tf_module *m, tf_val **a, size_t n, tf_origin at)
{
    tf_val *s = n == 3 ? str(m, a[0], at) : NULL, *from = n == 3 ? str(m, a[1], at) : NULL,
           *to = n == 3 ? str(m, a[2], at) : NULL;
    if (!s || !from || !to || from->n == 0 || (from->n > 1 && from->s[0] == '/'))
        return unknown(m); /* /regex/ is not evaluated */
    tf_sb b = {0};
    for (size_t i = 0; i < s->n;) {
        if (i + from->n <= s->n && memcmp(s->s + i, from->s, from->n) == 0) {
            tf_sb_add_val(&b, to, 0, to->n);
            i += from->n;
        } else {
            tf_sb_add_val(&b, s, i, 1);
            i++;
        }
    }
    return tf_sb_take(&m->arena, &b);
}

static tf_val *fn_element(tf_module *m, tf_val **a, size_t n, tf_origin at)
{
    (void)at;
    if (n != 2 || a[0]->kind != TF_LIST || a[0]->nitems == 0 || a[1]->kind != TF_NUMBER ||
        a[1]->num < 0)
        return unknown(m);
    return a[0]->items[(size_t)a[1]->num % a[0]->nitems]; /* element wraps around */
}

static tf_val *fn_length(tf_module *m, tf_val **a, size_t n, tf_origin at)
{
    (void)at;
    if (n != 1)
        return unknown(m);
    if (a[0]->kind == TF_LIST || a[0]->kind == TF_OBJECT)
        return tf_number(&m->arena, (double)a[0]->nitems);
    if (a[0]->kind == TF_STRING)
        return tf_number(&m->arena, (double)a[0]->n); /* bytes: ASCII names */
    return unknown(m);
}

static tf_val *fn_concat(tf_module *m, tf_val **a, size_t n, tf_origin at)
{
    (void)at;
    size_t total = 0;
    for (size_t i = 0; i < n; i++) {
        if (a[i]->kind != TF_LIST)
            return unknown(m);
        total += a[i]->nitems;
    }
    tf_val *l = tf_list(&m->arena, total);
    size_t k = 0;
    for (size_t i = 0; l->kind == TF_LIST && i < n; i++)
        for (size_t j = 0; j < a[i]->nitems; j++)
            l->items[k++] = a[i]->items[j];
    return l;
}

static tf_val *fn_flatten(tf_module *m, tf_val **a, size_t n, tf_origin at)
{
    if (n != 1 || a[0]->kind != TF_LIST)
        return unknown(m);
    bool nested = false;
    for (size_t i = 0; i < a[0]->nitems; i++)
        nested |= a[0]->items[i]->kind == TF_LIST;
    if (!nested)
        return a[0];
    tf_val *parts = tf_list(&m->arena, a[0]->nitems);
    for (size_t i = 0; parts->kind == TF_LIST && i < a[0]->nitems; i++) {
        tf_val *x = a[0]->items[i];
        if (x->kind == TF_UNKNOWN)
            return unknown(m);
        if (x->kind == TF_LIST) {
            if (!tf_charge(m, x->nitems, at)) /* tf_call charged the outer list only */
                return unknown(m);
            parts->items[i] = fn_flatten(m, &x, 1, at);
        } else {
            parts->items[i] = tf_list(&m->arena, 1);
            if (parts->items[i]->kind == TF_LIST)
                parts->items[i]->items[0] = x;
        }
    }
    return parts->kind == TF_LIST ? fn_concat(m, parts->items, parts->nitems, at) : parts;
}

/* toset and distinct: duplicates of known strings removed, order kept;
 * looked up, not compared with every one kept (a fuzzed toset of a million
 * strings took minutes). */
static tf_val *fn_distinct(tf_module *m, tf_val **a, size_t n, tf_origin at)
{
    (void)at;
    if (n != 1 || a[0]->kind != TF_LIST)
        return unknown(m);
    tf_val *l = tf_list(&m->arena, a[0]->nitems);
    size_t k = 0;
    zl_strset seen = {0};
    for (size_t i = 0; l->kind == TF_LIST && i < a[0]->nitems; i++) {
        tf_val *x = a[0]->items[i];
        if (x->kind != TF_STRING || zl_strset_add(&seen, x->s, x->n))
            l->items[k++] = x;
    }
    zl_strset_free(&seen);
    if (l->kind == TF_LIST)
        l->nitems = k;
    return l;
}

static tf_val *fn_identity(tf_module *m, tf_val **a, size_t n, tf_origin at)
{
    (void)at;
    return n == 1 ? a[0] : unknown(m); /* tolist, tomap: the same value here */
}

static tf_val *fn_tostring(tf_module *m, tf_val **a, size_t n, tf_origin at)
{
    tf_val *s = n == 1 ? str(m, a[0], at) : NULL;
    return s ? s : n == 1 && a[0]->kind == TF_NULL ? a[0] : unknown(m);
}

static tf_val *fn_coalesce(tf_module *m, tf_val **a, size_t n, tf_origin at)
{
    (void)at;
    for (size_t i = 0; i < n; i++) {
        if (a[i]->kind == TF_UNKNOWN)
            return unknown(m);
        if (a[i]->kind != TF_NULL && !(a[i]->kind == TF_STRING && a[i]->n == 0))
            return a[i];
    }
    return unknown(m);
}

static tf_val *fn_lookup(tf_module *m, tf_val **a, size_t n, tf_origin at)
{
    (void)at;
    if ((n != 2 && n != 3) || a[0]->kind != TF_OBJECT || a[1]->kind != TF_STRING)
        return unknown(m);
    tf_val *v = tf_key(m, a[0], a[1]->s, at);
    return v ? v : n == 3 ? a[2] : unknown(m);
}

static tf_val *fn_merge(tf_module *m, tf_val **a, size_t n, tf_origin at)
{
    (void)at;
    size_t total = 0;
    for (size_t i = 0; i < n; i++) {
        if (a[i]->kind != TF_OBJECT && a[i]->kind != TF_NULL)
            return unknown(m);
        total += a[i]->nitems;
    }
    /* A key's first place, its last value: the places looked up. */
    tf_val *o = tf_object(&m->arena, total);
    zl_strset keys = {0};
    for (size_t i = 0; o->kind == TF_OBJECT && i < n; i++)
        for (size_t j = 0; j < a[i]->nitems; j++) {
            size_t at_k = zl_strset_index(&keys, a[i]->keys[j], strlen(a[i]->keys[j]));
            o->keys[at_k] = a[i]->keys[j];
            o->items[at_k] = a[i]->items[j];
        }
    if (o->kind == TF_OBJECT)
        o->nitems = keys.n;
    zl_strset_free(&keys);
    return o;
}

static tf_val *keys_or_values(tf_module *m, tf_val **a, size_t n, tf_origin at, bool keys)
{
    if (n != 1 || a[0]->kind != TF_OBJECT)
        return unknown(m);
    tf_val *l = tf_list(&m->arena, a[0]->nitems);
    for (size_t i = 0; l->kind == TF_LIST && i < a[0]->nitems; i++)
        l->items[i] = keys ? tf_string(&m->arena, a[0]->keys[i], strlen(a[0]->keys[i]), at)
                           : a[0]->items[i];
    return l;
}

static tf_val *fn_keys(tf_module *m, tf_val **a, size_t n, tf_origin at)
{
    return keys_or_values(m, a, n, at, true);
}

static tf_val *fn_values(tf_module *m, tf_val **a, size_t n, tf_origin at)
{
    return keys_or_values(m, a, n, at, false);
}

static tf_val *fn_compact(tf_module *m, tf_val **a, size_t n, tf_origin at)
{
    (void)at;
    if (n != 1 || a[0]->kind != TF_LIST)
        return unknown(m);
    tf_val *l = tf_list(&m->arena, a[0]->nitems);
    size_t k = 0;
    for (size_t i = 0; l->kind == TF_LIST && i < a[0]->nitems; i++) {
        tf_val *x = a[0]->items[i];
        if (x->kind == TF_UNKNOWN)
            return unknown(m);
        if (x->kind != TF_NULL && !(x->kind == TF_STRING && x->n == 0))
            l->items[k++] = x;
    }
    if (l->kind == TF_LIST)
        l->nitems = k;
    return l;
}

/* try(a, b, ...): the first argument that is not an error (known, or
 * unknown as it stands). */
static tf_val *fn_try(tf_module *m, tf_val **a, size_t n, tf_origin at)
{
    (void)at;
    for (size_t i = 0; i < n; i++)
        if (a[i] != &tf_error_val)
            return a[i]->kind == TF_UNKNOWN ? unknown(m) : a[i];
    return unknown(m);
}

/* contains(list, value): whether a known value is among known items. An
 * item of another kind than the value is unknown: Terraform converts them
 * to one type first ("1" and 1 may be the same). */
static tf_val *fn_contains(tf_module *m, tf_val **a, size_t n, tf_origin at)
{
    if (n != 2 || a[0]->kind != TF_LIST || !tf_known(a[0]) || !tf_known(a[1]))
        return unknown(m);
    for (size_t i = 0; i < a[0]->nitems; i++)
        if (a[0]->items[i]->kind != a[1]->kind)
            return unknown(m);
    for (size_t i = 0; i < a[0]->nitems; i++) {
        int eq = tf_same(m, a[0]->items[i], a[1], at);
        if (eq != 0)
            return eq < 0 ? unknown(m) : tf_bool(&m->arena, true);
    }
    return tf_bool(&m->arena, false);
}

/* one(list): null for none, the item for one (more is an error). */
static tf_val *fn_one(tf_module *m, tf_val **a, size_t n, tf_origin at)
{
    (void)at;
    if (n != 1 || a[0]->kind != TF_LIST || a[0]->nitems > 1)
        return unknown(m);
    return a[0]->nitems ? a[0]->items[0] : &tf_null_val;
}

/* A bool as Terraform converts one: true and false, or their strings; -1
 * when it is neither (unknown, or an error). */
static int truth(const tf_val *v)
{
    if (v->kind == TF_BOOL)
        return v->b;
    if (v->kind == TF_STRING && (v->n == 4 || v->n == 5))
        return strcmp(v->s, "true") == 0 ? 1 : strcmp(v->s, "false") == 0 ? 0 : -1;
    return -1;
}

/* alltrue and anytrue: one known item that decides is enough, as for && and
 * || (an empty list is all true, and none true). */
static tf_val *all_any(tf_module *m, tf_val **a, size_t n, bool any)
{
    if (n != 1 || a[0]->kind != TF_LIST)
        return unknown(m);
    bool undecided = false;
    for (size_t i = 0; i < a[0]->nitems; i++) {
        int t = truth(a[0]->items[i]);
        if (t == (int)any)
            return tf_bool(&m->arena, any);
        undecided |= t < 0;
    }
    return undecided ? unknown(m) : tf_bool(&m->arena, !any);
}

static tf_val *fn_alltrue(tf_module *m, tf_val **a, size_t n, tf_origin at)
{
    (void)at;
    return all_any(m, a, n, false);
}

static tf_val *fn_anytrue(tf_module *m, tf_val **a, size_t n, tf_origin at)
{
    (void)at;
    return all_any(m, a, n, true);
}

/* can(x): true when x is known, false when it is an error; unknown when
 * it is known only after apply (or an error the evaluation cannot tell). */
static tf_val *fn_can(tf_module *m, tf_val **a, size_t n, tf_origin at)
{
    (void)at;
    if (n == 1 && a[0] == &tf_error_val)
        return tf_bool(&m->arena, false);
    return n == 1 && tf_known(a[0]) ? tf_bool(&m->arena, true) : unknown(m);
}

/* tobool(x): true and false, and their strings; anything else is an error. */
static tf_val *fn_tobool(tf_module *m, tf_val **a, size_t n, tf_origin at)
{
    (void)at;
    if (n != 1 || a[0]->kind == TF_UNKNOWN)
        return unknown(m);
    if (a[0]->kind == TF_BOOL || a[0]->kind == TF_NULL)
        return a[0];
    if (tf_str_is(a[0], "true") || tf_str_is(a[0], "false"))
        return tf_bool(&m->arena, tf_str_is(a[0], "true"));
    return &tf_error_val;
}

static tf_val *starts_ends(tf_module *m, tf_val **a, size_t n, tf_origin at, bool end)
{
    tf_val *s = n == 2 ? str(m, a[0], at) : NULL, *x = n == 2 ? str(m, a[1], at) : NULL;
    return s && x ? tf_bool(&m->arena, has_affix(s, x, end)) : unknown(m);
}

static tf_val *fn_startswith(tf_module *m, tf_val **a, size_t n, tf_origin at)
{
    return starts_ends(m, a, n, at, false);
}

static tf_val *fn_endswith(tf_module *m, tf_val **a, size_t n, tf_origin at)
{
    return starts_ends(m, a, n, at, true);
}

static bool whole(const tf_val *v, double lo, double hi)
{
    return v->kind == TF_NUMBER && v->num == (double)(long long)v->num && v->num >= lo &&
           v->num <= hi;
}

/* substr(s, offset, length) of an ASCII string (Terraform counts
 * characters; others are left unknown): a negative offset counts from the
 * end, length -1 is the rest. */
static tf_val *fn_substr(tf_module *m, tf_val **a, size_t n, tf_origin at)
{
    tf_val *s = n == 3 ? str(m, a[0], at) : NULL;
    if (!s || !whole(a[1], -1e15, 1e15) || !whole(a[2], -1, 1e15))
        return unknown(m);
    for (size_t i = 0; i < s->n; i++)
        if ((unsigned char)s->s[i] >= 0x80)
            return unknown(m);
    long long len = (long long)s->n, off = (long long)a[1]->num, want = (long long)a[2]->num;
    if (off < 0)
        off += len;
    if (off < 0 || off > len)
        return unknown(m); /* an error in Terraform */
    long long to = want < 0 || want > len - off ? len : off + want;
    return sub(m, s, (size_t)off, (size_t)to);
}

/* range(limit), range(start, limit), range(start, limit, step): whole
 * numbers, each a step. */
static tf_val *fn_range(tf_module *m, tf_val **a, size_t n, tf_origin at)
{
    if (n < 1 || n > 3)
        return unknown(m);
    for (size_t i = 0; i < n; i++)
        if (!whole(a[i], -1e9, 1e9))
            return unknown(m);
    double start = n > 1 ? a[0]->num : 0, limit = n > 1 ? a[1]->num : a[0]->num;
    double step = n > 2 ? a[2]->num : start <= limit ? 1 : -1;
    if (step == 0 || (step > 0) != (start <= limit))
        return start == limit ? tf_list(&m->arena, 0) : unknown(m);
    size_t count = (size_t)((limit - start + step + (step > 0 ? -1 : 1)) / step);
    if (!tf_charge(m, count, at))
        return unknown(m);
    tf_val *l = tf_list(&m->arena, count);
    for (size_t i = 0; l->kind == TF_LIST && i < count; i++)
        l->items[i] = tf_number(&m->arena, start + (double)i * step);
    return l;
}

/* walks: the function's work grows with its arguments' items (the others
 * look at one item, or count them). */
static const struct {
    const char *name;
    tf_fn fn;
    bool walks;
} fns[] = {
    {"alltrue", fn_alltrue, true},        {"anytrue", fn_anytrue, true},
    {"can", fn_can, false},               {"coalesce", fn_coalesce, false},
    {"compact", fn_compact, true},        {"concat", fn_concat, true},
    {"contains", fn_contains, true},      {"csvdecode", tf_fn_csvdecode, false},
    {"distinct", fn_distinct, true},      {"element", fn_element, false},
    {"endswith", fn_endswith, true},      {"file", tf_fn_file, false},
    {"flatten", fn_flatten, true},        {"format", fn_format, true},
    {"join", fn_join, true},              {"jsondecode", tf_fn_jsondecode, false},
    {"keys", fn_keys, true},              {"length", fn_length, false},
    {"lookup", fn_lookup, false},         {"lower", fn_lower, true},
    {"merge", fn_merge, true},            {"one", fn_one, false},
    {"range", fn_range, false},           {"replace", fn_replace, true},
    {"split", fn_split, true},            {"startswith", fn_startswith, true},
    {"substr", fn_substr, true},          {"tobool", fn_tobool, false},
    {"tolist", fn_identity, false},       {"tomap", fn_identity, false},
    {"toset", fn_distinct, true},         {"tostring", fn_tostring, false},
    {"trim", fn_trim, true},              {"trimprefix", fn_trimprefix, true},
    {"trimspace", fn_trimspace, true},    {"trimsuffix", fn_trimsuffix, true},
    {"try", fn_try, false},               {"upper", fn_upper, true},
    {"values", fn_values, true},          {"yamldecode", tf_fn_yamldecode, false},
};

tf_val *tf_call(tf_module *m, const char *name, size_t nname, tf_val **args, size_t nargs,
                tf_origin at)
{
    for (size_t i = 0; i < sizeof fns / sizeof fns[0]; i++) {
        if (!zl_text_eq(name, (uint32_t)nname, fns[i].name))
            continue;
        /* Octets by 16 (a step reads an expression of a few), and the
         * items of what it walks. */
        size_t work = nargs;
        for (size_t k = 0; k < nargs; k++)
            work += args[k]->n / 16 + (fns[i].walks ? args[k]->nitems : 0);
        return tf_charge(m, work, at) ? fns[i].fn(m, args, nargs, at) : unknown(m);
    }
    return unknown(m);
}
