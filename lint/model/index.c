#include "lint/model/index.h"

#include <ldns/ldns.h>
#include <stdlib.h>
#include <string.h>

#include "lint/util/util.h"

static _Thread_local const zl_zone *sort_zone; /* qsort has no context argument in C11 */

static int cmp_owner_type(const void *pa, const void *pb)
{
    const zl_record *a = &sort_zone->recs[*(const uint32_t *)pa];
    const zl_record *b = &sort_zone->recs[*(const uint32_t *)pb];
    if (a->owner != b->owner)
        return a->owner < b->owner ? -1 : 1;
    if (a->type != b->type)
        return a->type < b->type ? -1 : 1;
    uint32_t ia = *(const uint32_t *)pa, ib = *(const uint32_t *)pb;
    return ia < ib ? -1 : ia > ib;
}

/* Within one owner's run, order by type keeping file order: insertion sort
 * for the usual short runs, qsort (ties broken by index) for long ones. */
static void sort_run_by_type(const zl_zone *z, uint32_t *v, size_t n)
{
    if (n > 16) {
        sort_zone = z;
        qsort(v, n, sizeof *v, cmp_owner_type);
        sort_zone = NULL;
        return;
    }
    for (size_t i = 1; i < n; i++) {
        uint32_t x = v[i];
        size_t j = i;
        while (j > 0 && z->recs[v[j - 1]].type > z->recs[x].type) {
            v[j] = v[j - 1];
            j--;
        }
        v[j] = x;
    }
}

/* The end of the owner group that begins at b. */
static size_t group_end(const zl_index *ix, const zl_zone *z, size_t b)
{
    size_t e = b + 1;
    while (e < ix->n && z->recs[ix->order[e]].owner == z->recs[ix->order[b]].owner)
        e++;
    return e;
}

/* The owners found to be zone cuts while the index is built. */
typedef struct cut_list {
    uint32_t *v;
    size_t n, cap;
} cut_list;

/* What the checks ask of the owner group [b, e): which kinds of record it
 * holds, and whether its owner is a zone cut (each owner is one group). */
static void note_group(const zl_zoneset *zs, const zl_zone *z, zl_index *ix, size_t b, size_t e,
                       cut_list *cuts)
{
    bool has[ZL_GROUP_KINDS] = {false}, ns = false;
    for (size_t i = b; i < e; i++) {
        uint16_t type = z->recs[ix->order[i]].type;
        has[ZL_GROUP_TXT] |= type == LDNS_RR_TYPE_TXT || type == LDNS_RR_TYPE_SPF;
        has[ZL_GROUP_MX] |= type == LDNS_RR_TYPE_MX;
        ns |= type == LDNS_RR_TYPE_NS;
    }
    for (int k = 0; k < ZL_GROUP_KINDS; k++)
        if (has[k]) {
            ZL_GROW(ix->groups[k], ix->groups_cap[k], ix->ngroups[k] + 1);
            ix->groups[k][ix->ngroups[k]++] = (uint32_t)b;
        }
    zl_name_id owner = z->recs[ix->order[b]].owner;
    if (ns && owner != z->apex && z->apex != ZL_NAME_NONE &&
        zl_names_is_below(&zs->names, owner, z->apex)) {
        ZL_GROW(cuts->v, cuts->cap, cuts->n + 1);
        cuts->v[cuts->n++] = owner;
    }
}

/* The cut bits, over the span of the zone's own cut ids only: many small
 * zones sharing one large name table each pay for their span. */
static void set_cut_bits(zl_index *ix, const cut_list *cuts)
{
    ix->ncuts = cuts->n;
    if (!cuts->n)
        return;
    uint32_t lo = UINT32_MAX, hi = 0;
    for (size_t i = 0; i < cuts->n; i++) {
        lo = cuts->v[i] < lo ? cuts->v[i] : lo;
        hi = cuts->v[i] > hi ? cuts->v[i] : hi;
    }
    ix->cut_lo = lo;
    ix->ncut_words = (hi - lo) / 64 + 1;
    ix->cut_bits = zl_xzeroed(ix->ncut_words, sizeof *ix->cut_bits);
    for (size_t i = 0; i < cuts->n; i++) {
        uint32_t d = cuts->v[i] - lo;
        ix->cut_bits[d / 64] |= (uint64_t)1 << (d % 64);
    }
}

/* Owners are interned as the file is read, so in most zones their ids
 * never go down from one record to the next: the order by owner is then the
 * file's, and the counting sort's table (4 octets a name) is not needed. */
static bool owners_ascend(const zl_zone *z)
{
    for (size_t i = 1; i < z->nrecs; i++)
        if (z->recs[i].owner < z->recs[i - 1].owner)
            return false;
    return true;
}

