/* The keyed index: sorted by key, then number, whichever sort its size
 * takes (a comparison sort when small, digit passes when large), whatever
 * order the numbers come in; and found again by key. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>

#include "lint/util/keyed.h"

static uint64_t next(uint64_t *x)
{
    *x ^= *x << 13;
    *x ^= *x >> 7;
    *x ^= *x << 17;
    return *x;
}

static void assert_sorted(const zl_keyed *v, size_t n)
{
    for (size_t k = 1; k < n; k++) {
        assert_true(v[k - 1].key <= v[k].key);
        if (v[k - 1].key == v[k].key)
            assert_true(v[k - 1].i < v[k].i);
    }
}

/* n items; keys drawn below range (0: any 64 bits); numbers ascending, or
 * shuffled. The sum of keys and of numbers is kept: nothing lost. */
static void sorts(size_t n, uint64_t range, bool shuffled)
{
    zl_keyed *v = malloc(n * sizeof *v);
    uint64_t x = 0x9E3779B97F4A7C15ULL + n, keys = 0, numbers = 0;
    for (size_t k = 0; k < n; k++) {
        uint64_t key = next(&x);
        v[k] = (zl_keyed){range ? key % range : key, (uint32_t)(k * 2654435761u % 4000000000u)};
    }
    if (!shuffled)
        for (size_t k = 0; k < n; k++)
            v[k].i = (uint32_t)k * 3;
    for (size_t k = 0; k < n; k++) {
        keys += v[k].key;
        numbers += v[k].i;
    }
    zl_keyed_sort(v, n);
    assert_sorted(v, n);
    for (size_t k = 0; k < n; k++) {
        keys -= v[k].key;
        numbers -= v[k].i;
    }
    assert_true(keys == 0 && numbers == 0);
    free(v);
}

static void small_and_large(void **state)
{
    (void)state;
    const size_t sizes[] = {0, 1, 2, 100, 511, 512, 513, 5000, 70000};
    for (size_t s = 0; s < sizeof sizes / sizeof *sizes; s++) {
        sorts(sizes[s], 0, false);
        sorts(sizes[s], 0, true);
        sorts(sizes[s], 7, false);        /* many items under each key */
        sorts(sizes[s], 7, true);
        sorts(sizes[s], 1u << 20, true);  /* name ids: the high digits all zero */
        sorts(sizes[s], 1, true);         /* one key: the numbers decide */
    }
}

static void finds_first(void **state)
{
    (void)state;
    zl_keyed v[3000];
    for (uint32_t k = 0; k < 3000; k++)
        v[k] = (zl_keyed){(uint64_t)(k % 1000) << 40, 2999 - k};
    zl_keyed_sort(v, 3000);
    size_t at = zl_keyed_find(v, 3000, (uint64_t)7 << 40);
    assert_int_equal(at, 21);
    assert_int_equal(v[at].i, 999 - 7);
    assert_int_equal(v[at + 2].i, 2999 - 7);
    assert_int_equal(zl_keyed_find(v, 3000, 5), 3000);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(small_and_large),
        cmocka_unit_test(finds_first),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
