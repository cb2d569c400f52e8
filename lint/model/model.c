#include "lint/model/model.h"
#include "lint/model/token.h"
#include "lint/io/fs.h"

#include <ldns/ldns.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

_Static_assert(sizeof(zl_record) == 24, "a record is 24 octets: see lint/model/model.h");

void zl_zoneset_init(zl_zoneset *zs)
{
    memset(zs, 0, sizeof *zs);
    zl_names_init(&zs->names);
}

static void source_free(zl_source *s)
{
    free(s->path);
    free(s->identity);
    if (s->mapped)
        zl_fs_unmap(s->text, s->mapped);
    else
        free(s->text);
    free(s->lines);
    if (!s->display_shared) {
        free(s->display);
        free(s->dlines);
    }
    free(s->map);
    for (size_t i = 0; i < s->nsupp; i++)
        free(s->supp[i].rules);
    free(s->supp);
    for (size_t i = 0; i < s->nremoved_ok; i++)
        free(s->removed_ok[i]);
    free(s->removed_ok);
    free(s);
}

void zl_zone_free(zl_zone *z)
{
    free(z->path);
    free(z->recs);
    free(z->names);
    free(z->deltas);
    free(z->wide);
    free(z->segs);
    free(z);
}

void zl_zoneset_free(zl_zoneset *zs)
{
    for (size_t i = 0; i < zs->nsrcs; i++)
        source_free(zs->srcs[i]);
    for (size_t i = 0; i < zs->nzones; i++)
        zl_zone_free(zs->zones[i]);
    for (size_t i = 0; i < zs->ndiags; i++) {
        free(zs->diags[i].path);
        free(zs->diags[i].message);
        free(zs->diags[i].hint);
        free(zs->diags[i].fix_text);
    }
    free(zs->diags);
    free(zs->srcs);
    free(zs->by_identity);
    free(zs->zones);
    zl_names_free(&zs->names);
    memset(zs, 0, sizeof *zs);
}

uint32_t *zl_line_table(const char *text, size_t len, uint32_t *n)
{
    size_t cap = 1024, count = 0;
    uint32_t *lines = zl_xmalloc(cap * sizeof *lines);
    lines[count++] = 0;
    const char *p = text, *end = text + len;
    while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
        p++;
        if (p == end)
            break;
        ZL_GROW(lines, cap, count + 1);
        lines[count++] = (uint32_t)(p - text);
    }
    *n = (uint32_t)count;
    return lines;
}

uint32_t zl_zoneset_add_source(zl_zoneset *zs, const char *path, char *text, size_t len)
{
    zl_source *s = zl_xcalloc(1, sizeof *s);
    s->path = zl_xstrdup(path);
    s->text = text;
    s->len = len;
    s->parent = ZL_NONE;
    s->zone = ZL_NONE;
    s->origin = ZL_NAME_NONE;
    ZL_GROW(zs->srcs, zs->scap, zs->nsrcs + 1);
    zs->srcs[zs->nsrcs] = s;
    return (uint32_t)zs->nsrcs++;
}

/* The slot of identity in the table: the one holding it, or the empty one
 * where it goes. */
static size_t identity_slot(const zl_zoneset *zs, const char *identity)
{
    size_t h = (size_t)zl_hash_text(identity) & (zs->identity_slots - 1);
    while (zs->by_identity[h] &&
           strcmp(zs->srcs[zs->by_identity[h] - 1]->identity, identity) != 0)
        h = (h + 1) & (zs->identity_slots - 1);
    return h;
}

void zl_zoneset_set_identity(zl_zoneset *zs, uint32_t src, char *identity)
{
    free(zs->srcs[src]->identity);
    zs->srcs[src]->identity = identity;
    if (2 * (zs->nidentities + 1) > zs->identity_slots) {
        uint32_t *old = zs->by_identity;
        size_t oldn = zs->identity_slots;
        zs->identity_slots = oldn ? 2 * oldn : 64;
        zs->by_identity = zl_xzeroed(zs->identity_slots, sizeof *zs->by_identity);
        for (size_t i = 0; i < oldn; i++)
            if (old[i])
                zs->by_identity[identity_slot(zs, zs->srcs[old[i] - 1]->identity)] = old[i];
        free(old);
    }
    size_t h = identity_slot(zs, identity);
    if (!zs->by_identity[h]) {
        zs->by_identity[h] = src + 1;
        zs->nidentities++;
    }
}

