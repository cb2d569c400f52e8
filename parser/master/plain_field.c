#include "parser/master/plain_field.h"

#include "parser/master/rrtype.h"

/* Decimal digits only, of a value up to max: ldns reads such text with
 * strtol/strtoul to the end and stores the value in the field's width. An
 * algorithm given as a number is an 8-bit number (ldns_str2rdf_alg reads it
 * as one). */
static uint32_t number_max(ldns_rdf_type ft)
{
    switch (ft) {
    case LDNS_RDF_TYPE_INT8:
    case LDNS_RDF_TYPE_ALG:
        return 0xFF;
    case LDNS_RDF_TYPE_INT16:
        return 0xFFFF;
    case LDNS_RDF_TYPE_INT32:
        return 0xFFFFFFFFu;
    default:
        return 0;
    }
}

bool zl_plain_number(const char *p, size_t n, uint32_t max, uint32_t *value)
{
    if (!max || !n)
        return false;
    uint64_t v = 0;
    for (size_t i = 0; i < n; i++) {
        if (p[i] < '0' || p[i] > '9')
            return false;
        v = v * 10 + (uint64_t)(p[i] - '0');
        if (v > max)
            return false;
    }
    *value = (uint32_t)v;
    return true;
}

/* A hex digit's value plus one, 0 for any other octet: a DS digest is 64
 * digits, and a table look-up per digit is cheaper than three ranges. */
static const uint8_t hex_plus1[256] = {
    ['0'] = 1,  ['1'] = 2,  ['2'] = 3,  ['3'] = 4,  ['4'] = 5,  ['5'] = 6,
    ['6'] = 7,  ['7'] = 8,  ['8'] = 9,  ['9'] = 10, ['a'] = 11, ['b'] = 12,
    ['c'] = 13, ['d'] = 14, ['e'] = 15, ['f'] = 16, ['A'] = 11, ['B'] = 12,
    ['C'] = 13, ['D'] = 14, ['E'] = 15, ['F'] = 16,
};

/* Hex digits in pairs, not more than an rdf holds: ldns_str2rdf_hex skips
 * white space and takes a lone last digit as a high nibble, which this
 * leaves to it. */
static bool hex_length(size_t n)
{
    return n > 0 && n % 2 == 0 && n <= (size_t)LDNS_MAX_RDFLEN * 2;
}

/* out, when given, takes the octets as they are read. */
static bool plain_hex(const char *p, size_t n, uint8_t *out)
{
    if (!hex_length(n))
        return false;
    for (size_t i = 0; i < n; i += 2) {
        unsigned hi = hex_plus1[(unsigned char)p[i]], lo = hex_plus1[(unsigned char)p[i + 1]];
        if (!hi || !lo)
            return false;
        if (out)
            out[i / 2] = (uint8_t)((hi - 1) << 4 | (lo - 1));
    }
    return true;
}

/* Labels of 1 to 63 octets, none an escape, NUL or dot, with or without the
 * final dot, short enough for ldns_str2rdf_dname's 255-octet buffer with
 * the root label added; or the root itself. */
static bool plain_name(const char *p, size_t n)
{
    if (n == 1 && p[0] == '.')
        return true;
    if (n == 0 || n > 253)
        return false;
    size_t label = 0;
    for (size_t i = 0; i < n; i++) {
        if (p[i] == '\\' || p[i] == '\0')
            return false;
        if (p[i] != '.') {
            if (++label > LDNS_MAX_LABELLEN)
                return false;
        } else if (label == 0) {
            return false;
        } else {
            label = 0;
        }
    }
    return true;
}

/* Type mnemonics zonelint knows, one space apart: ldns_str2rdf_nsec takes
 * each word for a type (an unknown word for type 0) and builds the bitmap,
 * so a list of known ones is certainly accepted. */
static bool plain_type_list(const char *p, size_t n)
{
    size_t start = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i < n && p[i] != ' ')
            continue;
        if (i == start || !zl_rrtype_lookup(p + start, i - start))
            return false;
        start = i + 1;
    }
    return true;
}

bool zl_plain_field_valid(ldns_rdf_type ft, const char *p, size_t n)
{
    uint32_t v;
    switch (ft) {
    case LDNS_RDF_TYPE_HEX:
        return plain_hex(p, n, NULL);
    case LDNS_RDF_TYPE_DNAME:
        return plain_name(p, n);
    case LDNS_RDF_TYPE_NSEC:
        return plain_type_list(p, n);
    default:
        return zl_plain_number(p, n, number_max(ft), &v);
    }
}

bool zl_plain_field_wire(ldns_rdf_type ft, const char *p, size_t n, zl_buf *out)
{
    if (ft == LDNS_RDF_TYPE_HEX) {
        /* Written past the end, and counted only when all of it is hex. */
        if (!hex_length(n) || !plain_hex(p, n, (uint8_t *)zl_buf_room(out, n / 2)))
            return false;
        zl_buf_used(out, n / 2);
        return true;
    }
    uint32_t max = number_max(ft), v;
    if (!zl_plain_number(p, n, max, &v))
        return false;
    size_t width = max == 0xFF ? 1 : max == 0xFFFF ? 2 : 4;
    uint8_t *w = (uint8_t *)zl_buf_room(out, width);
    for (size_t i = 0; i < width; i++)
        w[i] = (uint8_t)(v >> (8 * (width - 1 - i)));
    zl_buf_used(out, width);
    return true;
}
