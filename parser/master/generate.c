#include "parser/master/generate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lint/util/util.h"

static bool parse_uint(const char **p, const char *end, uint64_t *v)
{
    const char *s = *p;
    uint64_t x = 0;
    while (s < end && *s >= '0' && *s <= '9') {
        x = x * 10 + (uint64_t)(*s - '0');
        if (x > 0x7FFFFFFF)
            return false;
        s++;
    }
    if (s == *p)
        return false;
    *p = s;
    *v = x;
    return true;
}

static bool parse_range(const char *p, size_t n, uint64_t *start, uint64_t *stop, uint64_t *step)
{
    const char *end = p + n;
    *step = 1;
    if (!parse_uint(&p, end, start) || p == end || *p++ != '-' || !parse_uint(&p, end, stop))
        return false;
    if (p < end && *p == '/') {
        p++;
        if (!parse_uint(&p, end, step) || *step == 0)
            return false;
    }
    return p == end && *stop >= *start;
}

/* Nibble format for reverse zones: 0x12 width 3 -> "2.1.0". */
static void nibbles(zl_buf *out, uint64_t v, unsigned width, bool upper)
{
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    unsigned count = 0;
    do {
        if (count)
            zl_buf_addc(out, '.');
        zl_buf_addc(out, digits[v & 0xF]);
        v >>= 4;
        count++;
    } while (v || count < width);
}

/* Expand one template for counter value i; false with *why on a bad modifier. */
static bool substitute(zl_buf *out, const char *p, size_t n, int64_t i, const char **why)
{
    const char *end = p + n;
    while (p < end) {
        if (*p == '\\' && p + 1 < end && p[1] == '$') {
            zl_buf_addc(out, '$');
            p += 2;
            continue;
        }
        if (*p != '$') {
            zl_buf_addc(out, *p++);
            continue;
        }
        p++;
        if (p < end && *p == '$') {
            zl_buf_addc(out, '$');
            p++;
            continue;
        }
        long offset = 0;
        unsigned long width = 0;
        char base = 'd';
        if (p < end && *p == '{') {
            const char *close = memchr(p, '}', (size_t)(end - p));
            if (!close) {
                *why = "'${' without '}'";
                return false;
            }
            char spec[64];
            size_t sl = (size_t)(close - p - 1);
            if (sl >= sizeof spec) {
                *why = "modifier too long";
                return false;
            }
            memcpy(spec, p + 1, sl);
            spec[sl] = '\0';
            char b = 'd';
            int used = 0;
            int got = sscanf(spec, "%ld%n,%lu%n,%c%n", &offset, &used, &width, &used, &b, &used);
            if (got < 1 || (size_t)used != sl || width > 255 || !strchr("doxXnN", b) ||
                offset > 0x7FFFFFFF || offset < -0x7FFFFFFF ||
                (offset > 0 && i > 0x7FFFFFFF - offset)) {
                *why = "bad ${offset,width,base} modifier";
                return false;
            }
            base = b;
            p = close + 1;
        }
        /* BIND formats the sum as an unsigned 32-bit number. */
        uint64_t v = (uint32_t)(i + offset);
        if (base == 'n' || base == 'N') {
            nibbles(out, (uint64_t)v, (unsigned)width, base == 'N');
            continue;
        }
        char fmt[8] = {'%', '0', '*', 'l', 'l', base == 'd' ? 'u' : base, 0};
        zl_buf_printf(out, fmt, (int)width, (unsigned long long)v);
    }
    return true;
}

zl_generate_result zl_generate_expand(const char *text, const zl_lex_tok *toks, size_t n)
{
    zl_generate_result r = {0};
    if (n < 5) {
        r.error = zl_xstrdup("$GENERATE needs a range, an owner, a type and rdata");
        r.error_off = toks[0].off;
        r.error_len = toks[0].len;
        return r;
    }
    uint64_t start, stop, step;
    if (!parse_range(text + toks[1].off, toks[1].len, &start, &stop, &step)) {
        r.error = zl_xstrdup("bad $GENERATE range: expected START-STOP or START-STOP/STEP");
        r.error_off = toks[1].off;
        r.error_len = toks[1].len;
        return r;
    }
    if ((stop - start) / step + 1 > ZL_GENERATE_MAX) {
        r.error = zl_xasprintf("$GENERATE range of more than %u steps", ZL_GENERATE_MAX);
        r.error_off = toks[1].off;
        r.error_len = toks[1].len;
        return r;
    }
    zl_buf out = {0};
    for (uint64_t i = start; i <= stop; i += step) {
        for (size_t k = 2; k < n; k++) {
            const char *why = NULL;
            if (k > 2)
                zl_buf_addc(&out, ' ');
            if (!substitute(&out, text + toks[k].off, toks[k].len, (int64_t)i, &why)) {
                zl_buf_free(&out);
                r.error = zl_xasprintf("bad $GENERATE template: %s", why);
                r.error_off = toks[k].off;
                r.error_len = toks[k].len;
                return r;
            }
        }
        zl_buf_addc(&out, '\n');
    }
    r.len = out.len;
    r.text = zl_buf_take(&out);
    return r;
}