const zl_source *zl_zoneset_find_identity(const zl_zoneset *zs, const char *identity)
{
    if (!zs->identity_slots)
        return NULL;
    size_t h = identity_slot(zs, identity);
    return zs->by_identity[h] ? zs->srcs[zs->by_identity[h] - 1] : NULL;
}

zl_zone *zl_zoneset_add_zone(zl_zoneset *zs, const char *path, const char *format)
{
    zl_zone *z = zl_xcalloc(1, sizeof *z);
    z->path = zl_xstrdup(path);
    z->format = format;
    z->apex = ZL_NAME_NONE;
    z->origin = ZL_NAME_NONE;
    z->src = ZL_NONE;
    z->no_origin_src = ZL_NONE;
    ZL_GROW(zs->zones, zs->zcap, zs->nzones + 1);
    zs->zones[zs->nzones++] = z;
    return z;
}

void zl_diag_add(zl_zoneset *zs, const char *rule, uint32_t src, uint32_t off, uint32_t len,
                 char *message, char *hint)
{
    ZL_GROW(zs->diags, zs->dcap, zs->ndiags + 1);
    zs->diags[zs->ndiags++] = (zl_diag){
        .rule = rule, .src = src, .off = off, .len = len, .message = message, .hint = hint};
}

void zl_diag_file(zl_zoneset *zs, const char *rule, const char *path, char *message, char *hint)
{
    ZL_GROW(zs->diags, zs->dcap, zs->ndiags + 1);
    zs->diags[zs->ndiags++] = (zl_diag){.rule = rule,
                                        .src = ZL_NONE,
                                        .path = zl_xstrdup(path),
                                        .message = message,
                                        .hint = hint};
}

/* The line table is a cache built on the first position asked for: a clean
 * run never needs it. Sources are heap objects, so filling it in through a
 * const pointer is sound. Checks run on several threads and may ask at once:
 * one builds it under the lock, the others wait, and once it is ready no
 * one takes the lock again. */
static pthread_mutex_t lines_lock = PTHREAD_MUTEX_INITIALIZER;

static void ensure_lines(const zl_source *s)
{
    if (atomic_load_explicit(&s->lines_ready, memory_order_acquire))
        return;
    zl_source *m = (zl_source *)s;
    pthread_mutex_lock(&lines_lock);
    if (!m->lines)
        m->lines = zl_line_table(s->text, s->len, &m->nlines);
    atomic_store_explicit(&m->lines_ready, true, memory_order_release);
    pthread_mutex_unlock(&lines_lock);
}

/* The last of n elements (stride octets apart, each with a uint32_t key at
 * key_off, sorted by it) whose key is at most x; 0 when none is. Line
 * tables, position maps and record segments are all searched this way. */
static size_t last_at_most(const void *base, size_t n, size_t stride, size_t key_off,
                           uint32_t x)
{
    const unsigned char *b = base;
    size_t lo = 0, hi = n;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        uint32_t key;
        memcpy(&key, b + mid * stride + key_off, sizeof key);
        if (key <= x)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

/* The characters in n octets of UTF-8: the octets that are not continuation
 * octets (10xxxxxx), counted eight at a time (a finding's column is counted
 * from its line's start, and lines of keys run to thousands of octets). */
static uint32_t count_chars(const char *p, size_t n)
{
    const uint64_t ones = 0x0101010101010101u;
    size_t i = 0, continuations = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t x;
        memcpy(&x, p + i, 8);
        uint64_t cont = (x & ~(x << 1)) >> 7 & ones; /* bit 7 set, bit 6 clear */
        continuations += (size_t)((cont * ones) >> 56);
    }
    for (; i < n; i++)
        continuations += ((unsigned char)p[i] & 0xC0) == 0x80;
    return (uint32_t)(n - continuations);
}

