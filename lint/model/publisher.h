/* Who publishes a zone, and so how its text is meant: a BIND, NSD or Knot
 * master file, a gdnsd zone file (its own dialect), an octoDNS zone (its
 * YAML, pushed by octoDNS to its targets) or a provider's export. Readers
 * choose the profile from the content, the configuration or --publisher;
 * rules ask it instead of assuming BIND. */
#ifndef ZL_PUBLISHER_H
#define ZL_PUBLISHER_H

#include <stdbool.h>

typedef enum zl_publisher {
    ZL_PUB_AUTO = 0, /* not chosen: recognise it from the content */
    ZL_PUB_BIND,     /* RFC 1035 master file as BIND, NSD and Knot read it */
    ZL_PUB_NSD,
    ZL_PUB_KNOT,
    ZL_PUB_GDNSD,    /* gdnsd: @Z, DYNA/DYNC, $ADDR_LIMIT_*, TTL/limit */
    ZL_PUB_OCTODNS,  /* an octoDNS YamlProvider zone */
    ZL_PUB_PROVIDER, /* a provider's export (Route 53, Cloudflare, ...) */
} zl_publisher;

/* "bind", "nsd", ... ("auto" for ZL_PUB_AUTO). */
const char *zl_publisher_name(zl_publisher p);
/* The profile of that name; false when there is none. */
bool zl_publisher_parse(const char *name, zl_publisher *out);
/* The names --publisher accepts, for messages. */
extern const char zl_publisher_list[];

/* The server splits a character-string longer than 255 octets into several
 * itself (gdnsd does), so a long string is published as intended. */
bool zl_publisher_splits_long_txt(zl_publisher p);
/* The master file is in gdnsd's dialect. */
bool zl_publisher_is_gdnsd(zl_publisher p);

#endif
