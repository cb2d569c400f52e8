/* Top-level domains, to tell a name meant to be absolute from a relative one. */
#ifndef ZL_TLD_H
#define ZL_TLD_H

#include <stdbool.h>
#include <stddef.h>

extern const char *const zl_tlds[];
extern const size_t zl_ntlds;

/* True when label (any case) is a delegated top-level domain. */
bool zl_is_tld(const char *label, size_t len);

#endif
