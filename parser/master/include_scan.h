/* The files a master file $INCLUDEs, found without reading its records: git
 * modes use it to tell which zone files a changed include file belongs to. */
#ifndef ZL_INCLUDE_SCAN_H
#define ZL_INCLUDE_SCAN_H

#include <stdbool.h>
#include <stddef.h>

/* Call fn with each $INCLUDE target of text (the file path), resolved
 * against path's directory and normalized, as the reader resolves it. Stops
 * early when fn returns true; returns whether it did. */
bool zl_include_scan(const char *path, const char *text, size_t len,
                     bool (*fn)(void *ctx, const char *file), void *ctx);

#endif
