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

static bool plain_number(const char *p, size_t n, uint32_t max, uint32_t *value)
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

static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Hex digits in pairs, not more than an rdf holds: ldns_str2rdf_hex skips
 * white space and takes a lone last digit as a high nibble, which this
 * leaves to it. */
static bool plain_hex(const char *p, size_t n)
{
    if (n == 0 || n % 2 || n > (size_t)LDNS_MAX_RDFLEN * 2)
        return false;
    for (size_t i = 0; i < n; i++)
        if (hex_value(p[i]) < 0)
            return false;
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
        return plain_hex(p, n);
    case LDNS_RDF_TYPE_DNAME:
        return plain_name(p, n);
    case LDNS_RDF_TYPE_NSEC:
        return plain_type_list(p, n);
    default:
        return plain_number(p, n, number_max(ft), &v);
    }
}

bool zl_plain_field_wire(ldns_rdf_type ft, const char *p, size_t n, zl_buf *out)
{
    if (ft == LDNS_RDF_TYPE_HEX) {
        if (!plain_hex(p, n))
            return false;
        uint8_t *w = (uint8_t *)zl_buf_room(out, n / 2);
        for (size_t i = 0; i < n; i += 2)
            w[i / 2] = (uint8_t)(hex_value(p[i]) << 4 | hex_value(p[i + 1]));
        zl_buf_used(out, n / 2);
        return true;
    }
    uint32_t max = number_max(ft), v;
    if (!plain_number(p, n, max, &v))
        return false;
    size_t width = max == 0xFF ? 1 : max == 0xFFFF ? 2 : 4;
    uint8_t *w = (uint8_t *)zl_buf_room(out, width);
    for (size_t i = 0; i < width; i++)
        w[i] = (uint8_t)(v >> (8 * (width - 1 - i)));
    zl_buf_used(out, width);
    return true;
}
