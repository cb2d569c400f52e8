#include "parser/master/rdata.h"

#include "parser/master/name_text.h"
#include "parser/master/plain_field.h"

#include <arpa/inet.h>
#include <ldns/ldns.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "lint/util/ipv4.h"
#include "lint/util/util.h"

/* Field types whose text may contain white space: as the last field of a
 * record they take every remaining token (ldns's own reader does the same). */
static bool takes_rest(ldns_rdf_type ft)
{
    switch (ft) {
    case LDNS_RDF_TYPE_B64:
    case LDNS_RDF_TYPE_HEX:
    case LDNS_RDF_TYPE_LOC:
    case LDNS_RDF_TYPE_WKS:
    case LDNS_RDF_TYPE_NSEC:
    case LDNS_RDF_TYPE_IPSECKEY:
    case LDNS_RDF_TYPE_AMTRELAY:
    case LDNS_RDF_TYPE_SVCPARAMS:
        return true;
    default:
        return false;
    }
}

/* Base64 and hex are joined without spaces; lists keep their separators. */
static bool joins_tight(ldns_rdf_type ft)
{
    return ft == LDNS_RDF_TYPE_B64 || ft == LDNS_RDF_TYPE_HEX;
}

static const char *field_desc(ldns_rdf_type ft)
{
    switch (ft) {
    case LDNS_RDF_TYPE_DNAME: return "domain name";
    case LDNS_RDF_TYPE_INT8: return "8-bit number";
    case LDNS_RDF_TYPE_INT16: return "16-bit number";
    case LDNS_RDF_TYPE_INT32: return "32-bit number";
    case LDNS_RDF_TYPE_A: return "IPv4 address";
    case LDNS_RDF_TYPE_AAAA: return "IPv6 address";
    case LDNS_RDF_TYPE_STR: return "character string";
    case LDNS_RDF_TYPE_LONG_STR: return "quoted string";
    case LDNS_RDF_TYPE_APL: return "address prefix list item";
    case LDNS_RDF_TYPE_B32_EXT: return "base32 hash";
    case LDNS_RDF_TYPE_B64: return "base64 data";
    case LDNS_RDF_TYPE_HEX: return "hex data";
    case LDNS_RDF_TYPE_NSEC: return "type bitmap";
    case LDNS_RDF_TYPE_TYPE: return "record type";
    case LDNS_RDF_TYPE_CLASS: return "class";
    case LDNS_RDF_TYPE_CERT_ALG: return "certificate type";
    case LDNS_RDF_TYPE_ALG: return "algorithm";
    case LDNS_RDF_TYPE_TIME: return "timestamp";
    case LDNS_RDF_TYPE_PERIOD: return "time value";
    case LDNS_RDF_TYPE_HIP: return "HIP algorithm, HIT and key";
    case LDNS_RDF_TYPE_LOC: return "location";
    case LDNS_RDF_TYPE_WKS: return "protocol and service list";
    case LDNS_RDF_TYPE_NSAP: return "NSAP address";
    case LDNS_RDF_TYPE_ATMA: return "ATM address";
    case LDNS_RDF_TYPE_IPSECKEY: return "IPSECKEY gateway data";
    case LDNS_RDF_TYPE_NSEC3_SALT: return "NSEC3 salt";
    case LDNS_RDF_TYPE_NSEC3_NEXT_OWNER: return "NSEC3 next hashed owner";
    case LDNS_RDF_TYPE_ILNP64: return "ILNP locator";
    case LDNS_RDF_TYPE_EUI48: return "EUI-48 address";
    case LDNS_RDF_TYPE_EUI64: return "EUI-64 address";
    case LDNS_RDF_TYPE_TAG: return "tag";
    case LDNS_RDF_TYPE_CERTIFICATE_USAGE: return "certificate usage";
    case LDNS_RDF_TYPE_SELECTOR: return "selector";
    case LDNS_RDF_TYPE_MATCHING_TYPE: return "matching type";
    case LDNS_RDF_TYPE_AMTRELAY: return "AMTRELAY data";
    case LDNS_RDF_TYPE_SVCPARAMS: return "service parameters";
    default: return "field";
    }
}

