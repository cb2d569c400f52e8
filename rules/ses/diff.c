#include "rules/ses/diff.h"

#include <string.h>

static bool same_char(char a, char b, bool exact_case)
{
    return exact_case ? a == b : zl_ascii_lower(a) == zl_ascii_lower(b);
}

static bool equal(const char *a, size_t an, const char *b, size_t bn, bool exact_case)
{
    if (an != bn)
        return false;
    for (size_t i = 0; i < an; i++)
        if (!same_char(a[i], b[i], exact_case))
            return false;
    return true;
}

static bool blank(char c)
{
    return c == ' ' || c == '\t';
}

/* Where position p of want is, for a message. */
static void where(zl_buf *out, const char *want, size_t wn, size_t p)
{
    if (p == 0)
        zl_buf_adds(out, "at the start");
    else if (p >= wn)
        zl_buf_adds(out, "at the end");
    else
        zl_buf_printf(out, "after \"%.*s\"", (int)(p < 8 ? p : 8), want + (p < 8 ? 0 : p - 8));
}

/* The differing middle: found[p, p+a) where want has want[p, p+b). */
static bool describe_middle(const char *found, const char *want, size_t wn, size_t p, size_t a,
                            size_t b, zl_buf *out)
{
    if (a == 0 && b == 1) {
        zl_buf_printf(out, "one character short: '%c' is missing ", want[p]);
        where(out, want, wn, p + 1 == wn ? wn : p);
    } else if (a == 1 && b == 0) {
        zl_buf_printf(out, "one character too many: an extra '%c' ", found[p]);
        where(out, want, wn, p);
    } else if (a == 1 && b == 1) {
        zl_buf_printf(out, "one character differs: '%c' instead of '%c', ", found[p], want[p]);
        where(out, want, wn, p);
    } else if (a == 2 && b == 2 && found[p] == want[p + 1] && found[p + 1] == want[p]) {
        zl_buf_printf(out, "two characters swapped: \"%.2s\" instead of \"%.2s\"", found + p,
                      want + p);
    } else if (a == 0 && p + b == wn && 2 * p >= wn) {
        zl_buf_printf(out, "truncated: %zu of %zu characters, \"%.*s\" is missing at the end", p,
                      wn, (int)b, want + p);
    } else if (a == 0 && b <= 3) {
        zl_buf_printf(out, "%zu characters are missing ", b);
        where(out, want, wn, p);
        zl_buf_printf(out, ": \"%.*s\"", (int)b, want + p);
    } else if (b == 0 && (a <= 3 || p == wn || p == 0)) {
        zl_buf_printf(out, "%zu characters too many ", a);
        where(out, want, wn, p);
        zl_buf_printf(out, ": \"%.*s\"", (int)a, found + p);
    } else if (a <= 3 && b <= 3) {
        zl_buf_printf(out, "\"%.*s\" instead of \"%.*s\", ", (int)a, found + p, (int)b,
                      want + p);
        where(out, want, wn, p);
    } else {
        return false;
    }
    return true;
}

bool zl_ses_diff(const char *found, size_t fn, const char *want, size_t wn, bool exact_case,
                 zl_buf *out)
{
    if (equal(found, fn, want, wn, exact_case) || wn == 0)
        return false;
    if (exact_case && equal(found, fn, want, wn, false)) {
        zl_buf_adds(out, "it differs in letter case only, and SES compares exactly (a DNS "
                         "provider may have lower-cased it)");
        return true;
    }
    size_t lead = 0, trail = 0;
    while (lead < fn && blank(found[lead]))
        lead++;
    while (trail < fn - lead && blank(found[fn - 1 - trail]))
        trail++;
    if ((lead || trail) && equal(found + lead, fn - lead - trail, want, wn, exact_case)) {
        zl_buf_printf(out, "%s%s%s", lead ? "an extra leading space" : "",
                      lead && trail ? " and " : "", trail ? "an extra trailing space" : "");
        return true;
    }
    if (want[wn - 1] == '=' && equal(found, fn, want, wn - 1, exact_case)) {
        zl_buf_adds(out, "the final '=' was dropped");
        return true;
    }
    for (size_t i = 1; fn > wn && i + wn < fn; i++)
        if (equal(found + i, wn, want, wn, exact_case)) {
            zl_buf_printf(out, "extra characters around it: \"%.*s\" before and \"%.*s\" after",
                          (int)i, found, (int)(fn - i - wn), found + i + wn);
            return true;
        }
    size_t p = 0, s = 0;
    while (p < fn && p < wn && same_char(found[p], want[p], exact_case))
        p++;
    while (s < fn - p && s < wn - p && same_char(found[fn - 1 - s], want[wn - 1 - s], exact_case))
        s++;
    return describe_middle(found, want, wn, p, fn - p - s, wn - p - s, out);
}
