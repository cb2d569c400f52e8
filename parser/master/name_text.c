#include "parser/master/name_text.h"

#include <ldns/ldns.h>
#include <stdlib.h>
#include <string.h>

#include "lint/util/util.h"

static const char too_long[] = "the name is longer than 255 octets once the origin is appended";

/* Letters, digits and - _ * . : a name of only these needs no unescaping.
 * Every owner and rdata name is scanned with it, a look-up a byte. */
#define PLAIN_RANGE(a) [a] = true, [a + 1] = true, [a + 2] = true, [a + 3] = true, [a + 4] = true
static const bool plain[256] = {
    ['*'] = true, ['-'] = true, ['.'] = true, ['_'] = true,
    PLAIN_RANGE('0'), PLAIN_RANGE('5'),
    PLAIN_RANGE('A'), PLAIN_RANGE('F'), PLAIN_RANGE('K'), PLAIN_RANGE('P'), PLAIN_RANGE('U'),
    ['Z'] = true,
    PLAIN_RANGE('a'), PLAIN_RANGE('f'), PLAIN_RANGE('k'), PLAIN_RANGE('p'), PLAIN_RANGE('u'),
    ['z'] = true,
};
#undef PLAIN_RANGE

static bool plain_char(char c)
{
    return plain[(unsigned char)c];
}

/* The labels of a plain name below one just created are new too, and get
 * the ids that follow it: their hashes (each takes its parent's id) are
 * known now, and their slots are fetched all at once, so that the cache
 * misses of a long new chain overlap instead of waiting one for another. */
static void prefetch_new_chain(const zl_names *t, const char *text, const size_t *from,
                               const size_t *len, size_t k, size_t n, zl_name_id parent,
                               uint32_t *hash)
{
    for (; k < n; k++, parent++) {
        hash[k] = zl_names_hash(parent, (const uint8_t *)text + from[k], len[k]);
        zl_names_prefetch(t, hash[k]);
    }
}

/* A plain name (no escapes, checked by the caller), labels last to first:
 * found first, then interned. No valid name has 128 labels. */
static void read_plain(zl_names *add, const zl_names *names, zl_name_id base, const char *text,
                       size_t end, zl_name_read *r)
{
    enum { MAX_LABELS = 128 };
    size_t from[MAX_LABELS], len[MAX_LABELS], n = 0, stop = end;
    const char *bad = NULL;
    for (size_t i = end + 1; i > 0 && n < MAX_LABELS; i--) {
        if (i - 1 != 0 && text[i - 2] != '.')
            continue;
        size_t f = i - 1, l = stop - f;
        if (l == 0 || l > 63) {
            bad = l == 0 ? "Empty label" : "Label length overflow";
            break;
        }
        from[n] = f, len[n++] = l;
        stop = f == 0 ? 0 : f - 1;
    }
    uint32_t hash[MAX_LABELS];
    size_t known = n; /* labels from here have their hash in hash[] */
    zl_name_id id = base;
    for (size_t k = 0; k < n; k++) {
        const uint8_t *l = (const uint8_t *)text + from[k];
        if (!add) {
            id = zl_names_find_child(names, id, l, len[k]);
        } else {
            size_t before = add->n;
            id = k >= known ? zl_names_child_hashed(add, id, l, len[k], hash[k])
                            : zl_names_child(add, id, l, len[k]);
            if (add->n > before && known == n && k + 1 < n) {
                prefetch_new_chain(add, text, from, len, k + 1, n, id, hash);
                known = k + 1;
            }
        }
        if (id == ZL_NAME_NONE) {
            r->why = add ? too_long : NULL;
            return;
        }
    }
    r->why = bad;
    r->id = bad ? ZL_NAME_NONE : id;
}

static void read_escaped(zl_names *add, const zl_names *names, zl_name_id origin,
                         const char *text, size_t len, zl_name_read *r)
{
    char *copy = zl_xstrndup(text, len);
    ldns_rdf *rdf = NULL;
    ldns_status st = ldns_str2rdf_dname(&rdf, copy);
    if (st != LDNS_STATUS_OK || !rdf) {
        r->why = ldns_get_errorstr_by_id(st);
    } else {
        r->absolute = ldns_dname_str_absolute(copy);
        zl_name_id base = r->absolute ? ZL_NAME_ROOT : origin;
        if (base == ZL_NAME_NONE) {
            r->needs_origin = true;
        } else {
            r->id = add ? zl_names_add_wire(add, base, ldns_rdf_data(rdf), ldns_rdf_size(rdf))
                        : zl_names_find_wire(names, base, ldns_rdf_data(rdf),
                                             ldns_rdf_size(rdf));
            if (r->id == ZL_NAME_NONE && add)
                r->why = too_long;
        }
    }
    ldns_rdf_deep_free(rdf);
    free(copy);
}

zl_name_read zl_name_from_text(zl_names *add, const zl_names *names, zl_name_id origin,
                               const char *text, size_t len)
{
    zl_name_read r = {.id = ZL_NAME_NONE};
    if (len == 1 && text[0] == '@') {
        r.absolute = true;
        r.id = origin;
        r.needs_origin = origin == ZL_NAME_NONE;
        return r;
    }
    size_t i = 0;
    while (i < len && plain_char(text[i]))
        i++;
    if (i < len) {
        read_escaped(add, names, origin, text, len, &r);
    } else if (len == 1 && text[0] == '.') {
        r.absolute = true;
        r.id = ZL_NAME_ROOT;
    } else if (len == 0 || text[0] == '.') {
        r.why = "Empty label";
    } else {
        r.absolute = text[len - 1] == '.';
        zl_name_id base = r.absolute ? ZL_NAME_ROOT : origin;
        if (base == ZL_NAME_NONE)
            r.needs_origin = true;
        else
            read_plain(add, names, base, text, r.absolute ? len - 1 : len, &r);
    }
    if (r.needs_origin)
        r.why = "relative name, but no origin is known here";
    return r;
}

