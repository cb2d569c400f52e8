#include "lint/model/publisher.h"

#include <string.h>

static const char *const names[] = {
    [ZL_PUB_AUTO] = "auto",   [ZL_PUB_BIND] = "bind",       [ZL_PUB_NSD] = "nsd",
    [ZL_PUB_KNOT] = "knot",   [ZL_PUB_GDNSD] = "gdnsd",     [ZL_PUB_OCTODNS] = "octodns",
    [ZL_PUB_PROVIDER] = "provider",
};

const char zl_publisher_list[] = "bind, nsd, knot, gdnsd, octodns, provider, auto";

const char *zl_publisher_name(zl_publisher p)
{
    return (unsigned)p < sizeof names / sizeof names[0] ? names[p] : "auto";
}

bool zl_publisher_parse(const char *name, zl_publisher *out)
{
    for (unsigned i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (strcmp(names[i], name) == 0) {
            *out = (zl_publisher)i;
            return true;
        }
    }
    return false;
}

bool zl_publisher_splits_long_txt(zl_publisher p)
{
    return p == ZL_PUB_GDNSD;
}

bool zl_publisher_is_gdnsd(zl_publisher p)
{
    return p == ZL_PUB_GDNSD;
}
