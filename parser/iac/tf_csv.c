/* csvdecode, as Terraform decodes (Go's encoding/csv): a header row, every
 * row as many fields, "" for a quote inside quotes, \r\n read as \n,
 * empty lines skipped. A field's bytes stand where the text's did. */
#include <stdlib.h>
#include <string.h>

#include "lint/util/util.h"
#include "parser/iac/tf_data.h"

typedef struct csv {
    const tf_val *text;
    size_t i;
    const char *err;
} csv;

/* One field from c->i, into *out; *end_row when it ends its row. */
static tf_val *csv_field(tf_module *m, csv *c, bool *end_row)
{
    const char *s = c->text->s;
    size_t n = c->text->n;
    tf_sb b = {0};
    if (c->i < n && s[c->i] == '"') {
        c->i++;
        for (;;) {
            if (c->i >= n) {
                c->err = "a quoted field is not closed";
                break;
            }
            size_t q = c->i;
            while (q < n && s[q] != '"' && s[q] != '\r')
                q++;
            tf_sb_add_val(&b, c->text, c->i, q - c->i);
            c->i = q;
            if (q < n && s[q] == '\r') { /* \r\n in a field is \n, as Go reads it */
                if (q + 1 < n && s[q + 1] == '\n')
                    c->i++;
                else
                    tf_sb_add_val(&b, c->text, q, 1), c->i++;
                continue;
            }
            if (q >= n)
                continue;
            if (q + 1 < n && s[q + 1] == '"') {
                tf_sb_add_val(&b, c->text, q, 1);
                c->i = q + 2;
                continue;
            }
            c->i = q + 1; /* the closing quote: a comma or the row's end must follow */
            if (c->i < n && s[c->i] == '\r' && (c->i + 1 == n || s[c->i + 1] == '\n'))
                c->i++;
            else if (c->i < n && s[c->i] != ',' && s[c->i] != '\n')
                c->err = "a quoted field goes on past its closing quote (write \"\" for a quote)";
            break;
        }
    } else {
        size_t q = c->i;
        while (q < n && s[q] != ',' && s[q] != '\n' && s[q] != '"')
            q++;
        if (q < n && s[q] == '"')
            c->err = "a quote inside a field that does not begin with one";
        size_t e = q > c->i && s[q - 1] == '\r' && (q == n || s[q] == '\n') ? q - 1 : q;
        tf_sb_add_val(&b, c->text, c->i, e - c->i);
        c->i = q;
    }
    if (c->err) {
        tf_sb_free(&b);
        return NULL;
    }
    *end_row = c->i >= n || s[c->i] != ',';
    c->i += c->i < n; /* the comma, or the line break */
    return tf_sb_take(&m->arena, &b);
}

/* The next row's fields (arena memory); 0 at the end, or on an error. */
static size_t csv_row(tf_module *m, csv *c, tf_val ***fields)
{
    const char *s = c->text->s;
    size_t n = c->text->n;
    /* Empty lines are no rows. */
    while (c->i < n &&
           (s[c->i] == '\n' || (s[c->i] == '\r' && c->i + 1 < n && s[c->i + 1] == '\n')))
        c->i += s[c->i] == '\r' ? 2 : 1;
    if (c->i >= n)
        return 0;
    size_t k = 0, cap = 0;
    tf_val **v = NULL;
    for (bool end = false; !end;) {
        tf_val *f = csv_field(m, c, &end);
        if (!f) {
            free(v);
            return 0;
        }
        ZL_GROW(v, cap, k + 1);
        v[k++] = f;
    }
    *fields = tf_alloc(&m->arena, k * sizeof **fields);
    memcpy(*fields, v, k * sizeof *v);
    free(v);
    return k;
}

tf_val *tf_fn_csvdecode(tf_module *m, tf_val **a, size_t n, tf_origin at)
{
    if (n != 1 || a[0]->kind != TF_STRING)
        return tf_unknown(&m->arena, NULL);
    csv c = {.text = a[0]};
    tf_val **head;
    size_t cols = csv_row(m, &c, &head);
    if (!cols)
        return tf_refused(m, at, zl_xasprintf("csvdecode: %s",
                                          c.err ? c.err : "there is no header line"));
    for (size_t i = 0; i < cols; i++) {
        if (head[i]->kind != TF_STRING)
            return tf_unknown(&m->arena, NULL); /* a name past the limits */
        for (size_t j = 0; j < i; j++)
            if (head[j]->n == head[i]->n && memcmp(head[j]->s, head[i]->s, head[i]->n) == 0)
                return tf_refused(m, at, zl_xasprintf("csvdecode: the column name \"%.*s\" comes "
                                                  "twice in the header",
                                                  (int)(head[i]->n > 100 ? 100 : head[i]->n),
                                                  head[i]->s));
    }
    size_t nrows = 0, cap = 0;
    tf_val **rows = NULL;
    for (;;) {
        tf_val **f;
        size_t k = csv_row(m, &c, &f);
        if (!k && !c.err)
            break;
        if (c.err || k != cols) {
            free(rows);
            return tf_refused(m, at,
                          zl_xasprintf("csvdecode: row %zu after the header: %s", nrows + 1,
                                       c.err ? c.err : "not as many fields as the header"));
        }
        if (!tf_charge(m, cols, at)) {
            free(rows);
            return tf_unknown(&m->arena, NULL);
        }
        tf_val *o = tf_object(&m->arena, cols);
        for (size_t i = 0; o->kind == TF_OBJECT && i < cols; i++) {
            o->keys[i] = head[i]->s;
            o->items[i] = f[i];
        }
        ZL_GROW(rows, cap, nrows + 1);
        rows[nrows++] = o;
    }
    tf_val *l = tf_list(&m->arena, nrows);
    for (size_t i = 0; l->kind == TF_LIST && i < nrows; i++)
        l->items[i] = rows[i];
    free(rows);
    return l;
}
