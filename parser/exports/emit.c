#include "parser/exports/emit.h"

#include <ldns/ldns.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "parser/master/rdata.h"
#include "parser/master/rrtype.h"

static bool blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static bool digit(char c)
{
    return c >= '0' && c <= '9';
}

/* A byte written as \DDD, standing for where it was. */
static void put_ddd(zl_synth *s, const zl_lstr *v, size_t i)
{
    char b[8];
    snprintf(b, sizeof b, "\\%03u", (unsigned char)v->p[i]);
    zl_synth_put(s, b, 4, v->raw[i], v->raw[i + 1] - v->raw[i]);
}

/* An escape \X or \DDD at i (i + 1 < n): copied, or with ZL_EMIT_OCTAL its
 * octal number written in decimal. Returns the bytes it took. */
static size_t put_escape(zl_synth *s, const zl_lstr *v, size_t i, unsigned flags)
{
    const char *p = v->p + i;
    if (i + 3 < v->n && digit(p[1]) && digit(p[2]) && digit(p[3])) {
        if ((flags & ZL_EMIT_OCTAL) && p[1] <= '3' && p[2] <= '7' && p[3] <= '7') {
            char b[8];
            snprintf(b, sizeof b, "\\%03d", (p[1] - '0') * 64 + (p[2] - '0') * 8 + (p[3] - '0'));
            zl_synth_put(s, b, 4, v->raw[i], v->raw[i + 4] - v->raw[i]);
        } else {
            zl_synth_copy(s, v, i, i + 4);
        }
        return 4;
    }
    unsigned char c = (unsigned char)p[1];
    if (c < 0x20 || c == 0x7F) {
        zl_synth_copy(s, v, i, i + 1);
        put_ddd(s, v, i + 1);
    } else {
        zl_synth_copy(s, v, i, i + 2);
    }
    return 2;
}

/* Trim white space and quotes around a name, reporting them. */
static void trim_name(zl_synth *s, const zl_lstr *v, size_t *from, size_t *to)
{
    size_t a = 0, b = v->n;
    while (a < b && blank(v->p[a]))
        a++;
    while (b > a && blank(v->p[b - 1]))
        b--;
    if (a > 0 || b < v->n)
        zl_synth_diag_raw(s, "value-whitespace", v->raw[a > 0 ? 0 : b],
                          a > 0 ? v->raw[a] - v->raw[0] : v->raw[v->n] - v->raw[b],
                          zl_xasprintf("white space %s the name \"%.*s\"",
                                       a > 0 ? "before" : "after", (int)(b - a), v->p + a),
                          zl_xasprintf("delete the white space: %.*s", (int)(b - a), v->p + a));
    if (b - a >= 2 && (v->p[a] == '"' || v->p[a] == '\'') && v->p[b - 1] == v->p[a]) {
        zl_synth_diag_raw(s, "value-quoting", v->raw[a], v->raw[b] - v->raw[a],
                          zl_xasprintf("the name %.*s is in quotes, which become part of it",
                                       (int)(b - a), v->p + a),
                          zl_xasprintf("write the name without quotes: %.*s", (int)(b - a - 2),
                                       v->p + a + 1));
        a++, b--;
    }
    *from = a;
    *to = b;
}

static bool ends_with_zone(const char *p, size_t n, const char *zone)
{
    size_t k = strlen(zone) - 1; /* without its final dot */
    if (k == 0 || n < k || strncasecmp(p + n - k, zone, k) != 0)
        return false;
    return n == k || p[n - k - 1] == '.';
}

static void name_span(zl_synth *s, const zl_lstr *v, unsigned flags, const char *zone)
{
    size_t a, b;
    trim_name(s, v, &a, &b);
    if (a == b || (b - a == 1 && v->p[a] == '@')) {
        zl_synth_put(s, a == b && (flags & ZL_EMIT_ABSOLUTE) ? "." : "@", 1, v->raw[a], b - a);
        zl_synth_mark(s, v->raw[b]);
        return;
    }
    for (size_t i = a; i < b;) {
        unsigned char c = (unsigned char)v->p[i];
        if (c == '\\' && i + 1 < b) {
            i += put_escape(s, v, i, flags);
            continue;
        }
        if (c <= ' ' || c >= 0x7F || strchr("\"();@$\\", c))
            put_ddd(s, v, i);
        else
            zl_synth_copy(s, v, i, i + 1);
        i++;
    }
    bool dot = v->p[b - 1] == '.' && !(b - a >= 2 && v->p[b - 2] == '\\');
    if (zone && !dot && ends_with_zone(v->p + a, b - a, zone)) {
        zl_synth_glue(s, ".");
        zl_synth_glue(s, zone);
    } else if ((flags & ZL_EMIT_ABSOLUTE) && !dot) {
        zl_synth_glue(s, ".");
    }
    zl_synth_mark(s, v->raw[b]);
}

void zl_emit_name(zl_synth *s, const zl_lstr *v, unsigned flags)
{
    name_span(s, v, flags, NULL);
}

void zl_emit_relative_owner(zl_synth *s, const zl_lstr *v, const char *zone)
{
    name_span(s, v, 0, zone);
}

/* A quote standing for export offset raw. */
static void put_quote(zl_synth *s, uint32_t raw)
{
    zl_synth_put(s, "\"", 1, raw, 0);
}

