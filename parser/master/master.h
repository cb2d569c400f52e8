/* The BIND master-file reader (RFC 1035 section 5, RFC 2308 $TTL, RFC 3597
 * generic rdata): directives, owner and TTL inheritance, records with the
 * offsets of every token. Problems become diagnostics and reading resumes at
 * the next entry: a file with five broken records gives five diagnostics. */
#ifndef ZL_MASTER_H
#define ZL_MASTER_H

#include <stdbool.h>

#include "lint/io/fs.h"
#include "lint/model/model.h"

typedef struct zl_master_opts {
    const zl_fs *fs;
    zl_name_id origin; /* origin before any $ORIGIN; ZL_NAME_NONE when unknown */
    bool origin_forced; /* origin came from --origin: it is also the apex */
    zl_publisher publisher; /* --publisher or the configuration; AUTO: from the content */
} zl_master_opts;

/* Read path (and its $INCLUDEs) as a new zone of zs. False, with *err, only
 * when path itself cannot be read. */
bool zl_read_master_file(zl_zoneset *zs, const char *path, const zl_master_opts *o,
                         zl_zone **out, char **err);
/* The same for text already in memory; zs takes ownership of text, which
 * must have a NUL after its len bytes. */
zl_zone *zl_read_master_text(zl_zoneset *zs, const char *path, char *text, size_t len,
                             const zl_master_opts *o);
/* The same for a source already in zs: text synthesised from a provider
 * export, whose display text and position map are set before reading so
 * that suppression comments and diagnostics land on the export's lines. */
zl_zone *zl_read_master_source(zl_zoneset *zs, const char *path, uint32_t src,
                               const zl_master_opts *o);

#endif
