/* The arena: every object zeroed, aligned for pointers, sizes and doubles
 * (what the objects hold), apart from every
 * other (small ones from shared chunks, large ones alone), all of them
 * usable until the arena is freed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "lint/util/arena.h"

static void objects_apart_zeroed_aligned(void **state)
{
    (void)state;
    zl_arena a = {0};
    enum { N = 20000 };
    static unsigned char *p[N];
    for (size_t i = 0; i < N; i++) {
        size_t n = i % 7 == 0 ? 20000 : i % 61; /* some larger than a chunk's share, some 0 */
        p[i] = zl_arena_zalloc(&a, n);
        assert_non_null(p[i]);
        assert_int_equal((uintptr_t)p[i] % _Alignof(double), 0);
        assert_int_equal((uintptr_t)p[i] % _Alignof(void *), 0);
        assert_int_equal((uintptr_t)p[i] % _Alignof(uint64_t), 0);
        for (size_t k = 0; k < n; k++)
            assert_int_equal(p[i][k], 0);
        memset(p[i], (int)(i & 0xff), n);
    }
    for (size_t i = 0; i < N; i++) {
        size_t n = i % 7 == 0 ? 20000 : i % 61;
        for (size_t k = 0; k < n; k++)
            assert_int_equal(p[i][k], (unsigned char)(i & 0xff));
    }
    zl_arena_free(&a);
    assert_int_equal(a.n, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(objects_apart_zeroed_aligned),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