size_t zl_charstr_len(const zl_tok *t)
{
    size_t n, len = 0;
    const char *p = zl_tok_inner(t, &n);
    for (size_t i = 0; i < n; i++, len++) {
        if (p[i] != '\\' || i + 1 >= n)
            continue;
        if (i + 3 < n && p[i + 1] >= '0' && p[i + 1] <= '9' && p[i + 2] >= '0' &&
            p[i + 2] <= '9' && p[i + 3] >= '0' && p[i + 3] <= '9')
            i += 3;
        else
            i += 1;
    }
    return len;
}

static char *describe_failure(ldns_rdf_type ft, const char *text, ldns_status st)
{
    const char *why = st == LDNS_STATUS_OK ? NULL : ldns_get_errorstr_by_id(st);
    if (strlen(text) > 80)
        return zl_xasprintf("bad %s '%.60s...'%s%s", field_desc(ft), text, why ? ": " : "",
                            why ? why : "");
    return zl_xasprintf("bad %s '%s'%s%s", field_desc(ft), text, why ? ": " : "",
                        why ? why : "");
}

static bool hex_digit(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* The rdf for one field's text, or NULL with *st saying why. */
static ldns_rdf *make_rdf(ldns_rdf_type ft, const char *text, ldns_status *st)
{
    ldns_rdf *rdf = NULL;
    size_t n = strlen(text);
    if ((ft == LDNS_RDF_TYPE_B32_EXT || ft == LDNS_RDF_TYPE_NSEC3_NEXT_OWNER) && n % 8 &&
        n < 120) {
        /* NSEC3 hashes are written unpadded (RFC 5155 3.3); ldns wants padding. */
        char padded[128];
        memcpy(padded, text, n);
        while (n % 8)
            padded[n++] = '=';
        padded[n] = '\0';
        return make_rdf(ft, padded, st);
    }
    if (ft == LDNS_RDF_TYPE_HIP) {
        *st = ldns_str2rdf_hip(&rdf, text);
    } else if (ft == LDNS_RDF_TYPE_DNAME) {
        *st = ldns_str2rdf_dname(&rdf, text);
    } else {
        rdf = ldns_rdf_new_frm_str(ft, text);
        *st = rdf ? LDNS_STATUS_OK : LDNS_STATUS_ERR; /* the reason stays inside ldns */
    }
    if (*st != LDNS_STATUS_OK) {
        ldns_rdf_deep_free(rdf);
        rdf = NULL;
    }
    return rdf;
}

/* A and AAAA fields, most of a large zone's rdata, read as ldns reads them
 * (ldns_str2rdf_a and _aaaa are inet_pton; zl_ipv4_parse agrees with it)
 * without an rdf allocated and freed for each. The wire form goes to out
 * (16 octets). False for other field types. */
static bool address_field(ldns_rdf_type ft, const char *text, uint8_t *out, size_t *len,
                          bool *valid)
{
    if (ft != LDNS_RDF_TYPE_A && ft != LDNS_RDF_TYPE_AAAA)
        return false;
    bool v4 = ft == LDNS_RDF_TYPE_A;
    *valid = v4 ? zl_ipv4_parse(text, strlen(text), out) : inet_pton(AF_INET6, text, out) == 1;
    *len = v4 ? 4 : 16;
    return true;
}

/* Forms ldns is lenient about but the RFCs are not. */
static const char *strict_form(ldns_rdf_type ft, const char *text)
{
    if ((ft == LDNS_RDF_TYPE_B32_EXT || ft == LDNS_RDF_TYPE_NSEC3_NEXT_OWNER) &&
        strchr(text, '='))
        return "NSEC3 hashes are written without '=' padding (RFC 5155 section 3.3)";
    if (ft == LDNS_RDF_TYPE_EUI48 || ft == LDNS_RDF_TYPE_EUI64) {
        /* RFC 7043: groups of exactly two hex digits joined by '-'. */
        size_t groups = ft == LDNS_RDF_TYPE_EUI48 ? 6 : 8, n = strlen(text);
        bool ok = n == groups * 3 - 1;
        for (size_t i = 0; ok && i < n; i++)
            ok = (i % 3 == 2) ? text[i] == '-' : hex_digit(text[i]);
        if (!ok)
            return "expected groups of two hex digits joined by '-'";
    }
    return NULL;
}

/* Convert one field's text; NULL when ldns accepts it. */
static char *convert(ldns_rdf_type ft, const char *text)
{
    if (zl_plain_field_valid(ft, text, strlen(text)))
        return NULL;
    /* A number field's text that is no plain number: ldns would wrap it. */
    uint64_t max = ft == LDNS_RDF_TYPE_INT8    ? 0xFF
                   : ft == LDNS_RDF_TYPE_INT16 ? 0xFFFF
                   : ft == LDNS_RDF_TYPE_INT32 ? 0xFFFFFFFFu
                                               : 0;
    if (max)
        return zl_xasprintf("bad %s '%s': not a whole number from 0 to %llu", field_desc(ft),
                            text, (unsigned long long)max);
    if (ft == LDNS_RDF_TYPE_DNAME && strcmp(text, "@") == 0)
        return NULL;
    const char *why = strict_form(ft, text);
    if (why)
        return zl_xasprintf("bad %s '%s': %s", field_desc(ft), text, why);
    uint8_t wire[16];
    size_t len;
    bool valid;
    if (address_field(ft, text, wire, &len, &valid))
        return valid ? NULL : describe_failure(ft, text, LDNS_STATUS_OK);
    ldns_status st;
    ldns_rdf *rdf = make_rdf(ft, text, &st);
    if (rdf) {
        ldns_rdf_deep_free(rdf);
        return NULL;
    }
    return describe_failure(ft, text, st == LDNS_STATUS_ERR ? LDNS_STATUS_OK : st);
}

static void copy_inner(zl_buf *b, const zl_tok *t)
{
    size_t n;
    const char *p = zl_tok_inner(t, &n);
    zl_buf_add(b, p, n);
}

/* RFC 3597: \# <length> <hex>...; the wire data is checked against the type. */
static zl_rdata_result check_generic(uint16_t type, const zl_tok *toks, unsigned n)
{
    zl_rdata_result r = {.generic = true};
    zl_buf b = {0};
    if (n < 2) {
        r.message = zl_xstrdup("\\# needs a length");
        r.tok = 0;
        return r;
    }
    copy_inner(&b, &toks[1]);
    uint32_t length;
    if (!zl_plain_number(b.data, strlen(b.data), 0xFFFF, &length)) {
        r.message = zl_xasprintf("bad \\# length '%s'", b.data);
        r.tok = 1;
        zl_buf_free(&b);
        return r;
    }
    size_t want = length;
    zl_buf_reset(&b);
    for (unsigned i = 2; i < n; i++) {
        for (size_t k = 0; k < toks[i].len; k++) {
            if (!hex_digit(toks[i].p[k])) {
                r.message = zl_xasprintf("bad hex digit '%c' in \\# data", toks[i].p[k]);
                r.tok = i;
                zl_buf_free(&b);
                return r;
            }
        }
        zl_buf_add(&b, toks[i].p, toks[i].len);
    }
    if (b.len != want * 2) {
        r.message = zl_xasprintf("\\# length %zu does not match the %zu octets of hex data",
                                 want, b.len / 2);
        r.tok = 1;
        zl_buf_free(&b);
        return r;
    }
    const ldns_rr_descriptor *d = ldns_rr_descript(type);
    if (d && want > 0 && ldns_rr_descriptor_field_type(d, 0) != LDNS_RDF_TYPE_UNKNOWN) {
        uint8_t *wire = zl_xmalloc(want + 2);
        ldns_write_uint16(wire, (uint16_t)want);
        ldns_hexstring_to_data(wire + 2, b.data);
        ldns_rr *rr = ldns_rr_new();
        ldns_rr_set_type(rr, type);
        size_t pos = 0;
        ldns_status st = ldns_wire2rdf(rr, wire, want + 2, &pos);
        if (st != LDNS_STATUS_OK) {
            r.message = zl_xasprintf("\\# data is not valid rdata for this type: %s",
                                     ldns_get_errorstr_by_id(st));
            r.tok = 2;
        }
        ldns_rr_free(rr);
        free(wire);
    }
    zl_buf_free(&b);
    return r;
}

/* The text of tokens [from, to) as one field: inner texts joined by sep (0:
 * none), a separator only after text. In small when it fits (a record's
 * fields mostly do: no allocation per record), else in big. */
static const char *join_field(const zl_tok *toks, unsigned from, unsigned to, char sep,
                              char *small, size_t cap, zl_buf *big)
{
    size_t need = 1;
    for (unsigned i = from; i < to; i++)
        need += toks[i].len + 1;
    size_t len = 0;
    char *out = small;
    if (need > cap) {
        zl_buf_reset(big);
        out = zl_buf_room(big, need);
    }
    for (unsigned i = from; i < to; i++) {
        size_t n;
        const char *p = zl_tok_inner(&toks[i], &n);
        if (sep && len)
            out[len++] = sep;
        memcpy(out + len, p, n);
        len += n;
    }
    out[len] = '\0';
    return out;
}

/* Walk the fields of a record's rdata as its ldns descriptor lays them out,
 * handing each field's text (tokens joined where a field takes several) to
 * fn. A field of one token goes to plain first, as it stands in the text:
 * when plain takes it, it is neither copied nor handed to fn. Stops at the
 * first field fn rejects, or at a layout error. */
typedef char *(*field_fn)(void *ctx, ldns_rdf_type ft, const char *text, unsigned tok,
                          const zl_tok *t);
typedef bool (*plain_fn)(void *ctx, ldns_rdf_type ft, const char *p, size_t n);

static zl_rdata_result walk_fields(uint16_t type, const zl_tok *toks, unsigned n, plain_fn plain,
                                   field_fn fn, void *ctx)
{
    zl_rdata_result r = {0};
    const ldns_rr_descriptor *d = ldns_rr_descript(type);
    size_t min = d ? ldns_rr_descriptor_minimum(d) : 1;
    size_t max = d ? ldns_rr_descriptor_maximum(d) : 1;
    zl_buf big = {0};
    char small[512];
    unsigned ti = 0;
    size_t fi = 0;
    while (ti < n) {
        if (fi >= max) {
            size_t l;
            const char *p = zl_tok_inner(&toks[ti], &l);
            r.message = zl_xasprintf("unexpected '%.*s' after the last rdata field",
                                     (int)(l > 60 ? 60 : l), p);
            r.tok = ti;
            break;
        }
        ldns_rdf_type ft = ldns_rr_descriptor_field_type(d, fi);
        unsigned start = ti;
        char sep = ' ';
        if ((takes_rest(ft) && fi == max - 1) || ft == LDNS_RDF_TYPE_LOC) {
            ti = n;
            sep = joins_tight(ft) ? 0 : ' ';
        } else if (ft == LDNS_RDF_TYPE_HIP) {
            ti = ti + 3 < n ? ti + 3 : n;
        } else {
            ti++;
        }
        size_t one;
        const char *p = zl_tok_inner(&toks[start], &one);
        if (ti == start + 1 && plain(ctx, ft, p, one)) {
            fi++;
            continue;
        }
        const char *text = join_field(toks, start, ti, sep, small, sizeof small, &big);
        char *msg = fn(ctx, ft, text, start, &toks[start]);
        if (msg) {
            r.message = msg;
            r.tok = start;
            break;
        }
        fi++;
    }
    if (!r.message && fi < min) {
        char tn[32];
        r.message = zl_xasprintf("%s needs %zu rdata field%s, found %zu",
                                 zl_type_name(type, tn, sizeof tn), min, min == 1 ? "" : "s",
                                 fi);
        r.tok = n ? n - 1 : 0;
    }
    zl_buf_free(&big);
    return r;
}

static bool is_generic(const zl_tok *toks, unsigned n)
{
    return n > 0 && !toks[0].quoted && toks[0].len == 2 && memcmp(toks[0].p, "\\#", 2) == 0;
}

/* Types ldns knows by name but whose rdata it cannot read from text. */
static bool needs_generic(uint16_t type)
{
    const ldns_rr_descriptor *d = ldns_rr_descript(type);
    return (!d || ldns_rr_descriptor_field_type(d, 0) == LDNS_RDF_TYPE_UNKNOWN) &&
           type != LDNS_RR_TYPE_A6;
}

static bool check_plain(void *ctx, ldns_rdf_type ft, const char *p, size_t n)
{
    (void)ctx;
    return zl_plain_field_valid(ft, p, n); /* convert's verdict */
}

static char *check_field(void *ctx, ldns_rdf_type ft, const char *text, unsigned tok,
                         const zl_tok *t)
{
    (void)ctx;
    (void)tok;
    if (ft == LDNS_RDF_TYPE_STR) {
        /* Escapes only shorten a string: a short token needs no decoding. */
        if (t->len > 255 && zl_charstr_len(t) > 255)
            return NULL; /* txt-string-too-long reports it */
        /* ldns_str2rdf_str takes any octets but a bad escape and a 256th
         * one: a string of keys, most of a large zone's TXT text, is not
         * copied through it. */
        size_t n;
        const char *inner = zl_tok_inner(t, &n);
        if (n <= 255 && !memchr(inner, '\\', n))
            return NULL;
    }
    return convert(ft, text);
}

/* An A or AAAA record's rdata as one unquoted token, read as walk_fields
 * reads it (address_field), without its buffers and ldns's
 * descriptors: most records of a large zone are addresses. False when the
 * rdata is not that, or the address is bad (walk_fields then says why). */
static bool plain_address(uint16_t type, const zl_tok *toks, unsigned n, uint8_t *wire,
                          size_t *len)
{
    char text[64];
    if ((type != LDNS_RR_TYPE_A && type != LDNS_RR_TYPE_AAAA) || n != 1 || toks[0].quoted ||
        toks[0].len >= sizeof text)
        return false;
    if (type == LDNS_RR_TYPE_A) {
        *len = 4;
        return zl_ipv4_parse(toks[0].p, toks[0].len, wire);
    }
    memcpy(text, toks[0].p, toks[0].len);
    text[toks[0].len] = '\0';
    bool valid;
    address_field(type == LDNS_RR_TYPE_A ? LDNS_RDF_TYPE_A : LDNS_RDF_TYPE_AAAA, text, wire, len,
                  &valid);
    return valid;
}

enum { KNOWN = 1, HAS_NAMES = 2, HAS_STRINGS = 4, ONE_NAME = 8 };

/* What ldns's descriptor says of a type, found the first time the type is
 * asked about: building all 65,536 entries at once cost a millisecond,
 * most of a small file's run. Threads that find an entry at once store the
 * same value; relaxed atomics make that no data race. */
static _Atomic uint8_t type_flags[65536];

static uint8_t find_flags(uint16_t type)
{
    uint8_t f = KNOWN;
    const ldns_rr_descriptor *d = ldns_rr_descript(type);
    if (d) {
        size_t max = ldns_rr_descriptor_maximum(d);
        if (ldns_rr_descriptor_minimum(d) == 1 && max == 1 && d->_variable == LDNS_RDF_TYPE_NONE &&
            ldns_rr_descriptor_field_type(d, 0) == LDNS_RDF_TYPE_DNAME)
            f |= ONE_NAME;
        for (size_t i = 0; i < max && i < 16; i++) {
            ldns_rdf_type ft = ldns_rr_descriptor_field_type(d, i);
            if (ft == LDNS_RDF_TYPE_DNAME)
                f |= HAS_NAMES;
            if (ft == LDNS_RDF_TYPE_STR)
                f |= HAS_STRINGS;
        }
    }
    atomic_store_explicit(&type_flags[type], f, memory_order_relaxed);
    return f;
}

/* The look-up inline, the finding apart: it is asked several times a record. */
static inline uint8_t flags_of(uint16_t type)
{
    uint8_t f = atomic_load_explicit(&type_flags[type], memory_order_relaxed);
    return f ? f : find_flags(type);
}

/* A type whose rdata is one name (NS, CNAME, PTR, DNAME and the like). */
static bool one_name_type(uint16_t type)
{
    return flags_of(type) & ONE_NAME;
}

/* A record's rdata holds at most 65,535 octets (its length is 16 bits);
 * every server refuses a zone with a longer one (BIND 9.18, measured, TXT
 * rdata over 65,510). Checked only for rdata written in
 * more than WIRE_CHECK_FROM octets of text: no field's wire form is more
 * than eight times its text. Names count as written (a relative one
 * without its origin), so the total is a least, and a record reported is
 * too long whatever its origin. */
#define RDATA_MAX 65535u
#define WIRE_CHECK_FROM 8192u

static bool wire_plain(void *ctx, ldns_rdf_type ft, const char *p, size_t n)
{
    zl_buf scratch = {0};
    bool ok = zl_plain_field_wire(ft, p, n, &scratch);
    *(size_t *)ctx += scratch.len;
    zl_buf_free(&scratch);
    return ok;
}

static char *wire_field(void *ctx, ldns_rdf_type ft, const char *text, unsigned tok,
                        const zl_tok *t)
{
    (void)tok;
    size_t *total = ctx;
    if (ft == LDNS_RDF_TYPE_STR) { /* one length octet, then the string */
        size_t len = zl_charstr_len(t);
        *total += 1 + (len > 255 ? 255 : len);
        return NULL;
    }
    ldns_status st;
    ldns_rdf *rdf = make_rdf(ft, text, &st);
    if (rdf) {
        *total += ldns_rdf_size(rdf);
        ldns_rdf_deep_free(rdf);
    }
    return NULL;
}

static zl_rdata_result check_wire_length(uint16_t type, const zl_tok *toks, unsigned n)
{
    size_t text = 0;
    for (unsigned k = 0; k < n; k++)
        text += toks[k].len;
    zl_rdata_result r = {0};
    if (text <= WIRE_CHECK_FROM)
        return r;
    size_t total = 0;
    walk_fields(type, toks, n, wire_plain, wire_field, &total);
    if (total > RDATA_MAX)
        r.message = zl_xasprintf("the rdata takes %zu octets, more than the 65535 a record "
                                 "holds: BIND refuses the zone",
                                 total);
    return r;
}

zl_rdata_result zl_rdata_check(uint16_t type, const zl_tok *toks, unsigned n)
{
    uint8_t wire[16];
    size_t len;
    if (plain_address(type, toks, n, wire, &len))
        return (zl_rdata_result){0};
    if (one_name_type(type) && n == 1 && !toks[0].quoted &&
        zl_plain_field_valid(LDNS_RDF_TYPE_DNAME, toks[0].p, toks[0].len))
        return (zl_rdata_result){0}; /* check_field's verdict, without the walk */
    if (is_generic(toks, n))
        return check_generic(type, toks, n);
    zl_rdata_result r = {0};
    if (needs_generic(type)) {
        char tn[32];
        r.message = zl_xasprintf("%s rdata can only be written in RFC 3597 form: \\# LENGTH HEX",
                                 zl_type_name(type, tn, sizeof tn));
        return r;
    }
    if (type == LDNS_RR_TYPE_A6 || type == LDNS_RR_TYPE_NXT)
        return r; /* presentation forms ldns cannot read; accepted as written */
    r = walk_fields(type, toks, n, check_plain, check_field, NULL);
    return r.message ? r : check_wire_length(type, toks, n);
}

/* The wire form of name id; false for ZL_NAME_NONE. */
static bool add_id_wire(const zl_names *names, zl_name_id id, zl_buf *out)
{
    if (id == ZL_NAME_NONE)
        return false;
    uint8_t wire[256];
    size_t len = zl_names_wire(names, id, wire);
    zl_buf_add(out, wire, len);
    return true;
}

/* The wire form of the name t stands for, from the name table (which holds
 * every rdata name, interned when read); false when it holds none. */
static bool add_name_wire(const zl_names *names, zl_name_id origin, const zl_tok *t, zl_buf *out)
{
    return add_id_wire(names, zl_rdata_name_lookup(names, origin, t, NULL), out);
}

typedef struct canon_ctx {
    const zl_names *names;
    zl_name_id origin;
    zl_buf *out;
} canon_ctx;

static bool canon_plain(void *vctx, ldns_rdf_type ft, const char *p, size_t n)
{
    canon_ctx *c = vctx;
    return zl_plain_field_wire(ft, p, n, c->out); /* canon_field's octets */
}

static char *canon_field(void *vctx, ldns_rdf_type ft, const char *text, unsigned tok,
                         const zl_tok *t)
{
    (void)tok;
    canon_ctx *c = vctx;
    if (ft == LDNS_RDF_TYPE_DNAME)
        return add_name_wire(c->names, c->origin, t, c->out) ? NULL : zl_xstrdup("bad name");
    if (ft == LDNS_RDF_TYPE_STR && t->len > 255 && zl_charstr_len(t) > 255) {
        zl_tok_decode(t, c->out); /* too long for ldns; its octets still identify it */
        return NULL;
    }
    uint8_t wire[16];
    size_t len;
    bool valid;
    if (address_field(ft, text, wire, &len, &valid)) {
        if (!valid)
            return zl_xstrdup("bad field");
        zl_buf_add(c->out, wire, len);
        return NULL;
    }
    if (zl_plain_field_wire(ft, text, strlen(text), c->out))
        return NULL;
    ldns_status st;
    ldns_rdf *rdf = make_rdf(ft, text, &st);
    if (!rdf)
        return zl_xstrdup("bad field");
    zl_buf_add(c->out, ldns_rdf_data(rdf), ldns_rdf_size(rdf));
    ldns_rdf_deep_free(rdf);
    return NULL;
}

bool zl_rdata_canonical(const zl_names *names, zl_name_id origin, uint16_t type,
                        const zl_tok *toks, unsigned n, zl_buf *out)
{
    if (is_generic(toks, n)) {
        for (unsigned i = 2; i < n; i++)
            zl_buf_add(out, toks[i].p, toks[i].len);
        return true;
    }
    if (needs_generic(type) || type == LDNS_RR_TYPE_A6 || type == LDNS_RR_TYPE_NXT) {
        for (unsigned i = 0; i < n; i++)
            zl_buf_add(out, toks[i].p, toks[i].len + 1);
        return true;
    }
    uint8_t wire[16];
    size_t len;
    if (plain_address(type, toks, n, wire, &len)) {
        zl_buf_add(out, wire, len);
        return true;
    }
    if (one_name_type(type) && n == 1 && !toks[0].quoted)
        return add_name_wire(names, origin, &toks[0], out); /* canon_field's, without the walk */
    canon_ctx c = {names, origin, out};
    zl_rdata_result r = walk_fields(type, toks, n, canon_plain, canon_field, &c);
    free(r.message);
    return r.message == NULL;
}

bool zl_record_canonical(const zl_zoneset *zs, const zl_zone *z, const zl_record *r,
                         zl_buf *out)
{
    unsigned n = zl_record_nrdata(r);
    zl_tok small[16], *toks = n <= 16 ? small : zl_xmalloc(n * sizeof *toks);
    for (unsigned i = 0; i < n; i++)
        toks[i] = zl_record_rdata(zs, z, r, i);
    bool ok;
    if (one_name_type(r->type) && n == 1 && !toks[0].quoted && !is_generic(toks, n))
        ok = add_id_wire(&zs->names, zl_record_name(z, r), out); /* the name the reader found */
    else
        ok = zl_rdata_canonical(&zs->names, zl_record_origin(z, r), r->type, toks, n, out);
    if (toks != small)
        free(toks);
    return ok;
}

/* The ldns field type of a field, LDNS_RDF_TYPE_NONE past the last one
 * (ldns asserts on such an index). */
static ldns_rdf_type field_type(uint16_t type, unsigned field)
{
    const ldns_rr_descriptor *d = ldns_rr_descript(type);
    if (!d || (field >= ldns_rr_descriptor_maximum(d) && d->_variable == LDNS_RDF_TYPE_NONE))
        return LDNS_RDF_TYPE_NONE;
    return ldns_rr_descriptor_field_type(d, field);
}

bool zl_type_has_names(uint16_t type)
{
    return flags_of(type) & HAS_NAMES;
}

bool zl_type_has_strings(uint16_t type)
{
    return flags_of(type) & HAS_STRINGS;
}

/* Bit k: field k of the type is a domain name, for its first 31 fields;
 * bit 31: found. Asked of every field of every record by several checks,
 * and found once a type as type_flags are. */
static _Atomic uint32_t name_fields[65536];
#define NAME_FIELDS_FOUND (1u << 31)

static uint32_t find_name_fields(uint16_t type)
{
    uint32_t m = NAME_FIELDS_FOUND;
    for (unsigned k = 0; k < 31; k++)
        if (field_type(type, k) == LDNS_RDF_TYPE_DNAME)
            m |= 1u << k;
    atomic_store_explicit(&name_fields[type], m, memory_order_relaxed);
    return m;
}

bool zl_rdata_field_is_name(uint16_t type, unsigned field)
{
    if (field >= 31)
        return field_type(type, field) == LDNS_RDF_TYPE_DNAME;
    uint32_t m = atomic_load_explicit(&name_fields[type], memory_order_relaxed);
    if (!m)
        m = find_name_fields(type);
    return m >> field & 1u;
}

bool zl_rdata_field_is_string(uint16_t type, unsigned field)
{
    return field_type(type, field) == LDNS_RDF_TYPE_STR;
}

static zl_name_id rdata_name(zl_names *add_to, const zl_names *names, zl_name_id origin,
                             const zl_tok *t, bool *absolute)
{
    size_t len;
    const char *text = zl_tok_inner(t, &len);
    zl_name_read n = zl_name_from_text(add_to, names, origin, text, len);
    if (absolute)
        *absolute = n.absolute;
    return n.id;
}

zl_name_id zl_rdata_name(zl_names *names, zl_name_id origin, const zl_tok *t, bool *absolute)
{
    return rdata_name(names, names, origin, t, absolute);
}

zl_name_id zl_rdata_name_lookup(const zl_names *names, zl_name_id origin, const zl_tok *t,
                                bool *absolute)
{
    return rdata_name(NULL, names, origin, t, absolute);
}

bool zl_parse_ttl(const char *s, size_t len, uint32_t *out, const char **why)
{
    char buf[32];
    if (len == 0 || len >= sizeof buf || s[0] < '0' || s[0] > '9') {
        *why = "not a TTL (seconds, or units s m h d w as in 1h30m)";
        return false;
    }
    memcpy(buf, s, len);
    buf[len] = '\0';
    /* ldns reads the value; this pass only bounds it, as ldns wraps silently.
     * Plain seconds (most TTLs) ldns would read as this pass does. */
    uint64_t total = 0, num = 0;
    bool digits = true;
    for (size_t i = 0; i < len; i++) {
        int c = zl_ascii_lower((unsigned char)buf[i]);
        uint64_t unit = c == 's' ? 1 : c == 'm' ? 60 : c == 'h' ? 3600 : c == 'd' ? 86400
                      : c == 'w' ? 604800 : 0;
        if (c >= '0' && c <= '9')
            num = num * 10 + (uint64_t)(c - '0');
        else if (unit)
            total += num * unit, num = 0, digits = false;
        else {
            digits = false;
            break; /* ldns rejects it below */
        }
        if (num > 0xFFFFFFFFull || total > 0xFFFFFFFFull)
            break;
    }
    total += num;
    const char *end = buf + len;
    uint32_t value = digits ? (uint32_t)total : ldns_str2period(buf, &end);
    if (!end || *end) {
        *why = "not a TTL (seconds, or units s m h d w as in 1h30m)";
        return false;
    }
    if (total > 0x7FFFFFFFull) {
        *why = "TTL larger than 2147483647 (RFC 2181 section 8)";
        return false;
    }
    *out = value;
    return true;
}
