/* Rdata validation with ldns: each field of a record's rdata, as its type's
 * ldns descriptor defines it, goes through ldns's own converter, so zonelint
 * accepts exactly what ldns accepts, plus range checks ldns leaves out
 * (an 8-, 16- or 32-bit field given a larger number is an error here).
 *
 * A character-string longer than 255 octets is not an error of this layer:
 * the txt-string-too-long rule reports it with a fix. */
#ifndef ZL_RDATA_H
#define ZL_RDATA_H

#include <stdbool.h>
#include <stdint.h>

#include "lint/model/model.h"

typedef struct zl_rdata_result {
    char *message;   /* NULL when the rdata is valid; else what is wrong */
    unsigned tok;    /* index of the rdata token at fault */
    bool generic;    /* the rdata was written in RFC 3597 \# form */
} zl_rdata_result;

/* Check n rdata tokens of a record of the given type. */
zl_rdata_result zl_rdata_check(uint16_t type, const zl_tok *toks, unsigned n);

/* The rdata in canonical wire form (names expanded and lower-cased), for
 * comparing records: 1.2.3.4 and 001.2.3.4, www and www.example.com. are the
 * same. False when the rdata does not convert. */
bool zl_rdata_canonical(const zl_names *names, zl_name_id origin, uint16_t type,
                        const zl_tok *toks, unsigned n, zl_buf *out);

/* zl_rdata_canonical of a stored record, appended to out; a record whose
 * rdata is one name takes the name its reader interned, without a lookup. */
bool zl_record_canonical(const zl_zoneset *zs, const zl_zone *z, const zl_record *r,
                         zl_buf *out);

/* Number of octets a character-string token stands for (escapes decoded). */
size_t zl_charstr_len(const zl_tok *t);

/* Field kinds rules care about. */
bool zl_rdata_field_is_name(uint16_t type, unsigned field);
/* Whether any rdata field of the type is a domain name / a character-string:
 * cheap filters for rules that look only at those. */
bool zl_type_has_names(uint16_t type);
bool zl_type_has_strings(uint16_t type);
/* True when field holds a character-string (TXT, HINFO, NAPTR ...). */
bool zl_rdata_field_is_string(uint16_t type, unsigned field);

/* The name in rdata token t (of a record whose origin is origin), interned
 * in names. ZL_NAME_NONE when t is not a valid name. *absolute tells whether
 * the text ended with a dot (or was "@", which counts as written out). */
zl_name_id zl_rdata_name(zl_names *names, zl_name_id origin, const zl_tok *t, bool *absolute);
/* The same without adding to the table: rules run on several threads and
 * only look up (the reader interned every rdata name). */
zl_name_id zl_rdata_name_lookup(const zl_names *names, zl_name_id origin, const zl_tok *t,
                                bool *absolute);

/* Parse a TTL (decimal seconds or BIND units like 1h30m). */
bool zl_parse_ttl(const char *s, size_t len, uint32_t *out, const char **why);

#endif
