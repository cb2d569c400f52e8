/* Base64 (RFC 4648 section 4) decoding by table. ldns_b64_pton looks each
 * character up with strchr over the alphabet; on a zone of DKIM keys that
 * search was most of the run. */
#ifndef ZL_BASE64_H
#define ZL_BASE64_H

#include <stdbool.h>
#include <stddef.h>

#include "lint/util/util.h"

/* Decode n characters (no white space) onto out. False, with out's content
 * unspecified, unless n is a multiple of 4, every character is of the
 * alphabet, '=' pads only the last group, and the bits the padding leaves
 * over are zero (as b64_pton requires). */
bool zl_base64_decode(const char *s, size_t n, zl_buf *out);
/* The same into out, which has room for n / 4 * 3 octets; *len receives
 * how many it holds. */
bool zl_base64_decode_to(const char *s, size_t n, unsigned char *out, size_t *len);
/* The same, deciding on all n characters but writing only the first room
 * octets: *len receives how many the whole holds. Cheaper when only the
 * head is read (the size of an RSA key, in its DER header). */
bool zl_base64_decode_head(const char *s, size_t n, unsigned char *out, size_t room,
                           size_t *len);

#endif
