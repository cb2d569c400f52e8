/* Record type and class mnemonics, looked up in a table built once from
 * ldns's own descriptors: ldns_get_rr_type_by_name scans its whole list on
 * every call, far too slow for a million records. */
#ifndef ZL_RRTYPE_H
#define ZL_RRTYPE_H

#include <stddef.h>
#include <stdint.h>

/* The type named by text ("A", "txt", "TYPE65280"); 0 when unknown. */
uint16_t zl_rrtype_lookup(const char *text, size_t len);
/* The class named by text ("IN", "CH", "CLASS3"); 0 when not a class. */
uint16_t zl_rrclass_lookup(const char *text, size_t len);

#endif
