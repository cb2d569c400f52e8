/* Writing export values as master-file text (see synth.h): names, text
 * strings and rdata, escaped so that no value can end a record early, start a
 * comment or a directive, and checked for the mistakes exports carry in
 * names (white space or quotes around them). */
#ifndef ZL_EMIT_H
#define ZL_EMIT_H

#include <stdint.h>

#include "parser/exports/synth.h"

enum {
    ZL_EMIT_ABSOLUTE = 1 << 0, /* the format's names are absolute: end them with a dot */
    ZL_EMIT_OCTAL = 1 << 1,    /* \ooo escapes are octal (Route 53), not decimal */
    ZL_EMIT_ESCAPED = 1 << 2,  /* text: backslash escapes are kept as written */
    ZL_EMIT_CHUNK = 1 << 3,    /* text: split into strings of 255 octets, as the
                                  provider does when it publishes the value */
};

/* A domain name. An empty name, or "@", is the origin. */
void zl_emit_name(zl_synth *s, const zl_lstr *v, unsigned flags);
/* Text as one quoted character-string (or several, with ZL_EMIT_CHUNK). */
void zl_emit_text(zl_synth *s, const zl_lstr *v, unsigned flags);
/* Rdata already in zone-file syntax (Route 53 values, gcloud rrdatas); with
 * ZL_EMIT_CHUNK its quoted strings are split as the provider splits them. */
void zl_emit_rdata(zl_synth *s, const zl_lstr *v, unsigned flags);
/* Rdata of type from a format whose names are absolute without a final dot
 * (Route 53, Cloudflare, Terraform): the name fields get their dot. v holds
 * the fields from number field on (Cloudflare keeps an MX priority apart). */
void zl_emit_value(zl_synth *s, uint16_t type, unsigned field, const zl_lstr *v,
                   unsigned flags);
/* A number standing for the export's bytes [raw, raw + raw_len). */
void zl_emit_number(zl_synth *s, long long n, uint32_t raw, uint32_t raw_len);
/* Whether v can be written as a record type (letters and digits). */
bool zl_emit_is_type(const zl_lstr *v);
/* " TTL IN TYPE " after an owner (type checked with zl_emit_is_type);
 * returns the type's number, 0 when unknown (the master reader reports it). */
uint16_t zl_emit_ttl_type(zl_synth *s, long long ttl, uint32_t ttl_raw, uint32_t ttl_len,
                          const zl_lstr *type);

/* A name from a relative format (octoDNS keys, Azure names): written as is,
 * unless it already ends with the zone, which the provider appends once more:
 * that name is written out in full, name.zone., for duplicated-origin. */
void zl_emit_relative_owner(zl_synth *s, const zl_lstr *v, const char *zone);

#endif
