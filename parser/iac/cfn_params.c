#include "parser/iac/cfn_params.h"

#include <stdlib.h>
#include <string.h>

#include "lint/util/util.h"
#include "parser/iac/cfn_ses.h"

void cfn_params_init(cfn_params *p, const zl_ydoc *d, zl_ynode root)
{
    memset(p, 0, sizeof *p);
    p->d = d;
    p->params = zl_yget(root, "Parameters");
}

void cfn_params_free(cfn_params *p)
{
    for (size_t i = 0; i < p->n; i++)
        free(p->owned[i]);
    free(p->owned);
    memset(p, 0, sizeof *p);
}

/* The Default of the parameter name[0, len), when it is a scalar. */
static zl_ynode default_of(const cfn_params *p, const char *name, size_t len)
{
    for (size_t i = 0; i < zl_ycount(p->params); i++) {
        const char *k = cfn_scalar(zl_ykey(p->params, i));
        if (k && strlen(k) == len && strncmp(k, name, len) == 0) {
            zl_ynode def = zl_yget(zl_yvalue(p->params, i), "Default");
            return cfn_scalar(def) ? def : (zl_ynode){0};
        }
    }
    return (zl_ynode){0};
}

/* Bytes being put together, each with its offset in the template. */
typedef struct built {
    char *p;
    uint32_t *raw;
    size_t n, cap, rcap;
} built;

static void put(built *b, const char *s, size_t n, const uint32_t *raw, uint32_t at)
{
    ZL_GROW(b->p, b->cap, b->n + n + 1);
    ZL_GROW(b->raw, b->rcap, b->n + n + 1);
    memcpy(b->p + b->n, s, n);
    for (size_t i = 0; i < n; i++)
        b->raw[b->n + i] = raw ? raw[i] : at;
    b->n += n;
    b->p[b->n] = '\0';
}

/* The default of the parameter named at [name, name + len), at offset at. */
static bool put_default(cfn_params *p, built *b, const char *name, size_t len, uint32_t at)
{
    zl_ynode def = default_of(p, name, len);
    if (!def.n)
        return false;
    const char *v = cfn_scalar(def);
    put(b, v, strlen(v), NULL, at);
    return true;
}

static bool done(cfn_params *p, built *b, uint32_t end, zl_lstr *out)
{
    ZL_GROW(b->p, b->cap, b->n + 1);
    ZL_GROW(b->raw, b->rcap, b->n + 1);
    b->p[b->n] = '\0';
    b->raw[b->n] = end;
    ZL_GROW(p->owned, p->cap, p->n + 1);
    p->owned[p->n++] = b->p;
    *out = (zl_lstr){b->p, b->n, b->raw};
    return true;
}

static bool fail(built *b)
{
    free(b->p);
    free(b->raw);
    return false;
}

/* "text ${Param} text": ${!x} is the literal ${x}; any other ${} is known
 * only at deployment. */
static bool substitute(cfn_params *p, zl_ynode n, zl_lstr *out)
{
    zl_lstr s;
    if (!zl_yscalar(p->d, n, &s))
        return false;
    built b = {0};
    bool ok = true;
    size_t i = 0, text = 0; /* text: where the bytes not yet put begin */
    while (ok && i + 1 < s.n) {
        if (s.p[i] != '$' || s.p[i + 1] != '{') {
            i++;
            continue;
        }
        const char *close = memchr(s.p + i, '}', s.n - i);
        if (!close) {
            ok = false;
            break;
        }
        size_t end = (size_t)(close - s.p);
        put(&b, s.p + text, i - text, s.raw + text, 0);
        if (i + 2 < end && s.p[i + 2] == '!') {
            put(&b, "${", 2, s.raw + i, 0);
            put(&b, s.p + i + 3, end + 1 - (i + 3), s.raw + i + 3, 0);
        } else {
            ok = put_default(p, &b, s.p + i + 2, end - (i + 2), s.raw[i]);
        }
        i = text = end + 1;
    }
    if (ok)
        put(&b, s.p + text, s.n - text, s.raw + text, 0);
    uint32_t end = s.raw[s.n];
    zl_lstr_free(&s);
    return ok ? done(p, &b, end, out) : fail(&b);
}

bool cfn_value(cfn_params *p, zl_ynode n, zl_lstr *out)
{
    memset(out, 0, sizeof *out);
    if (!cfn_computed(n))
        return zl_yscalar(p->d, n, out);
    zl_ynode ref = cfn_intrinsic(n, "!Ref", "Ref");
    const char *name = cfn_scalar(ref);
    if (name) {
        built b = {0};
        return put_default(p, &b, name, strlen(name), zl_ystart(n))
                   ? done(p, &b, zl_ystart(n) + zl_ylen(n), out)
                   : fail(&b);
    }
    zl_ynode sub = cfn_intrinsic(n, "!Sub", "Fn::Sub");
    return cfn_scalar(sub) && substitute(p, sub, out);
}
