#include "lint/util/keyed.h"

#include "lint/util/util.h"

static int cmp_keyed(const void *pa, const void *pb)
{
    const zl_keyed *a = pa, *b = pb;
    if (a->key != b->key)
        return a->key < b->key ? -1 : 1;
    return a->i < b->i ? -1 : a->i > b->i;
}

void zl_keyed_sort(zl_keyed *v, size_t n)
{
    zl_sort(v, n, sizeof *v, cmp_keyed);
}

size_t zl_keyed_find(const zl_keyed *v, size_t n, uint64_t key)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v[mid].key < key)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && v[lo].key == key ? lo : n;
}
