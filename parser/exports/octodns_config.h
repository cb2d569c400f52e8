/* The octoDNS configuration a zone file belongs to (the YAML with providers:
 * and zones: beside the zones or above them: config.yaml, production.yaml,
 * config/production.yaml), as far as zonelint's judgement needs it: whether
 * the zone is lenient, and whether a target provider appends the zone to a
 * name written without its final dot (a zone-file target such as
 * octodns_bind does; API providers such as Route 53 and Cloudflare take every
 * name as absolute). */
#ifndef ZL_OCTODNS_CONFIG_H
#define ZL_OCTODNS_CONFIG_H

#include <stdbool.h>

#include "lint/io/fs.h"

typedef struct zl_octo_config {
    bool found;      /* a configuration names the zone (or has '*') */
    bool lenient;    /* the zone's lenient: true */
    char *appending; /* a target that appends the zone, or NULL */
} zl_octo_config;

/* The configuration of zone (with its final dot), the zone file at path. */
void zl_octo_config_find(const zl_fs *fs, const char *path, const char *zone,
                         zl_octo_config *out);
void zl_octo_config_free(zl_octo_config *c);

#endif
