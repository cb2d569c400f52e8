/* Dotted-quad IPv4 text, read as inet_pton(AF_INET) reads it. Most records
 * of a large zone are addresses, and inet_pton wants a NUL-terminated copy,
 * measures it, and then reads it: three passes where one does. */
#ifndef ZL_IPV4_H
#define ZL_IPV4_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* True, with the address in out, when the n characters are four decimal
 * octets of at most 255 parted by dots, none with a leading zero; false
 * (out unspecified) for anything else, as inet_pton. */
bool zl_ipv4_parse(const char *p, size_t n, uint8_t out[4]);

#endif
