/* gdnsd's zone-file dialect (gdnsd.zonefile(5)): the file's name is the
 * zone's name, "@Z" stands for the zone's origin (also at the end of a name:
 * "sub.@Z"), DYNA/DYNC records name a plugin resource instead of data, a
 * TTL may be written TTL/limit, and $ADDR_LIMIT_V4/V6 limit answers. */
#ifndef ZL_GDNSD_H
#define ZL_GDNSD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lint/model/names.h"

/* The zone a gdnsd zone file serves: its base name; ZL_NAME_NONE when that
 * is no valid name. */
zl_name_id zl_gdnsd_zone_of(zl_names *names, const char *path);
/* A name written relative to the zone's origin: "@Z" or "NAME.@Z";
 * *prefix is the length of NAME (0 for "@Z"). */
bool zl_gdnsd_zone_relative(const char *p, size_t n, size_t *prefix);
/* DYNA or DYNC: data a plugin gives at query time. */
bool zl_gdnsd_dynamic_type(const char *p, size_t n);
/* A directive only gdnsd has ($ADDR_LIMIT_V4, $ADDR_LIMIT_V6). */
bool zl_gdnsd_directive(const char *p, size_t n);
/* A TTL written TTL/limit (limit: the TTL of a DYNA/DYNC answer that is
 * down); *ttl is the first. False with *why for anything else. */
bool zl_gdnsd_ttl(const char *p, size_t n, uint32_t *ttl, const char **why);

#endif
