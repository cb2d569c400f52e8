#include "parser/master/gdnsd.h"

#include <stdint.h>
#include <string.h>

#include "lint/util/util.h"
#include "parser/master/origin.h"
#include "parser/master/rdata.h"

zl_name_id zl_gdnsd_zone_of(zl_names *names, const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t n = strlen(base);
    return n ? zl_origin_intern(names, base, n) : ZL_NAME_NONE;
}

bool zl_gdnsd_zone_relative(const char *p, size_t n, size_t *prefix)
{
    if (n == 2 && p[0] == '@' && p[1] == 'Z') {
        *prefix = 0;
        return true;
    }
    if (n > 3 && memcmp(p + n - 3, ".@Z", 3) == 0) {
        *prefix = n - 3;
        return true;
    }
    return false;
}

bool zl_gdnsd_dynamic_type(const char *p, size_t n)
{
    return zl_ascii_ieq(p, n, "DYNA") || zl_ascii_ieq(p, n, "DYNC");
}

bool zl_gdnsd_directive(const char *p, size_t n)
{
    return zl_ascii_ieq(p, n, "$ADDR_LIMIT_V4") || zl_ascii_ieq(p, n, "$ADDR_LIMIT_V6");
}

bool zl_gdnsd_ttl(const char *p, size_t n, uint32_t *ttl, const char **why)
{
    const char *slash = memchr(p, '/', n);
    uint32_t limit;
    if (!slash)
        return zl_parse_ttl(p, n, ttl, why);
    size_t k = (size_t)(slash - p);
    return zl_parse_ttl(p, k, ttl, why) && zl_parse_ttl(slash + 1, n - k - 1, &limit, why);
}
