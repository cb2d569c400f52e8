#include "lint/util/base64.h"

#include <stdint.h>
#include <string.h>

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

/* The 24 bits of the group of four characters at p; their values are
 * gathered into *bad (64 marks a character outside the alphabet). */
static inline uint32_t group(const unsigned char *p, uint8_t *bad)
{
    uint8_t a = value[p[0]], b = value[p[1]], c = value[p[2]], d = value[p[3]];
    *bad |= a | b | c | d;
    return (uint32_t)a << 18 | (uint32_t)b << 12 | (uint32_t)c << 6 | d;
}

/* Whether the n octets at p (a multiple of 16) hold one outside the
 * alphabet. Tested by arithmetic on 16 octets side by side, which compilers
 * make a few vector instructions of, where the table is read an octet at a
 * time: most of a DKIM key is only tested (its head is decoded). */
static bool outside_alphabet(const unsigned char *p, size_t n)
{
    unsigned char bad[16] = {0};
    for (size_t i = 0; i < n; i += 16)
        for (size_t k = 0; k < 16; k++) {
            unsigned char c = p[i + k], folded = c | 0x20;
            bad[k] |= !(((unsigned char)(folded - 'a') < 26) | ((unsigned char)(c - '0') < 10) |
                        ((c | 4) == '/')); /* '+' or '/' */
        }
    uint64_t w[2];
    memcpy(w, bad, sizeof w);
    return (w[0] | w[1]) != 0;
}

/* Groups before the last need no padding test, and their bad characters
 * are gathered into one test at the end (the output is then void anyway).
 * Past room, groups are only tested. */
bool zl_base64_decode_head(const char *s, size_t n, unsigned char *out, size_t room,
                           size_t *len)
{
    const unsigned char *p = (const unsigned char *)s;
    if (n % 4 != 0)
        return false;
    if (n == 0) {
        *len = 0;
        return true;
    }
    uint8_t bad = 0;
    size_t i = 0, o = 0;
    for (; i + 4 < n && o + 3 <= room; i += 4, o += 3) {
        uint32_t v = group(p + i, &bad);
        out[o] = (unsigned char)(v >> 16);
        out[o + 1] = (unsigned char)(v >> 8);
        out[o + 2] = (unsigned char)v;
    }
    if (i + 4 < n && o < room) { /* a group of which room holds a part */
        uint32_t v = group(p + i, &bad);
        out[o] = (unsigned char)(v >> 16);
        if (o + 1 < room)
            out[o + 1] = (unsigned char)(v >> 8);
        i += 4;
        o += 3;
    }
    size_t tested = i;
    size_t blocks = i + 4 < n ? (n - 4 - i) / 16 * 16 : 0; /* the last group is not in them */
    if (outside_alphabet(p + i, blocks))
        return false;
    i += blocks;
    for (; i + 4 < n; i += 4)
        bad |= value[p[i]] | value[p[i + 1]] | value[p[i + 2]] | value[p[i + 3]];
    o += (i - tested) / 4 * 3;
    size_t pad = (p[i + 3] == '=') + (p[i + 3] == '=' && p[i + 2] == '=');
    uint8_t a = value[p[i]], b = value[p[i + 1]];
    uint8_t c = pad == 2 ? 0 : value[p[i + 2]], d = pad ? 0 : value[p[i + 3]];
    if ((bad | a | b | c | d) & 64)
        return false;
    uint32_t v = (uint32_t)a << 18 | (uint32_t)b << 12 | (uint32_t)c << 6 | d;
    if ((pad == 1 && (v & 0xFF)) || (pad == 2 && (v & 0xFFFF)))
        return false; /* bits beyond the last octet */
    const unsigned char last[3] = {(unsigned char)(v >> 16), (unsigned char)(v >> 8),
                                   (unsigned char)v};
    for (size_t k = 0; k < 3 - pad && o + k < room; k++)
        out[o + k] = last[k];
    *len = o + 3 - pad;
    return true;
}

bool zl_base64_decode_to(const char *s, size_t n, unsigned char *out, size_t *len)
{
    return zl_base64_decode_head(s, n, out, n / 4 * 3, len);
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
