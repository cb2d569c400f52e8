#include "parser/master/generate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lint/io/fs.h"
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

static zl_generate_result refuse(const zl_lex_tok *range, char *why)
{
    return (zl_generate_result){
        .error = why, .refused = true, .error_off = range->off, .error_len = range->len};
}

zl_generate_result zl_generate_expand(const char *text, const zl_lex_tok *toks, size_t n,
                                      size_t max_len, uint64_t max_steps)
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
    uint64_t steps = (stop - start) / step + 1;
    if (steps > ZL_GENERATE_MAX) {
        r.error = zl_xasprintf("$GENERATE range of more than %u steps", ZL_GENERATE_MAX);
        r.error_off = toks[1].off;
        r.error_len = toks[1].len;
        return r;
    }
    if (steps > max_steps)
        return refuse(&toks[1], zl_xasprintf("$GENERATE of %llu records: the zone would hold "
                                             "more than %u records, zonelint's limit",
                                             (unsigned long long)steps, ZL_MAX_ZONE_RECORDS));
    zl_buf out = {0};
    r.starts = zl_xmalloc((size_t)steps * (n - 2) * sizeof *r.starts);
    for (uint64_t i = start; i <= stop; i += step) {
        if (out.len > max_len) {
            zl_buf_free(&out);
            free(r.starts);
            return refuse(&toks[1], zl_xasprintf("$GENERATE expands to more than the zone's "
                                                 "limit of %zu MiB of text",
                                                 ZL_MAX_ZONE_BYTES >> 20));
        }
        for (size_t k = 2; k < n; k++) {
            const char *why = NULL;
            if (k > 2)
                zl_buf_addc(&out, ' ');
            r.starts[r.nstarts++] = (uint32_t)out.len;
            if (!substitute(&out, text + toks[k].off, toks[k].len, (int64_t)i, &why)) {
                zl_buf_free(&out);
                free(r.starts);
                r.starts = NULL;
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

void zl_generate_free(zl_generate_result *g)
{
    free(g->text);
    free(g->starts);
    free(g->error);
    memset(g, 0, sizeof *g);
}
