#include "lint/git/removed.h"

#include <stdlib.h>
#include <string.h>

#include "parser/master/rdata.h"
#include "lint/ses/shape.h"
#include "lint/engine/lint.h"
#include "lint/util/util.h"

/* A record as "owner<TAB>TYPE<TAB>value": equal for records DNS treats as
 * equal (the value in canonical wire form, as hex), so a sorted array of
 * them answers "is this record there" and "what else is at this name". */
typedef struct entry {
    char *key;
    size_t prefix; /* length of "owner<TAB>TYPE<TAB>" */
    const zl_zone *z;
    const zl_record *r;
} entry;

typedef struct entries {
    entry *v;
    size_t n, cap;
} entries;

/* "owner<TAB>TYPE<TAB>" into b. */
static void record_prefix(const zl_zoneset *zs, const zl_record *r, zl_buf *b)
{
    char tn[32];
    zl_names_format(&zs->names, r->owner, b);
    zl_buf_printf(b, "\t%s\t", zl_type_name(r->type, tn, sizeof tn));
}

/* The value after the prefix. */
static void record_value(const zl_zoneset *zs, const zl_zone *z, const zl_record *r, zl_buf *b)
{
    unsigned n = zl_record_nrdata(r);
    zl_tok *toks = zl_xmalloc((n + 1) * sizeof *toks);
    for (unsigned i = 0; i < n; i++)
        toks[i] = zl_record_rdata(zs, z, r, i);
    zl_buf wire = {0};
    if (!(r->flags & ZL_REC_BAD_RDATA) &&
        zl_rdata_canonical(&zs->names, zl_record_origin(z, r), r->type, toks, n, &wire)) {
        for (size_t i = 0; i < wire.len; i++)
            zl_buf_printf(b, "%02x", (unsigned char)wire.data[i]);
    } else {
        /* Unreadable rdata still differs from every readable value. */
        for (unsigned i = 0; i < n; i++) {
            zl_buf_adds(b, " ");
            zl_buf_add(b, toks[i].p, toks[i].len);
        }
    }
    zl_buf_free(&wire);
    free(toks);
}

static int cmp_entry(const void *a, const void *b)
{
    return strcmp(((const entry *)a)->key, ((const entry *)b)->key);
}

static void push(entries *out, zl_buf *key, size_t prefix, const zl_zone *z, const zl_record *r)
{
    ZL_GROW(out->v, out->cap, out->n + 1);
    out->v[out->n++] = (entry){zl_buf_take(key), prefix, z, r};
}

static void sort(entries *e)
{
    if (e->n > 1)
        qsort(e->v, e->n, sizeof *e->v, cmp_entry);
}

static void entries_free(entries *e)
{
    for (size_t i = 0; i < e->n; i++)
        free(e->v[i].key);
    free(e->v);
}

