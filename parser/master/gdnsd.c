#include "parser/master/gdnsd.h"

#include <string.h>

#include "lint/util/util.h"
#include "parser/master/origin.h"
#include "parser/master/rdata.h"

static bool blank(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '(' || c == ')';
}

/* word, or word with its last byte replaced by alt, as a whole
 * white-space-bounded token somewhere in text; before is the one other
 * byte allowed to precede it. This scan covers the whole file before a
 * record is read, so it must cost a fraction of reading it: it runs on
 * memchr for the word's byte at skip, chosen to be rare in zone files (a
 * 'D' is common in base64 keys, "YN" much less), once for both forms. */
static bool has_token(const char *text, size_t len, const char *word, char alt, size_t skip,
                      char before)
{
    size_t k = strlen(word);
    char stem[16];
    if (len < k || k - skip - 1 >= sizeof stem)
        return false;
    memcpy(stem, word + skip, k - skip - 1);
    stem[k - skip - 1] = '\0';
    for (const char *p = text + skip, *end = text + len;
         (p = zl_find(p, (size_t)(end - p), stem)); p++) {
        size_t i = (size_t)(p - text) - skip;
        if (i + k > len)
            break;
        char last = text[i + k - 1];
        if ((last == word[k - 1] || last == alt) && memcmp(text + i, word, skip) == 0 &&
            (i == 0 || blank(text[i - 1]) || text[i - 1] == before) &&
            (i + k == len || blank(text[i + k])))
            return true;
    }
    return false;
}

bool zl_gdnsd_like(const char *text, size_t len)
{
    return has_token(text, len, "DYNA", 'C', 1, ' ') ||
           has_token(text, len, "$ADDR_LIMIT_V4", '6', 5, ' ') ||
           has_token(text, len, "@Z", 'Z', 0, '.');
}

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
