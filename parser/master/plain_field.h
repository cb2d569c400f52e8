/* Rdata fields in a plain form, read without ldns: numbers, hex, names and
 * type lists as large zones write them (a delegation's DS, an NSEC's type
 * list). ldns stays the authority: a plain form is one that ldns's
 * converter (ldns_rdf_new_frm_str, ldns 1.8) certainly accepts and turns
 * into the same octets, and any other text goes to ldns as before. What
 * that saves is ldns's allocations, three mallocs and frees per field.
 * tests/unit/test_plain_field.c holds both to agreement. */
#ifndef ZL_PLAIN_FIELD_H
#define ZL_PLAIN_FIELD_H

#include <ldns/ldns.h>
#include <stdbool.h>
#include <stddef.h>

#include "lint/util/util.h"

/* Whether the n bytes at p are a plain form of a field of type ft: an 8-,
 * 16- or 32-bit number or algorithm number in range, hex digits in pairs, a
 * name without escapes, empty labels or overlong labels, or an NSEC list of
 * type mnemonics. False means only "ask ldns". */
bool zl_plain_field_valid(ldns_rdf_type ft, const char *p, size_t n);

/* Decimal digits only (at least one), of a value up to max (not 0). */
bool zl_plain_number(const char *p, size_t n, uint32_t max, uint32_t *value);

/* The wire form of a plain number or hex field appended to out; false (out
 * untouched) for any other text or field type. */
bool zl_plain_field_wire(ldns_rdf_type ft, const char *p, size_t n, zl_buf *out);

#endif
