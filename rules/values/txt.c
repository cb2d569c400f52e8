#include "rules/values/txt.h"

#include <ldns/ldns.h>
#include <stdlib.h>
#include <string.h>

#include "rules/values/values.h"

bool zl_is_txt_type(uint16_t type)
{
    return type == LDNS_RR_TYPE_TXT || type == LDNS_RR_TYPE_SPF;
}

/* Decode the strings onto out, noting where each begins (starts may be
 * NULL). Room for all of them is made first: decoding never lengthens a
 * string, and a key grown a run of octets at a time is reallocated many
 * times. */
static void join(const zl_tok *tok, unsigned n, zl_buf *out, size_t *starts)
{
    size_t room = out->len + 1;
    for (unsigned i = 0; i < n; i++)
        room += tok[i].len;
    ZL_GROW(out->data, out->cap, room);
    for (unsigned i = 0; i < n; i++) {
        if (starts)
            starts[i] = out->len;
        zl_tok_decode(&tok[i], out);
    }
    zl_buf_str(out);
}

void zl_txt_view_read(zl_txt_view *v, const zl_zoneset *zs, const zl_zone *z,
                      const zl_record *r)
{
    v->n = zl_record_nrdata(r);
    ZL_GROW(v->tok, v->tcap, v->n);
    ZL_GROW(v->starts, v->scap, v->n);
    for (unsigned i = 0; i < v->n; i++)
        v->tok[i] = zl_record_rdata(zs, z, r, i);
    zl_buf_reset(&v->value);
    join(v->tok, v->n, &v->value, v->starts);
}

void zl_txt_view_free(zl_txt_view *v)
{
    free(v->tok);
    free(v->starts);
    zl_buf_free(&v->value);
    memset(v, 0, sizeof *v);
}

void zl_txt_value_starts(const zl_zoneset *zs, const zl_zone *z, const zl_record *r,
                         zl_buf *out, size_t *starts)
{
    unsigned n = zl_record_nrdata(r);
    zl_tok local[16] = {0};
    zl_tok *tok = n <= 16 ? local : zl_xmalloc(n * sizeof *tok);
    for (unsigned i = 0; i < n; i++)
        tok[i] = zl_record_rdata(zs, z, r, i);
    join(tok, n, out, starts);
    if (tok != local)
        free(tok);
}

void zl_txt_value(const zl_zoneset *zs, const zl_zone *z, const zl_record *r, zl_buf *out)
{
    zl_txt_value_starts(zs, z, r, out, NULL);
}

bool zl_txt_may_start_ci(const zl_zoneset *zs, const zl_zone *z, const zl_record *r,
                         const char *prefix)
{
    if (zl_record_nrdata(r) == 0)
        return prefix[0] == '\0';
    zl_tok t = zl_record_rdata(zs, z, r, 0);
    size_t n, k = strlen(prefix);
    const char *p = zl_tok_inner(&t, &n);
    if (n < k || memchr(p, '\\', k))
        return true;
    return zl_has_prefix_ci(p, k, prefix);
}

unsigned zl_txt_string_at(const size_t *starts, unsigned n, size_t pos)
{
    unsigned k = 0;
    while (k + 1 < n && starts[k + 1] <= pos)
        k++;
    return k;
}

void zl_txt_split(const char *p, size_t n, zl_buf *out)
{
    for (size_t i = 0; i < n || i == 0; i += 255) {
        zl_buf_adds(out, i ? " \"" : "\"");
        zl_buf_add(out, p + i, n - i < 255 ? n - i : 255);
        zl_buf_addc(out, '"');
    }
}

/* Only whether there are problems: details is NULL, so none is built. */
static void count_problem(void *ctx, const zl_rule *rule, zl_value_at where, char *hint,
                          char *message)
{
    (void)rule;
    (void)where;
    (void)hint;
    (void)message;
    (*(int *)ctx)++;
}

bool zl_txt_has_value_problem(const zl_zoneset *zs, const zl_zone *z, const zl_record *r)
{
    int n = 0;
    zl_value_problems(zs, z, r, &(zl_value_sink){count_problem, NULL, &n});
    return n > 0;
}

bool zl_txt_view_has_value_problem(const zl_zoneset *zs, const zl_zone *z, const zl_record *r,
                                   const zl_txt_view *v)
{
    int n = 0;
    zl_value_problems_txt(zs, z, r, v, &(zl_value_sink){count_problem, NULL, &n});
    return n > 0;
}

size_t zl_space_at(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    /* Every space starts with an octet up to ' ' or from 0xC2: values are
     * scanned octet by octet, and most octets are neither. */
    if (n == 0 || (p[0] > ' ' && p[0] < 0xC2))
        return 0;
    if (p[0] == ' ' || p[0] == '\t' || p[0] == '\n' || p[0] == '\r' || p[0] == '\v' ||
        p[0] == '\f')
        return 1;
    if (n >= 2 && p[0] == 0xC2 && p[1] == 0xA0)
        return 2; /* no-break space */
    if (n < 3)
        return 0;
    if (p[0] == 0xE2 && p[1] == 0x80 &&
        ((p[2] >= 0x80 && p[2] <= 0x8D) || p[2] == 0xA8 || p[2] == 0xA9 || p[2] == 0xAF))
        return 3; /* en/em spaces, zero-width (non-)joiners, line separators */
    if (p[0] == 0xE2 && p[1] == 0x81 && (p[2] == 0x9F || p[2] == 0xA0))
        return 3; /* medium mathematical space, word joiner */
    if ((p[0] == 0xE1 && p[1] == 0x9A && p[2] == 0x80) ||
        (p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80) ||
        (p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF))
        return 3; /* ogham space, ideographic space, zero-width no-break space */
    return 0;
}

size_t zl_space_before(const char *p, size_t n)
{
    for (size_t k = 1; k <= 3 && k <= n; k++)
        if (zl_space_at(p + n - k, k) == k)
            return k;
    return 0;
}

size_t zl_smart_quote_at(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    if (n == 0 || p[0] < 0xC2)
        return 0; /* the common case: every quote below starts with 0xC2 or more */
    if (n >= 2 && p[0] == 0xC2 && (p[1] == 0xAB || p[1] == 0xBB))
        return 2; /* guillemets */
    if (n >= 3 && p[0] == 0xE2 && p[1] == 0x80 &&
        ((p[2] >= 0x98 && p[2] <= 0x9F) || p[2] == 0xB3))
        return 3; /* ‘ ’ ‚ ‛ “ ” „ ‟ ″ */
    if (n >= 3 && p[0] == 0xEF && p[1] == 0xBC && p[2] == 0x82)
        return 3; /* fullwidth quotation mark */
    return 0;
}
