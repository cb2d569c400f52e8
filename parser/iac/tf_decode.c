/* jsondecode and yamldecode: documents into Terraform values, with
 * Terraform's own rules (its YAML resolves plain scalars as YAML 1.1 does:
 * yes and on are true), objects in the order of their keys. Every string
 * stands for the text's place (escapes leave no byte-for-byte one). */
#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "lint/util/util.h"
#include "parser/exports/yaml_pos.h"
#include "parser/iac/tf_data.h"

/* An object of the k keys (sorted here: Terraform's objects are in the
 * order of their keys), its values to fill in that order; unknown past the
 * budget. */
static tf_val *object_of(tf_module *m, const char **keys, size_t k)
{
    qsort(keys, k, sizeof *keys, zl_cmp_strings);
    tf_val *o = tf_object(&m->arena, k);
    for (size_t i = 0; o->kind == TF_OBJECT && i < k; i++)
        o->keys[i] = tf_strdup(&m->arena, keys[i], strlen(keys[i]));
    return o;
}

/* j as a value; every string stands for at (JSON's escapes leave no
 * byte-for-byte place in the text). */
static tf_val *from_json(tf_module *m, json_t *j, tf_origin at)
{
    if (!tf_charge(m, 1, at))
        return tf_unknown(&m->arena, NULL);
    switch (json_typeof(j)) {
    case JSON_OBJECT: {
        size_t k = json_object_size(j), i = 0;
        const char **keys = zl_xmallocn(k + 1, sizeof *keys);
        const char *key;
        json_t *v;
        json_object_foreach(j, key, v) {
            keys[i++] = key;
        }
        tf_val *o = object_of(m, keys, k);
        for (i = 0; o->kind == TF_OBJECT && i < k; i++)
            o->items[i] = from_json(m, json_object_get(j, o->keys[i]), at);
        free(keys);
        return o;
    }
    case JSON_ARRAY: {
        tf_val *l = tf_list(&m->arena, json_array_size(j));
        for (size_t i = 0; l->kind == TF_LIST && i < l->nitems; i++)
            l->items[i] = from_json(m, json_array_get(j, i), at);
        return l;
    }
    case JSON_STRING: /* one past TF_MAX_STRING is said where the call is, as any */
        if (memchr(json_string_value(j), '\0', json_string_length(j)))
            return tf_unknown(&m->arena, NULL); /* a NUL no record holds */
        return tf_string(&m->arena, json_string_value(j), json_string_length(j), at);
    case JSON_REAL: /* every number: JSON_DECODE_INT_AS_REAL */
        return tf_number(&m->arena, json_real_value(j));
    case JSON_TRUE:
    case JSON_FALSE:
        return tf_bool(&m->arena, json_is_true(j));
    default:
        return &tf_null_val;
    }
}

tf_val *tf_fn_jsondecode(tf_module *m, tf_val **a, size_t n, tf_origin at)
{
    if (n != 1 || a[0]->kind != TF_STRING)
        return tf_unknown(&m->arena, NULL);
    json_error_t je;
    /* Numbers of any size (Terraform's are big), strings holding \u0000. */
    json_t *doc = json_loadb(a[0]->s, a[0]->n,
                             JSON_DECODE_ANY | JSON_ALLOW_NUL | JSON_DECODE_INT_AS_REAL, &je);
    if (!doc) /* where, not what: the text may be anything */
        return tf_refused(m, at, zl_xasprintf("jsondecode: the text is not JSON at its line %d, "
                                          "column %d",
                                          je.line, je.column));
    tf_val *v = from_json(m, doc, at);
    json_decref(doc);
    return v;
}

/* The plain scalars go-cty-yaml resolves by name (resolve.go). */
static const struct {
    const char *names[5];
    tf_kind kind;
    bool b;
} yaml_named[] = {
    {{"y", "Y", "yes", "Yes", "YES"}, TF_BOOL, true},
    {{"true", "True", "TRUE", "on", "On"}, TF_BOOL, true},
    {{"ON", NULL}, TF_BOOL, true},
    {{"n", "N", "no", "No", "NO"}, TF_BOOL, false},
    {{"false", "False", "FALSE", "off", "Off"}, TF_BOOL, false},
    {{"OFF", NULL}, TF_BOOL, false},
    {{"", "~", "null", "Null", "NULL"}, TF_NULL, false},
    /* Infinities and NaN: no number a record takes, and NaN an error. */
    {{".inf", ".Inf", ".INF", "+.inf", "+.Inf"}, TF_UNKNOWN, false},
    {{"+.INF", "-.inf", "-.Inf", "-.INF", NULL}, TF_UNKNOWN, false},
    {{".nan", ".NaN", ".NAN", NULL}, TF_UNKNOWN, false},
};

/* A plain scalar that is a number as Terraform reads one: decimal with
 * an optional fraction and exponent, underscores dropped, or 0x, 0o, 0b. */
