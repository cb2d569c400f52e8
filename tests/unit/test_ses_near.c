/* The near-miss index finds every near miss zl_ses_diff would: compared
 * with asking zl_ses_diff of every pair, on tokens with every kind of slip
 * of copy and paste, of several lengths, short ones included. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/ses/diff.h"
#include "rules/ses/near.h"

#define NSTRINGS 400

static unsigned long state_ = 12345;
static unsigned next(void)
{
    state_ = state_ * 6364136223846793005UL + 1442695040888963407UL;
    return (unsigned)(state_ >> 33);
}

static void random_token(char *out, size_t n)
{
    static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz234567";
    for (size_t i = 0; i < n; i++)
        out[i] = alphabet[next() % 32];
    out[n] = '\0';
}

/* A slip of copy and paste of base, of the kind k. */
static void slip(const char *base, unsigned k, char *out)
{
    size_t n = strlen(base), at = next() % n;
    switch (k % 9) {
    case 0: /* a character lost */
        memcpy(out, base, at);
        strcpy(out + at, base + at + 1);
        break;
    case 1: /* a character added */
        memcpy(out, base, at);
        out[at] = 'q';
        strcpy(out + at + 1, base + at);
        break;
    case 2: /* a character changed */
        strcpy(out, base);
        out[at] = out[at] == 'z' ? 'y' : 'z';
        break;
    case 3: /* two swapped */
        strcpy(out, base);
        if (at + 1 < n) {
            out[at] = base[at + 1];
            out[at + 1] = base[at];
        }
        break;
    case 4: /* truncated */
        snprintf(out, 80, "%.*s", (int)(n / 2 + at / 2), base);
        break;
    case 5: /* extra characters around it */
        snprintf(out, 80, "x%s.dkim", base);
        break;
    case 6: /* blanks pasted */
        snprintf(out, 80, " %s ", base);
        break;
    case 8: /* three characters pasted inside */
        memcpy(out, base, at);
        memcpy(out + at, "qqq", 3);
        strcpy(out + at + 3, base + at);
        break;
    default: /* upper case */
        for (size_t i = 0; i <= n; i++)
            out[i] = (char)(base[i] >= 'a' && base[i] <= 'z' ? base[i] - 32 : base[i]);
    }
}

static char strings[NSTRINGS][80];

static void fill(void)
{
    static const size_t lengths[] = {32, 32, 32, 44, 12, 3, 2};
    for (size_t i = 0; i < NSTRINGS; i += 4) {
        random_token(strings[i], lengths[(i / 4) % 7]);
        for (size_t k = 1; k < 4 && i + k < NSTRINGS; k++)
            slip(strings[i], (unsigned)(i + k + i / 36), strings[i + k]);
    }
}

static bool in(const uint32_t *v, size_t n, uint32_t x)
{
    for (size_t i = 0; i < n; i++)
        if (v[i] == x)
            return true;
    return false;
}

static void ascending_once(const uint32_t *v, size_t n)
{
    for (size_t i = 1; i < n; i++)
        assert_true(v[i - 1] < v[i]);
}

static void every_near_miss_is_a_candidate(void **state)
{
    (void)state;
    fill();
    zl_ses_nearset set = {0};
    for (size_t i = 0; i < NSTRINGS; i++)
        zl_ses_nearset_add(&set, strings[i], strlen(strings[i]));
    size_t pairs = 0;
    zl_buf why = {0};
    for (size_t a = 0; a < NSTRINGS; a++) {
        uint32_t *as_want, *as_found;
        size_t nw = zl_ses_nearset_of_want(&set, strings[a], strlen(strings[a]), &as_want);
        size_t nf = zl_ses_nearset_of_found(&set, strings[a], strlen(strings[a]), &as_found);
        ascending_once(as_want, nw);
        ascending_once(as_found, nf);
        for (size_t b = 0; b < NSTRINGS; b++) {
            for (int exact = 0; exact < 2; exact++) {
                zl_buf_reset(&why);
                /* strings[b] found where strings[a] was wanted */
                if (zl_ses_diff(strings[b], strlen(strings[b]), strings[a], strlen(strings[a]),
                                exact, &why)) {
                    pairs++;
                    assert_true(in(as_want, nw, (uint32_t)b));
                }
                zl_buf_reset(&why);
                /* strings[a] found where strings[b] was wanted */
                if (zl_ses_diff(strings[a], strlen(strings[a]), strings[b], strlen(strings[b]),
                                exact, &why))
                    assert_true(in(as_found, nf, (uint32_t)b));
            }
        }
        free(as_want);
        free(as_found);
    }
    zl_buf_free(&why);
    /* The slips are near misses, and the index is no list of everything. */
    assert_true(pairs > NSTRINGS);
    uint32_t *v;
    size_t n = zl_ses_nearset_of_want(&set, strings[0], strlen(strings[0]), &v);
    assert_true(n < 20);
    free(v);
    /* Nor for a string of two octets (strings[24]): what holds it, and
     * the short strings (over a quarter of these), not all. */
    assert_int_equal(strlen(strings[24]), 2);
    n = zl_ses_nearset_of_want(&set, strings[24], 2, &v);
    assert_true(n < NSTRINGS / 2);
    free(v);
    n = zl_ses_nearset_of_found(&set, strings[24], 2, &v);
    assert_true(n < NSTRINGS / 2);
    free(v);
    /* A string added after a search is found by the next one. */
    char late[80];
    slip(strings[0], 0, late);
    zl_ses_nearset_add(&set, late, strlen(late));
    n = zl_ses_nearset_of_want(&set, strings[0], strlen(strings[0]), &v);
    assert_true(in(v, n, NSTRINGS));
    free(v);
    zl_ses_nearset_free(&set);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_near_miss_is_a_candidate),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