zl_index *zl_index_build(const zl_zoneset *zs, const zl_zone *z)
{
    zl_index *ix = zl_xcalloc(1, sizeof *ix);
    size_t n = z->nrecs;
    ix->n = n;
    ix->order = zl_xmalloc((n ? n : 1) * sizeof *ix->order);
    size_t nnames = zs->names.n;
    /* By owner, file order within each owner (each group is put in type
     * order below): the file's own order when owner ids ascend, else a
     * counting sort; with far more names than records, one qsort by owner
     * and type instead. */
    bool ascend = owners_ascend(z);
    bool file_order_within = ascend || nnames <= 16 * n + 4096;
    if (ascend || !file_order_within)
        for (size_t i = 0; i < n; i++)
            ix->order[i] = (uint32_t)i;
    if (!file_order_within) {
        sort_zone = z;
        qsort(ix->order, n, sizeof *ix->order, cmp_owner_type);
        sort_zone = NULL;
    } else if (!ascend) {
        uint32_t *start = zl_xzeroed(nnames + 1, sizeof *start);
        for (size_t i = 0; i < n; i++)
            start[z->recs[i].owner + 1]++;
        for (size_t k = 1; k <= nnames; k++)
            start[k] += start[k - 1];
        for (size_t i = 0; i < n; i++)
            ix->order[start[z->recs[i].owner]++] = (uint32_t)i;
        free(start);
    }
    cut_list cuts = {0};
    for (size_t b = 0, e; b < n; b = e) {
        e = group_end(ix, z, b);
        if (file_order_within && e - b > 1)
            sort_run_by_type(z, ix->order + b, e - b);
        note_group(zs, z, ix, b, e, &cuts);
    }
    set_cut_bits(ix, &cuts);
    free(cuts.v);
    return ix;
}

static bool is_cut(const zl_index *ix, zl_name_id id)
{
    if (id < ix->cut_lo)
        return false;
    size_t d = id - ix->cut_lo;
    return d / 64 < ix->ncut_words && (ix->cut_bits[d / 64] >> (d % 64) & 1u);
}

void zl_index_free(zl_index *ix)
{
    if (!ix)
        return;
    free(ix->order);
    free(ix->cut_bits);
    for (int k = 0; k < ZL_GROUP_KINDS; k++)
        free(ix->groups[k]);
    free(ix);
}

zl_name_id zl_index_cut_above(const zl_index *ix, const zl_names *names, zl_name_id apex,
                              zl_name_id name, bool strict)
{
    if (!ix->ncuts || apex == ZL_NAME_NONE || name == ZL_NAME_NONE || name == apex)
        return ZL_NAME_NONE;
    /* One walk up: it meets the apex only when name lies below it. */
    zl_name_id found = ZL_NAME_NONE;
    zl_name_id id = strict ? zl_names_parent(names, name) : name;
    for (; id != ZL_NAME_ROOT && id != apex; id = zl_names_parent(names, id))
        if (is_cut(ix, id))
            found = id; /* keep walking: the highest cut is the one that matters */
    return id == apex ? found : ZL_NAME_NONE;
}

bool zl_index_next_owner(const zl_index *ix, const zl_zone *z, size_t *begin, size_t *end)
{
    size_t b = *end;
    if (b >= ix->n)
        return false;
    *begin = b;
    *end = group_end(ix, z, b);
    return true;
}

bool zl_index_next_owner_with(const zl_index *ix, const zl_zone *z, zl_group_kind kind,
                              size_t *k, size_t *begin, size_t *end)
{
    if (*k >= ix->ngroups[kind])
        return false;
    *begin = ix->groups[kind][(*k)++];
    *end = group_end(ix, z, *begin);
    return true;
}


void zl_index_owner_range(const zl_index *ix, const zl_zone *z, zl_name_id owner, size_t *begin,
                          size_t *end)
{
    /* order is sorted by owner id: a binary search for the group's start,
     * then steps doubling from it for its end (a group is a record or a
     * few, or a huge RRset). */
    size_t lo = 0, hi = ix->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (z->recs[ix->order[mid]].owner < owner)
            lo = mid + 1;
        else
            hi = mid;
    }
    *begin = lo;
    size_t step = 1, past = lo; /* past: the last position known in the group, + 1 */
    hi = lo;
    while (hi < ix->n && z->recs[ix->order[hi]].owner == owner) {
        past = hi + 1;
        hi = past + step;
        step *= 2;
    }
    if (hi > ix->n)
        hi = ix->n;
    lo = past;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (z->recs[ix->order[mid]].owner <= owner)
            lo = mid + 1;
        else
            hi = mid;
    }
    *end = lo;
}
