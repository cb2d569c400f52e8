#include "lint/git/removed.h"

#include <stdlib.h>
#include <string.h>

#include "parser/formats.h"
#include "parser/master/rdata.h"
#include "lint/ses/expect.h"
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

/* The name in lower case without its final dot, as SES data writes it. */
static void plain_name(const zl_names *names, zl_name_id id, zl_buf *b)
{
    zl_buf_reset(b);
    zl_names_format(names, id, b);
    if (b->len > 1 && b->data[b->len - 1] == '.')
        b->data[--b->len] = '\0';
    for (size_t i = 0; i < b->len; i++)
        if (b->data[i] >= 'A' && b->data[i] <= 'Z')
            b->data[i] = (char)(b->data[i] + 'a' - 'A');
}

/* An SPF record that includes amazonses.com is SES's only at a MAIL FROM
 * domain: a name with SES's feedback MX beside it. Elsewhere it is the
 * owner's own SPF, which may change freely. */
static bool ses_owned(const zl_zoneset *zs, const zl_zone *z, const zl_record *r,
                      const zl_ses_shape *shape)
{
    if (shape->kind != ZL_SES_MAILFROM_SPF)
        return true;
    zl_ses_shape mx;
    for (size_t i = 0; i < z->nrecs; i++)
        if (z->recs[i].owner == r->owner && zl_ses_classify(zs, z, &z->recs[i], &mx) &&
            mx.kind == ZL_SES_MAILFROM_MX)
            return true;
    return false;
}

/* The SES data has the record's identity but no longer this record: the
 * token was rotated or the MAIL FROM domain changed, so its removal is
 * meant. */
static bool dropped_by_ses(const zl_zoneset *zs, const zl_record *r, const zl_ses_shape *shape,
                           const zl_ses_expect *ses)
{
    if (!ses)
        return false;
    zl_buf o = {0};
    plain_name(&zs->names, r->owner, &o);
    bool dropped = false;
    for (size_t i = 0; i < ses->n; i++) {
        const zl_ses_identity *id = &ses->v[i];
        size_t dl = strlen(id->domain);
        if (!(o.len == dl || (o.len > dl && o.data[o.len - dl - 1] == '.')) ||
            strcmp(o.data + o.len - dl, id->domain) != 0)
            continue;
        bool listed = false;
        if (shape->kind == ZL_SES_DKIM)
            for (size_t k = 0; k < id->ndkim && !listed; k++)
                listed = zl_ascii_ieq(shape->token, strlen(shape->token), id->dkim[k]);
        else if (shape->kind == ZL_SES_VERIFICATION)
            listed = id->verification && strcmp(id->verification, shape->token) == 0;
        else
            listed = id->mail_from && strcmp(id->mail_from, o.data) == 0;
        if (listed) {
            dropped = false;
            break;
        }
        dropped = true;
    }
    zl_buf_free(&o);
    return dropped;
}

/* The new version of the file says, in a zonelint-removed: comment, that
 * the records at this name went on purpose. */
static bool acknowledged(const zl_zoneset *base, const zl_zone *bz, const zl_record *r,
                         const zl_zoneset *head, const char *head_path)
{
    if (!head_path)
        return false;
    zl_buf o = {0}, apex = {0};
    plain_name(&base->names, r->owner, &o);
    plain_name(&base->names, bz->apex, &apex);
    bool ok = false;
    for (size_t k = 0; k < head->nsrcs && !ok; k++) {
        const zl_source *s = head->srcs[k];
        if (s->zone >= head->nzones || strcmp(head->zones[s->zone]->path, head_path) != 0)
            continue;
        for (size_t i = 0; i < s->nremoved_ok && !ok; i++) {
            const char *n = s->removed_ok[i];
            size_t nl = strlen(n);
            ok = strcmp(n, o.data) == 0 || (strcmp(n, "@") == 0 && r->owner == bz->apex) ||
                 (o.len == nl + 1 + apex.len && strncmp(o.data, n, nl) == 0 &&
                  o.data[nl] == '.' && strcmp(o.data + nl + 1, apex.data) == 0);
        }
    }
    zl_buf_free(&o);
    zl_buf_free(&apex);
    return ok;
}