void zl_source_position(const zl_source *s, uint32_t off, uint32_t *line, uint32_t *col)
{
    if (s->map && s->nmap) {
        const zl_posmap *m = &s->map[last_at_most(s->map, s->nmap, sizeof *s->map,
                                                  offsetof(zl_posmap, off), off)];
        *line = m->line;
        *col = m->col + (off > m->off ? count_chars(s->text + m->off, off - m->off) : 0);
        return;
    }
    ensure_lines(s);
    /* Findings are placed in text order, a check at a time: the line found
     * last on this thread, or the next one, is most often the one asked for.
     * The guess is checked against the lines, so a stale one costs only the
     * search. */
    static _Thread_local const zl_source *last_src;
    static _Thread_local uint32_t last_li;
    uint32_t li = last_li;
    if (last_src == s && li < s->nlines && s->lines[li] <= off &&
        li + 2 < s->nlines && off >= s->lines[li + 1] && off < s->lines[li + 2])
        li++;
    else if (last_src != s || li >= s->nlines || s->lines[li] > off ||
             (li + 1 < s->nlines && off >= s->lines[li + 1]))
        li = (uint32_t)last_at_most(s->lines, s->nlines, sizeof *s->lines, 0, off);
    last_src = s;
    last_li = li;
    *line = li + 1;
    *col = count_chars(s->text + s->lines[li], off - s->lines[li]) + 1;
}

void zl_source_span_end(const zl_source *s, uint32_t off, uint32_t len, uint32_t line, uint32_t col,
                        uint32_t *end_line, uint32_t *end_col)
{
    /* Within one line of the text itself the end is counted on from the
     * start, without finding the line again. */
    if (!(s->map && s->nmap) && off <= s->len && len <= s->len - off &&
        !memchr(s->text + off, '\n', len)) {
        *end_line = line;
        *end_col = col + count_chars(s->text + off, len);
        return;
    }
    zl_source_position(s, off + len, end_line, end_col);
}

const char *zl_source_line(const zl_source *s, uint32_t line, size_t *len)
{
    if (s->display_of)
        return zl_source_line(s->display_of, line, len);
    ensure_lines(s);
    const char *text = s->display ? s->display : s->text;
    size_t tlen = s->display ? s->display_len : s->len;
    const uint32_t *lines = s->display ? s->dlines : s->lines;
    uint32_t n = s->display ? s->ndlines : s->nlines;
    if (line == 0 || line > n) {
        *len = 0;
        return "";
    }
    const char *p = text + lines[line - 1];
    const char *e = memchr(p, '\n', tlen - lines[line - 1]);
    size_t l = e ? (size_t)(e - p) : tlen - lines[line - 1];
    if (l && p[l - 1] == '\r')
        l--;
    *len = l;
    return p;
}

void zl_zone_add_record(zl_zone *z, const zl_record *r, uint32_t src, zl_name_id origin,
                        const uint32_t *offs, zl_name_id name)
{
    zl_record x = *r;
    x.start = offs[0];
    x.flags &= (uint8_t)~ZL_REC_WIDE;
    if (offs[x.ntok] - offs[0] > UINT16_MAX) /* offsets only grow: the end is the largest */
        x.flags |= ZL_REC_WIDE;
    if (x.flags & ZL_REC_WIDE) {
        ZL_GROW(z->wide, z->wcap, z->nwide + x.ntok + 1);
        x.tok = (uint32_t)z->nwide;
        for (unsigned i = 0; i <= x.ntok; i++)
            z->wide[z->nwide++] = offs[i];
    } else {
        ZL_GROW(z->deltas, z->dcap, z->ndeltas + x.ntok);
        x.tok = (uint32_t)z->ndeltas;
        for (unsigned i = 1; i <= x.ntok; i++)
            z->deltas[z->ndeltas++] = (uint16_t)(offs[i] - offs[0]);
    }
    if (!z->nsegs || z->segs[z->nsegs - 1].src != src || z->segs[z->nsegs - 1].origin != origin) {
        ZL_GROW(z->segs, z->segcap, z->nsegs + 1);
        z->segs[z->nsegs++] = (zl_segment){.first = (uint32_t)z->nrecs, .src = src, .origin = origin};
    }
    size_t cap = z->rcap;
    ZL_GROW(z->recs, z->rcap, z->nrecs + 1);
    if (z->rcap != cap)
        z->names = zl_xrealloc(z->names, z->rcap * sizeof *z->names);
    z->names[z->nrecs] = name;
    z->recs[z->nrecs++] = x;
}

/* Whether segment i of z holds record idx. */
static bool segment_holds(const zl_zone *z, size_t i, uint32_t idx)
{
    return i < z->nsegs && z->segs[i].first <= idx &&
           (i + 1 == z->nsegs || z->segs[i + 1].first > idx);
}

/* The segment found last on this thread: checks walk records in order, so
 * with a segment per $INCLUDE or $ORIGIN the answer is mostly that one or
 * the next, without a search. It is checked against the zone as it is. */
static _Thread_local struct {
    const zl_zone *z;
    size_t i;
} last_segment;