static bool yaml_number(const char *s, size_t n, double *out)
{
    char buf[128];
    size_t k = 0;
    for (size_t i = 0; i < n && k + 1 < sizeof buf; i++)
        if (s[i] != '_')
            buf[k++] = s[i];
    if (k + 1 >= sizeof buf || k == 0)
        return false;
    buf[k] = '\0';
    const char *p = buf + (buf[0] == '+' || buf[0] == '-');
    int base = 10;
    if (p[0] == '0' && (p[1] == 'x' || p[1] == 'o' || p[1] == 'b'))
        base = p[1] == 'x' ? 16 : p[1] == 'o' ? 8 : 2;
    char *end;
    if (base != 10) {
        if (!p[2] || strchr("+-", p[2]))
            return false;
        errno = 0;
        unsigned long long v = strtoull(p + 2, &end, base);
        if (*end || errno)
            return false;
        *out = buf[0] == '-' ? -(double)v : (double)v;
        return true;
    }
    size_t digits = 0, i = 0;
    for (; p[i] >= '0' && p[i] <= '9'; i++)
        digits++;
    if (p[i] == '.')
        for (i++; p[i] >= '0' && p[i] <= '9'; i++)
            digits++;
    if (!digits)
        return false;
    if (p[i] == 'e' || p[i] == 'E') {
        i += p[i + 1] == '+' || p[i + 1] == '-' ? 2 : 1;
        if (p[i] < '0' || p[i] > '9')
            return false;
        while (p[i] >= '0' && p[i] <= '9')
            i++;
    }
    if (p[i])
        return false;
    *out = strtod(buf, &end);
    return true;
}

/* A scalar: a plain one is resolved as Terraform does; a date or a NaN,
 * which Terraform rewrites or refuses, is unknown, as is an infinity. */
static tf_val *from_yaml_scalar(tf_module *m, const zl_ynode_data *n, tf_origin at)
{
    const char *s = (const char *)n->data.scalar.value;
    size_t len = n->data.scalar.length;
    if (n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
        return tf_string(&m->arena, s, len, at);
    for (size_t i = 0; i < sizeof yaml_named / sizeof *yaml_named; i++)
        for (size_t k = 0; k < 5 && yaml_named[i].names[k]; k++)
            if (zl_text_eq(s, len, yaml_named[i].names[k]))
                return yaml_named[i].kind == TF_NULL   ? &tf_null_val
                       : yaml_named[i].kind == TF_BOOL ? tf_bool(&m->arena, yaml_named[i].b)
                                                       : tf_unknown(&m->arena, NULL);
    if (len >= 5 && s[4] == '-' && strspn(s, "0123456789") == 4)
        return tf_unknown(&m->arena, NULL); /* a timestamp, which Terraform rewrites */
    double v;
    if (strchr("+-.0123456789", s[0]) && yaml_number(s, len, &v))
        return tf_number(&m->arena, v);
    return tf_string(&m->arena, s, len, at);
}

static tf_val *from_yaml(tf_module *m, zl_ynode n, tf_origin at)
{
    if (!n.n || !tf_charge(m, 1, at))
        return tf_unknown(&m->arena, NULL);
    const char *tag = (const char *)n.n->tag;
    switch (n.n->type) {
    case YAML_SCALAR_NODE:
        if (tag && strcmp(tag, YAML_STR_TAG) != 0)
            return tf_unknown(&m->arena, NULL); /* !!int, !!binary, a tag of its own */
        return from_yaml_scalar(m, n.n, at);
    case YAML_SEQUENCE_NODE: {
        tf_val *l = tf_list(&m->arena, zl_ycount(n));
        for (size_t i = 0; l->kind == TF_LIST && i < l->nitems; i++)
            l->items[i] = from_yaml(m, zl_yitem(n, i), at);
        return l;
    }
    case YAML_MAPPING_NODE: {
        /* Keys are strings, each once, in their order; a merge (<<) or a
         * key that is no scalar is left unknown. */
        size_t k = zl_ycount(n);
        const char **keys = zl_xmallocn(k + 1, sizeof *keys);
        bool plain = true;
        for (size_t i = 0; plain && i < k; i++) {
            zl_ynode key = zl_ykey(n, i);
            plain = zl_yis(key, YAML_SCALAR_NODE) &&
                    strlen((const char *)key.n->data.scalar.value) == key.n->data.scalar.length &&
                    strcmp((const char *)key.n->data.scalar.value, "<<") != 0;
            keys[i] = plain ? (const char *)key.n->data.scalar.value : NULL;
        }
        tf_val *o = plain ? object_of(m, keys, k) : tf_unknown(&m->arena, NULL);
        for (size_t i = 1; o->kind == TF_OBJECT && i < k; i++)
            if (strcmp(o->keys[i - 1], o->keys[i]) == 0)
                o = tf_unknown(&m->arena, NULL); /* a key twice */
        for (size_t i = 0; o->kind == TF_OBJECT && i < k; i++)
            o->items[i] = from_yaml(m, zl_yget(n, o->keys[i]), at);
        free(keys);
        return o;
    }
    default:
        return tf_unknown(&m->arena, NULL);
    }
}

tf_val *tf_fn_yamldecode(tf_module *m, tf_val **a, size_t n, tf_origin at)
{
    if (n != 1 || a[0]->kind != TF_STRING)
        return tf_unknown(&m->arena, NULL);
    zl_ydoc d;
    char *err = NULL;
    size_t off = 0;
    tf_val *v;
    if (!zl_ydoc_load(&d, a[0]->s, a[0]->n, &err, &off)) {
        /* libyaml's words and where, none of the text: it may be anything */
        tf_note(m, at, "syntax-error",
                zl_xasprintf("yamldecode: %s, at octet %zu of the text", err, off),
                zl_xstrdup("a YAML error makes terraform plan fail too; a limit of zonelint's "
                           "leaves the records made of the text unchecked"));
        v = tf_unknown(&m->arena, NULL);
    } else if (d.n > 1) {
        v = tf_refused(m, at, zl_xstrdup("yamldecode: the text holds more than one YAML document"));
    } else {
        v = d.n ? from_yaml(m, zl_yroot(&d, 0), at) : &tf_null_val;
    }
    free(err);
    zl_ydoc_free(&d);
    return v;
}
