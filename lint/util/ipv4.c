#include "lint/util/ipv4.h"

static bool is_digit(char c)
{
    return (unsigned)(c - '0') < 10u;
}

/* One octet at p: "0", or one to three digits without a leading zero and
 * at most 255. The character after it, if any, is the caller's to judge, so
 * "01" stops after the zero and fails there, as in inet_pton4. */
static const char *octet(const char *p, const char *end, uint8_t *out)
{
    if (p == end || !is_digit(*p))
        return NULL;
    unsigned v = (unsigned)(*p++ - '0');
    if (v != 0 && p < end && is_digit(*p)) {
        v = v * 10 + (unsigned)(*p++ - '0');
        if (p < end && is_digit(*p)) {
            v = v * 10 + (unsigned)(*p++ - '0');
            if (v > 255)
                return NULL;
        }
    }
    *out = (uint8_t)v;
    return p;
}

bool zl_ipv4_parse(const char *p, size_t n, uint8_t out[4])
{
    const char *end = p + n;
    for (int i = 0; i < 4; i++) {
        if (i > 0 && (p == end || *p++ != '.'))
            return false;
        if (!(p = octet(p, end, &out[i])))
            return false;
    }
    return p == end;
}
