#include "lint/model/tld.h"

#include <string.h>

#include "lint/util/util.h"

bool zl_is_tld(const char *label, size_t len)
{
    char low[64];
    if (len == 0 || len >= sizeof low)
        return false;
    for (size_t i = 0; i < len; i++)
        low[i] = (char)zl_ascii_lower((unsigned char)label[i]);
    low[len] = '\0';
    size_t lo = 0, hi = zl_ntlds;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(zl_tlds[mid], low);
        if (c == 0)
            return true;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return false;
}
