#include "lint/util/base64.h"

#include <stdint.h>

/* The value of every octet: 0-63 for the alphabet, 64 for any other. A
 * table, since key characters are random and range tests on them branch
 * unpredictably. */
static const uint8_t value[256] = {
    64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64,
    64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64,
    64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 62, 64, 64, 64, 63,
    52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 64, 64, 64, 64, 64, 64,
    64,  0,  1,  2,  3,  4,  5,  6,  7,  8,  9, 10, 11, 12, 13, 14,
    15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 64, 64, 64, 64, 64,
    64, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40,
    41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 64, 64, 64, 64, 64,
    64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64,
    64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64,
    64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64,
    64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64,
    64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64,
    64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64,
    64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64,
    64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64,
};

bool zl_base64_decode_to(const char *s, size_t n, unsigned char *out, size_t *len)
{
    const unsigned char *p = (const unsigned char *)s;
    if (n % 4 != 0)
        return false;
    unsigned char *o = out;
    for (size_t i = 0; i < n; i += 4) {
        bool last = i + 4 == n;
        size_t pad = last ? (p[i + 3] == '=') + (p[i + 3] == '=' && p[i + 2] == '=') : 0;
        uint8_t a = value[p[i]], b = value[p[i + 1]];
        uint8_t c = pad == 2 ? 0 : value[p[i + 2]], d = pad ? 0 : value[p[i + 3]];
        if ((a | b | c | d) & 64)
            return false;
        uint32_t v = (uint32_t)a << 18 | (uint32_t)b << 12 | (uint32_t)c << 6 | d;
        if ((pad == 1 && (v & 0xFF)) || (pad == 2 && (v & 0xFFFF)))
            return false; /* bits beyond the last octet */
        *o++ = (unsigned char)(v >> 16);
        *o++ = (unsigned char)(v >> 8);
        *o++ = (unsigned char)v;
        if (last)
            o -= pad;
    }
    *len = (size_t)(o - out);
    return true;
}

bool zl_base64_decode(const char *s, size_t n, zl_buf *out)
{
    ZL_GROW(out->data, out->cap, out->len + n / 4 * 3 + 1);
    size_t len;
    if (!zl_base64_decode_to(s, n, (unsigned char *)out->data + out->len, &len))
        return false;
    out->len += len;
    out->data[out->len] = '\0';
    return true;
}
