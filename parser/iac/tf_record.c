#include "parser/iac/tf_record.h"

#include <stdlib.h>
#include <string.h>

#include "parser/exports/emit.h"
#include "lint/model/tld.h"
#include "lint/util/util.h"

tf_attr tf_attr_get(tf_reader *r, const tf_block *b, const zl_hcl_body *body,
                    const tf_scope *sc, const char *name)
{
    tf_attr a = {zl_hcl_attr(body, name), &tf_null_val};
    if (a.item)
        a.v = tf_eval(&r->m, b->file, a.item->expr, sc);
    return a;
}

bool tf_has_block(const zl_hcl_body *body, const char *name)
{
    for (size_t i = 0; i < body->n; i++)
        if (body->items[i].body && zl_text_eq(body->items[i].name, body->items[i].nname, name))
            return true;
    return false;
}

bool tf_looks_absolute(const tf_val *name)
{
    size_t n = name->n;
    if (n && name->s[n - 1] == '.')
        n--;
    const char *dot = NULL;
    for (size_t i = 0; i < n; i++)
        if (name->s[i] == '.')
            dot = name->s + i;
    return dot && zl_is_tld(dot + 1, (size_t)(name->s + n - dot - 1));
}

bool tf_ttl(const tf_val *v, long long *ttl)
{
    if (v->kind == TF_NUMBER && v->num >= 0 && v->num <= 4294967295.0 &&
        v->num == (double)(long long)v->num) {
        *ttl = (long long)v->num;
        return true;
    }
    if (v->kind == TF_STRING && v->n && v->n < 11 && strspn(v->s, "0123456789") == v->n) {
        *ttl = strtoll(v->s, NULL, 10);
        return true;
    }
    return false;
}

zl_lstr tf_value_lstr(const tf_reader *r, const tf_val *v, const zl_hx *e)
{
    return tf_lstr(r, v, e->start, e->end);
}

const zl_hx *tf_element(const tf_attr *a, size_t i)
{
    const zl_hx *e = a->item->expr;
    return e->kind == ZL_HX_TUPLE && i < e->nkids ? e->kids[i] : e;
}

uint16_t tf_ttl_type(tf_reader *r, zl_synth *s, const tf_attr *ttl, long long dflt,
                     const tf_attr *type, uint32_t at)
{
    long long seconds = dflt;
    bool known = ttl->item && tf_ttl(ttl->v, &seconds);
    zl_lstr ty = tf_value_lstr(r, type->v, type->item->expr);
    uint16_t code = zl_emit_ttl_type(s, seconds, known ? ttl->item->expr->start : at,
                                     known ? ttl->item->expr->end - ttl->item->expr->start : 0,
                                     &ty);
    zl_lstr_free(&ty);
    return code;
}

void tf_each_instance(tf_reader *r, tf_block *b,
                      void (*fn)(tf_reader *r, tf_block *b, const tf_scope *sc))
{
    const tf_scope **scopes;
    size_t n;
    if (!tf_instances(&r->m, b, &scopes, &n))
        return;
    for (size_t i = 0; i < n; i++)
        fn(r, b, scopes[i]);
}
