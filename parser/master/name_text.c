#include "parser/master/name_text.h"

#include <ldns/ldns.h>
#include <stdlib.h>
#include <string.h>

#include "lint/util/util.h"

static const char too_long[] = "the name is longer than 255 octets once the origin is appended";

/* Letters, digits and - _ * . : a name of only these needs no unescaping.
 * A table (2 for the dot, 1 for the others, 0 for any other octet, the
 * NUL that ends a string included): every owner and rdata name is scanned
 * with it. */
enum { PLAIN = 1, DOT = 2 };
static const uint8_t plain_class[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 2, 0,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0,
    0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 1,
    0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
};

static zl_name_id label(zl_names *add, const zl_names *names, zl_name_id parent,
                        const char *p, size_t n)
{
    return add ? zl_names_child(add, parent, (const uint8_t *)p, n)
               : zl_names_find_child(names, parent, (const uint8_t *)p, n);
}

/* The dots of a plain name, found as its octets are checked, so that it is
 * read from its last label without a second scan. The last DOTS are kept:
 * all that reading can reach, since 128 labels take more than the 255
 * octets of a name, so the table stops the reading before (a longer name
 * is never in it, and zl_names_child refuses to make one). */
#define DOTS 128
typedef struct plain_dots {
    size_t n;        /* dots seen */
    size_t at[DOTS]; /* the offset of dot k is at[k % DOTS] */
} plain_dots;

/* Whether text holds only plain octets; d gets its dots. */
static bool scan_plain(const char *text, size_t len, plain_dots *d)
{
    d->n = 0;
    for (size_t i = 0; i < len; i++) {
        uint8_t c = plain_class[(unsigned char)text[i]];
        if (c == DOT)
            d->at[d->n++ % DOTS] = i;
        else if (c == 0)
            return false;
    }
    return true;
}

/* A plain name of end octets whose first ndots dots are d's, labels last
 * to first. */
static void read_plain(zl_names *add, const zl_names *names, zl_name_id base, const char *text,
                       size_t end, const plain_dots *d, size_t ndots, zl_name_read *r)
{
    zl_name_id id = base;
    size_t stop = end;
    for (size_t k = ndots; k > 0; k--) {
        size_t i = d->at[(k - 1) % DOTS] + 1;
        if (stop - i == 0 || stop - i > 63) {
            r->why = stop == i ? "Empty label" : "Label length overflow";
            return;
        }
        if ((id = label(add, names, id, text + i, stop - i)) == ZL_NAME_NONE) {
            r->why = add ? too_long : NULL;
            return;
        }
        stop = i - 1;
    }
    if (stop == 0 || stop > 63) {
        r->why = stop == 0 ? "Empty label" : "Label length overflow";
        return;
    }
    id = label(add, names, id, text, stop);
    r->why = id == ZL_NAME_NONE && add ? too_long : NULL;
    r->id = id;
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
    plain_dots d;
    if (!scan_plain(text, len, &d)) {
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
            read_plain(add, names, base, text, r.absolute ? len - 1 : len, &d,
                       r.absolute ? d.n - 1 : d.n, &r);
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

zl_name_ahead zl_names_look_ahead(const zl_names *names, zl_name_id origin, const char *text,
                                  size_t len)
{
    zl_name_ahead none = {0};
    if (len == 0 || text[len - 1] == '.' || origin == ZL_NAME_NONE)
        return none; /* absolute names are rarer in large zones: not worth it */
    plain_dots d;
    if (!scan_plain(text, len, &d))
        return none;
    zl_name_id parent = origin;
    size_t stop = len;
    for (size_t k = d.n; k > 0 && parent != ZL_NAME_NONE; k--) {
        size_t i = d.at[(k - 1) % DOTS] + 1;
        parent = zl_names_find_child(names, parent, (const uint8_t *)text + i, stop - i);
        stop = i - 1;
    }
    if (parent == ZL_NAME_NONE) {
        if (d.n > ZL_AHEAD_DOTS || text[0] == '.')
            return none;
        zl_name_ahead a = {.text = text, .len = len, .origin = origin, .parent = parent,
                           .ndots = d.n};
        memcpy(a.dots, d.at, d.n * sizeof d.at[0]);
        return a;
    }
    if (stop == 0)
        return none;
    zl_names_prefetch(names, parent, (const uint8_t *)text, stop);
    return (zl_name_ahead){.text = text, .len = len, .origin = origin, .parent = parent,
                           .first = stop};
}

zl_name_read zl_name_from_text_ahead(zl_names *add, zl_name_id origin, const char *text,
                                     size_t len, const zl_name_ahead *ahead)
{
    /* The labels above the first exist, so they are valid and only the
     * first is added; when it cannot be (too long, say), the full reading
     * says why. */
    if (ahead->text == text && ahead->len == len && ahead->origin == origin) {
        if (ahead->parent == ZL_NAME_NONE) {
            /* The plain relative name zl_name_from_text would read, as it
             * reads one, but from the dots found ahead. */
            plain_dots d;
            memcpy(d.at, ahead->dots, ahead->ndots * sizeof d.at[0]);
            zl_name_read r = {.id = ZL_NAME_NONE};
            read_plain(add, add, origin, text, len, &d, ahead->ndots, &r);
            return r;
        }
        zl_name_id id = zl_names_child(add, ahead->parent, (const uint8_t *)text, ahead->first);
        if (id != ZL_NAME_NONE)
            return (zl_name_read){.id = id};
    }
    return zl_name_from_text(add, add, origin, text, len);
}