void zl_emit_text(zl_synth *s, const zl_lstr *v, unsigned flags)
{
    put_quote(s, v->raw[0]);
    size_t octets = 0;
    for (size_t i = 0; i < v->n;) {
        if ((flags & ZL_EMIT_CHUNK) && octets == 255) {
            put_quote(s, v->raw[i]);
            zl_synth_glue(s, " ");
            put_quote(s, v->raw[i]);
            octets = 0;
        }
        unsigned char c = (unsigned char)v->p[i];
        octets++;
        if (c == '\\' && (flags & ZL_EMIT_ESCAPED) && i + 1 < v->n) {
            i += put_escape(s, v, i, flags);
            continue;
        }
        if (c == '"' || c == '\\') {
            char b[3] = {'\\', (char)c, 0};
            zl_synth_put(s, b, 2, v->raw[i], v->raw[i + 1] - v->raw[i]);
        } else if ((c < 0x20 && c != '\t') || c == 0x7F) {
            put_ddd(s, v, i);
        } else {
            zl_synth_copy(s, v, i, i + 1);
        }
        i++;
    }
    put_quote(s, v->raw[v->n]);
    zl_synth_mark(s, v->raw[v->n]);
}

void zl_emit_rdata(zl_synth *s, const zl_lstr *v, unsigned flags)
{
    bool quoted = false;
    for (size_t i = 0; i < v->n;) {
        unsigned char c = (unsigned char)v->p[i];
        if (c == '\\' && i + 1 < v->n) {
            i += put_escape(s, v, i, flags);
            continue;
        }
        if (c == '"' && !quoted && (flags & ZL_EMIT_CHUNK)) {
            size_t e = i + 1;
            while (e < v->n && v->p[e] != '"')
                e += v->p[e] == '\\' ? 2 : 1;
            if (e < v->n) {
                zl_lstr inner = zl_lstr_sub(v, i + 1, e);
                zl_emit_text(s, &inner, flags | ZL_EMIT_ESCAPED);
                i = e + 1;
                continue;
            }
        }
        if (c == '"')
            quoted = !quoted;
        if ((c < 0x20 && c != '\t') || c == 0x7F || (c == '\\' && i + 1 == v->n)) {
            put_ddd(s, v, i);
        } else if (!quoted && (c == ';' || c == '(' || c == ')')) {
            /* Data, not a comment or a parenthesis: as the provider reads it. */
            char b[3] = {'\\', (char)c, 0};
            zl_synth_put(s, b, 2, v->raw[i], v->raw[i + 1] - v->raw[i]);
        } else {
            zl_synth_copy(s, v, i, i + 1);
        }
        i++;
    }
    zl_synth_mark(s, v->raw[v->n]);
}

void zl_emit_number(zl_synth *s, long long n, uint32_t raw, uint32_t raw_len)
{
    char b[32];
    int k = snprintf(b, sizeof b, "%lld", n);
    zl_synth_put(s, b, (size_t)k, raw, raw_len);
    zl_synth_mark(s, raw + raw_len);
}

bool zl_emit_is_type(const zl_lstr *v)
{
    if (v->n == 0 || v->n > 16)
        return false;
    for (size_t i = 0; i < v->n; i++) {
        char c = v->p[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || digit(c)))
            return false;
    }
    return true;
}

uint16_t zl_emit_ttl_type(zl_synth *s, long long ttl, uint32_t ttl_raw, uint32_t ttl_len,
                          const zl_lstr *type)
{
    zl_synth_glue(s, " ");
    zl_emit_number(s, ttl, ttl_raw, ttl_len);
    zl_synth_glue(s, " IN ");
    zl_synth_copy(s, type, 0, type->n);
    zl_synth_mark(s, type->raw[type->n]);
    zl_synth_glue(s, " ");
    return zl_rrtype_lookup(type->p, type->n);
}

static bool one_name(uint16_t type)
{
    return type == LDNS_RR_TYPE_CNAME || type == LDNS_RR_TYPE_NS || type == LDNS_RR_TYPE_PTR ||
           type == LDNS_RR_TYPE_DNAME;
}

void zl_emit_value(zl_synth *s, uint16_t type, unsigned field, const zl_lstr *v,
                   unsigned flags)
{
    if (one_name(type)) {
        zl_emit_name(s, v, flags | ZL_EMIT_ABSOLUTE);
        return;
    }
    if (!zl_type_has_names(type)) {
        zl_emit_rdata(s, v, flags);
        return;
    }
    for (size_t i = 0; i < v->n;) {
        size_t a = i;
        while (i < v->n && blank(v->p[i]))
            i++;
        zl_synth_copy(s, v, a, i);
        if (i == v->n)
            break;
        a = i;
        bool quoted = false;
        for (; i < v->n && (quoted || !blank(v->p[i])); i++) {
            if (v->p[i] == '\\' && i + 1 < v->n)
                i++;
            else if (v->p[i] == '"')
                quoted = !quoted;
        }
        zl_lstr f = zl_lstr_sub(v, a, i);
        if (zl_rdata_field_is_name(type, field++))
            zl_emit_name(s, &f, flags | ZL_EMIT_ABSOLUTE);
        else
            zl_emit_rdata(s, &f, flags);
    }
    zl_synth_mark(s, v->raw[v->n]);
}