static const zl_segment *segment_of(const zl_zone *z, const zl_record *r)
{
    if (z->nsegs == 1)
        return z->segs; /* one source, one origin: most zones */
    uint32_t idx = (uint32_t)(r - z->recs);
    size_t i = last_segment.i;
    if (last_segment.z != z || !segment_holds(z, i, idx)) {
        i = segment_holds(z, i + 1, idx) ? i + 1
                                          : last_at_most(z->segs, z->nsegs, sizeof *z->segs,
                                                         offsetof(zl_segment, first), idx);
        last_segment.z = z, last_segment.i = i;
    }
    return &z->segs[i];
}

uint32_t zl_record_src(const zl_zone *z, const zl_record *r)
{
    return segment_of(z, r)->src;
}

zl_name_id zl_record_origin(const zl_zone *z, const zl_record *r)
{
    return segment_of(z, r)->origin;
}

uint32_t zl_record_line(const zl_zoneset *zs, const zl_zone *z, const zl_record *r)
{
    uint32_t line, col;
    zl_source_position(zs->srcs[zl_record_src(z, r)], r->start, &line, &col);
    return line;
}

/* The offset of token i, or for i == ntok the end of the last token. */
static uint32_t token_offset(const zl_zone *z, const zl_record *r, unsigned i)
{
    if (r->flags & ZL_REC_WIDE)
        return z->wide[r->tok + i];
    return i == 0 ? r->start : r->start + z->deltas[r->tok + i - 1];
}

zl_tok zl_record_tok(const zl_zoneset *zs, const zl_zone *z, const zl_record *r, unsigned i)
{
    const zl_source *s = zs->srcs[zl_record_src(z, r)];
    uint32_t off = token_offset(z, r, i);
    /* The record keeps where its last token ends, and the others end where
     * the blanks before the next one begin (most of the time): rules look
     * at every record's tokens, and reading each to its end was a tenth of
     * their time. */
    size_t end = token_offset(z, r, i + 1);
    if (i + 1u < r->ntok)
        end = zl_token_end_before(s->text, s->len, off, end);
    return (zl_tok){.p = s->text + off,
                    .off = off,
                    .len = (uint32_t)(end - off),
                    .quoted = s->text[off] == '"'};
}

uint32_t zl_record_end(const zl_zone *z, const zl_record *r)
{
    return token_offset(z, r, r->ntok);
}

static int digit(char c)
{
    return c >= '0' && c <= '9';
}

void zl_tok_decode(const zl_tok *t, zl_buf *out)
{
    size_t n;
    const char *p = zl_tok_inner(t, &n);
    for (size_t i = 0; i < n;) {
        /* The text between escapes is copied whole (keys run to hundreds
         * of octets without one). */
        const char *bs = memchr(p + i, '\\', n - i);
        size_t run = bs ? (size_t)(bs - p) - i : n - i;
        zl_buf_add(out, p + i, run);
        i += run;
        if (i >= n)
            break;
        if (i + 1 >= n) {
            zl_buf_addc(out, '\\'); /* a final backslash stands for itself */
            i++;
        } else if (i + 3 < n && digit(p[i + 1]) && digit(p[i + 2]) && digit(p[i + 3])) {
            int v = (p[i + 1] - '0') * 100 + (p[i + 2] - '0') * 10 + (p[i + 3] - '0');
            zl_buf_addc(out, (char)(v & 0xFF));
            i += 4;
        } else {
            zl_buf_addc(out, p[i + 1]);
            i += 2;
        }
    }
}

uint32_t zl_tok_raw_offset(const zl_tok *t, size_t decoded)
{
    size_t n;
    const char *p = zl_tok_inner(t, &n);
    size_t i = 0;
    for (size_t d = 0; d < decoded && i < n; d++) {
        if (p[i] == '\\' && i + 1 < n)
            i += (i + 3 < n && digit(p[i + 1]) && digit(p[i + 2]) && digit(p[i + 3])) ? 4 : 2;
        else
            i++;
    }
    return (uint32_t)((size_t)(p - t->p) + i);
}

const char *zl_type_name(uint16_t type, char *buf, size_t cap)
{
    const ldns_rr_descriptor *d = ldns_rr_descript(type);
    if (d && d->_name && strncmp(d->_name, "TYPE", 4) != 0)
        zl_copy_text(buf, cap, d->_name, SIZE_MAX); /* every finding's key names a type */
    else
        snprintf(buf, cap, "TYPE%u", type);
    return buf;
}