static char *owner_text(const zl_zoneset *zs, const zl_record *r)
{
    zl_buf b = {0};
    zl_names_format(&zs->names, r->owner, &b);
    return zl_buf_take(&b);
}

/* An SES record that worked: no error of its own among the findings. */
static bool working_ses(const void *ctx, const zl_zoneset *zs, const zl_zone *z,
                        const zl_record *r)
{
    const zl_findings *found = ctx;
    zl_ses_shape shape;
    if (!zl_ses_classify(zs, z, r, &shape) || !ses_owned(zs, z, r, &shape))
        return false;
    for (size_t f = 0; f < found->n; f++)
        if (found->v[f].rec == r && found->v[f].severity == ZL_SEV_ERROR)
            return false;
    return true;
}

static bool ses_shaped(const void *ctx, const zl_zoneset *zs, const zl_zone *z,
                       const zl_record *r)
{
    (void)ctx;
    zl_ses_shape shape;
    return zl_ses_classify(zs, z, r, &shape);
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

/* The types of the SES records, and the records of zs at their names. */
static void at_names_of(const entries *ses, const zl_zoneset *zs, entries *out)
{
    zl_buf scratch = {0};
    at_ses where = {.ses = ses, .scratch = &scratch};
    for (size_t i = 0; i < ses->n; i++)
        where.types[ses->v[i].r->type / 8] |= (uint8_t)(1u << (ses->v[i].r->type % 8));
    collect(zs, at_ses_name, &where, out);
    zl_buf_free(&scratch);
}

bool zl_removed_possible(const zl_zoneset *base, const zl_zoneset *head)
{
    entries ses = {0}, h = {0};
    collect(base, ses_shaped, NULL, &ses);
    at_names_of(&ses, head, &h);
    bool gone = false;
    for (size_t i = 0; i < ses.n && !gone; i++)
        gone = !contains(&h, ses.v[i].key);
    entries_free(&ses);
    entries_free(&h);
    return gone;
}

bool zl_removed_text_may_hold(const char *path, const char *text, size_t len)
{
    return strcmp(zl_format_detect(text, len, path)->name, "bind") != 0 ||
           zl_mentions_ci(text, len, "amazonses", 3) || zl_mentions_ci(text, len, "$include", 0);
}

void zl_removed_find(const zl_zoneset *base, const zl_findings *base_found,
                     const zl_zoneset *head, const zl_ses_expect *data,
                     zl_renamed_fn renamed, void *ctx, zl_removed *out)
{
    entries ses = {0}, b = {0}, h = {0};
    collect(base, working_ses, base_found, &ses);
    at_names_of(&ses, base, &b);
    at_names_of(&ses, head, &h);
    for (size_t i = 0; i < ses.n; i++) {
        const entry *e = &ses.v[i];
        if (contains(&h, e->key))
            continue;
        zl_ses_shape shape;
        zl_ses_classify(base, e->z, e->r, &shape);
        const char *new_name = renamed(ctx, e->z->path);
        if (dropped_by_ses(base, e->r, &shape, data) ||
            acknowledged(base, e->z, e->r, head, new_name))
            continue;
        const entry *now = replacement(&h, &b, e);
        zl_buf text = {0};
        zl_record_describe(base, e->z, e->r, &text);
        ZL_GROW(out->v, out->cap, out->n + 1);
        out->v[out->n++] = (zl_removed_rec){
            .kind = zl_ses_kind_name(shape.kind),
            .path = zl_xstrdup(base->srcs[zl_record_src(e->z, e->r)]->path),
            .line = zl_record_line(base, e->z, e->r),
            .record = zl_buf_take(&text),
            .owner = owner_text(base, e->r),
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
        free(r->v[i].owner);
        free(r->v[i].report_path);
    }
    free(r->v);
    free(r->base);
    memset(r, 0, sizeof *r);
}