bool zl_name_text_absolute(const char *text, size_t len)
{
    if (len == 1 && text[0] == '@')
        return true;
    /* Only an escape can make a final dot part of a label. */
    if (!memchr(text, '\\', len))
        return len > 0 && text[len - 1] == '.';
    char *copy = zl_xstrndup(text, len);
    bool absolute = ldns_dname_str_absolute(copy);
    free(copy);
    return absolute;
}

/* The name a suffix is under base, looked up only: ZL_NAME_NONE when a
 * byte is not plain, a label is empty or a label was never interned. */
static zl_name_id suffix_lookup(const zl_names *names, zl_name_id base, const char *suf,
                                size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!plain_char(suf[i]))
            return ZL_NAME_NONE;
    zl_name_read r = {.id = ZL_NAME_NONE};
    read_plain(NULL, names, base, suf, n, &r);
    return r.id;
}

/* Subdomains of a zone often differ in their last byte (dc1, dc2): it is
 * compared before the rest. */
static zl_name_id memo_find(const zl_suffix_memo *m, zl_name_id origin, const char *suf, size_t n)
{
    if (n == 0)
        return ZL_NAME_NONE;
    for (unsigned k = 0; k < ZL_SUFFIX_MEMO; k++)
        if (m->len[k] == n && m->text[k][n - 1] == suf[n - 1] && m->origin[k] == origin &&
            memcmp(m->text[k], suf, n - 1) == 0)
            return m->id[k];
    return ZL_NAME_NONE;
}

static void memo_put(zl_suffix_memo *m, zl_name_id origin, const char *suf, size_t n,
                     zl_name_id id)
{
    unsigned k = m->next++ % ZL_SUFFIX_MEMO;
    m->text[k] = suf;
    m->len[k] = n;
    m->origin[k] = origin;
    m->id[k] = id;
}

/* The length of text's first label when it is plain and not empty; 0 when
 * it is empty or holds a byte that is not plain. */
static size_t plain_first_label(const char *text, size_t len)
{
    size_t first = 0;
    for (; first < len && text[first] != '.'; first++)
        if (!plain_char(text[first]))
            return 0;
    return first;
}

zl_name_ahead zl_names_look_ahead(const zl_names *names, zl_suffix_memo *memo, zl_name_id origin,
                                  const char *text, size_t len)
{
    zl_name_ahead none = {0};
    bool absolute = len > 0 && text[len - 1] == '.';
    zl_name_id base = absolute ? ZL_NAME_ROOT : origin;
    size_t end = absolute ? len - 1 : len; /* without the final dot */
    if (end == 0 || base == ZL_NAME_NONE)
        return none;
    size_t first = plain_first_label(text, end);
    if (first == 0)
        return none;
    zl_name_id parent = base;
    if (first < end) {
        /* A suffix in the memo was read well under this base before: it is
         * the same name again. The memo keeps an absolute suffix with its
         * final dot, as zl_name_from_text_memo does. */
        const char *suf = text + first + 1;
        size_t n = len - first - 1;
        parent = memo_find(memo, base, suf, n);
        if (parent == ZL_NAME_NONE) {
            parent = suffix_lookup(names, base, suf, end - first - 1);
            if (parent == ZL_NAME_NONE)
                return none;
            memo_put(memo, base, suf, n, parent);
        }
    }
    uint32_t hash = zl_names_hash(parent, (const uint8_t *)text, first);
    zl_names_prefetch(names, hash);
    return (zl_name_ahead){.text = text, .len = len, .origin = origin, .parent = parent,
                           .first = first, .hash = hash, .absolute = absolute};
}

zl_name_read zl_name_from_text_ahead(zl_names *add, zl_name_id origin, const char *text,
                                     size_t len, const zl_name_ahead *ahead)
{
    /* The labels above the first exist, so they are valid and only the
     * first is added; when it cannot be (too long, say), the full reading
     * says why. */
    if (ahead->text == text && ahead->len == len && ahead->origin == origin) {
        zl_name_id id = zl_names_child_hashed(add, ahead->parent, (const uint8_t *)text,
                                              ahead->first, ahead->hash);
        if (id != ZL_NAME_NONE)
            return (zl_name_read){.id = id, .absolute = ahead->absolute};
    }
    return zl_name_from_text(add, add, origin, text, len);
}

zl_name_read zl_name_from_text_memo(zl_names *add, zl_suffix_memo *memo, zl_name_id origin,
                                    const char *text, size_t len)
{
    size_t first = plain_first_label(text, len);
    if (first == 0 || first + 1 >= len)
        return zl_name_from_text(add, add, origin, text, len); /* escaped, one label, or empty */
    bool absolute = text[len - 1] == '.';
    zl_name_id base = absolute ? ZL_NAME_ROOT : origin;
    const char *suf = text + first + 1;
    size_t n = len - first - 1;
    zl_name_id parent = base == ZL_NAME_NONE ? ZL_NAME_NONE : memo_find(memo, base, suf, n);
    if (parent != ZL_NAME_NONE) {
        zl_name_id id = zl_names_child(add, parent, (const uint8_t *)text, first);
        if (id != ZL_NAME_NONE)
            return (zl_name_read){.id = id, .absolute = absolute};
    }
    /* Text read once under a base is the same name every time (escapes and
     * all): the suffix of a name read well is the parent of that name. */
    zl_name_read r = zl_name_from_text(add, add, origin, text, len);
    if (r.id != ZL_NAME_NONE && !r.why)
        memo_put(memo, base, suf, n, zl_names_parent(add, r.id));
    return r;
}
