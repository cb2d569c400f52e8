#include "lint/model/tld.h"

#include <string.h>

#include "lint/util/util.h"

bool zl_is_tld(const char *label, size_t len)
{
    char low[64];
    if (len == 0 || len >= sizeof low)
        return false;
    /* A top-level label is letters, or an A-label ("xn--" and letters,
     * digits and hyphens): a host label such as "web-01" is turned away
     * here, without the search (tests/unit/test_tld.c holds the list to it). */
    bool a_label = len > 4 && zl_has_prefix_ci(label, len, "xn--");
    for (size_t i = 0; i < len; i++) {
        low[i] = (char)zl_ascii_lower((unsigned char)label[i]);
        if ((low[i] < 'a' || low[i] > 'z') && !a_label)
            return false;
    }
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