/* Index of the first entry not below key (compared on n bytes). */
static size_t lower_bound(const entries *e, const char *key, size_t n)
{
    size_t lo = 0, hi = e->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strncmp(e->v[mid].key, key, n) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static bool has_prefix(const entries *e, const char *key, size_t n)
{
    size_t i = lower_bound(e, key, n);
    return i < e->n && strncmp(e->v[i].key, key, n) == 0;
}

static bool contains(const entries *e, const char *key)
{
    return has_prefix(e, key, strlen(key) + 1);
}

/* Which records to key. */
typedef bool (*keep_fn)(const void *ctx, const zl_zoneset *zs, const zl_zone *z,
                        const zl_record *r);

/* The records of zs that keep accepts, keyed and sorted. */
static void collect(const zl_zoneset *zs, keep_fn keep, const void *ctx, entries *out)
{
    zl_buf b = {0};
    for (size_t k = 0; k < zs->nzones; k++) {
        const zl_zone *z = zs->zones[k];
        for (size_t i = 0; i < z->nrecs; i++) {
            const zl_record *r = &z->recs[i];
            if (!keep(ctx, zs, z, r))
                continue;
            record_prefix(zs, r, &b);
            size_t prefix = b.len;
            record_value(zs, z, r, &b);
            push(out, &b, prefix, z, r);
        }
    }
    sort(out);
}

/* An SES record that worked: no error of its own among the findings. */
static bool working_ses(const void *ctx, const zl_zoneset *zs, const zl_zone *z,
                        const zl_record *r)
{
    const zl_findings *found = ctx;
    zl_ses_shape shape;
    if (!zl_ses_classify(zs, z, r, &shape))
        return false;
    for (size_t f = 0; f < found->n; f++)
        if (found->v[f].rec == r && found->v[f].severity == ZL_SEV_ERROR)
            return false;
    return true;
}

/* The owners and types of the SES records: the only records a comparison
 * needs, whatever the size of the zone. */
typedef struct at_ses {
    const entries *ses;
    uint8_t types[65536 / 8]; /* a bit per type any of them has */
    zl_buf *scratch;
} at_ses;

static bool at_ses_name(const void *ctx, const zl_zoneset *zs, const zl_zone *z,
                        const zl_record *r)
{
    (void)z;
    const at_ses *a = ctx;
    if (!(a->types[r->type / 8] & (1u << (r->type % 8))))
        return false;
    zl_buf_reset(a->scratch);
    record_prefix(zs, r, a->scratch);
    return has_prefix(a->ses, a->scratch->data, a->scratch->len);
}

/* A record of head at the same owner and type whose value base lacks. */
static const entry *replacement(const entries *head, const entries *base, const entry *old)
{
    for (size_t i = lower_bound(head, old->key, old->prefix);
         i < head->n && strncmp(head->v[i].key, old->key, old->prefix) == 0; i++)
        if (!contains(base, head->v[i].key))
            return &head->v[i];
    return NULL;
}

void zl_removed_find(const zl_zoneset *base, const zl_findings *base_found,
                     const zl_zoneset *head, zl_renamed_fn renamed, void *ctx,
                     zl_removed *out)
{
    entries ses = {0}, b = {0}, h = {0};
    collect(base, working_ses, base_found, &ses);
    zl_buf scratch = {0};
    at_ses where = {.ses = &ses, .scratch = &scratch};
    for (size_t i = 0; i < ses.n; i++)
        where.types[ses.v[i].r->type / 8] |= (uint8_t)(1u << (ses.v[i].r->type % 8));
    collect(base, at_ses_name, &where, &b);
    collect(head, at_ses_name, &where, &h);
    zl_buf_free(&scratch);
    for (size_t i = 0; i < ses.n; i++) {
        const entry *e = &ses.v[i];
        if (contains(&h, e->key))
            continue;
        const entry *now = replacement(&h, &b, e);
        zl_ses_shape shape;
        zl_ses_classify(base, e->z, e->r, &shape);
        zl_buf text = {0};
        zl_record_describe(base, e->z, e->r, &text);
        const char *new_name = renamed(ctx, e->z->path);
        ZL_GROW(out->v, out->cap, out->n + 1);
        out->v[out->n++] = (zl_removed_rec){
            .kind = zl_ses_kind_name(shape.kind),
            .path = zl_xstrdup(base->srcs[zl_record_src(e->z, e->r)]->path),
            .line = zl_record_line(base, e->z, e->r),
            .record = zl_buf_take(&text),
            .report_path = zl_xstrdup(new_name ? new_name : e->z->path),
            .zone = now ? now->z : NULL,
            .rec = now ? now->r : NULL,
        };
    }
    entries_free(&ses);
    entries_free(&b);
    entries_free(&h);
}

void zl_removed_free(zl_removed *r)
{
    for (size_t i = 0; i < r->n; i++) {
        free(r->v[i].path);
        free(r->v[i].record);
        free(r->v[i].report_path);
    }
    free(r->v);
    free(r->base);
    memset(r, 0, sizeof *r);
}
