/* Helpers for rules that read TXT values: the joined value of a record's
 * strings, and whether the value-* rules already have something to say about
 * it (mail-authentication rules then stay quiet: one cause, one finding). */
#ifndef ZL_TXT_H
#define ZL_TXT_H

#include <stdbool.h>
#include <string.h>

#include "lint/engine/lint.h"

bool zl_is_txt_type(uint16_t type);
/* A TXT record's strings, each found once, and their decoded joined value.
 * Rules that look at a value several times read it here: finding a token's
 * end rescans it, and a DKIM key's strings run to hundreds of octets. The
 * storage is kept from record to record: read records one after another
 * into one view, free it once. */
typedef struct zl_txt_view {
    zl_tok *tok;    /* the rdata strings, n of them */
    size_t *starts; /* where each string begins in value */
    unsigned n;
    zl_buf value;   /* decoded and joined, NUL-terminated */
    size_t tcap, scap;
} zl_txt_view;
void zl_txt_view_read(zl_txt_view *v, const zl_zoneset *zs, const zl_zone *z,
                      const zl_record *r);
void zl_txt_view_free(zl_txt_view *v);

/* The strings of a TXT record decoded and joined, as a resolver hands them
 * to SPF, DKIM and DMARC. */
void zl_txt_value(const zl_zoneset *zs, const zl_zone *z, const zl_record *r, zl_buf *out);
/* The same, noting in starts (one per string) where each string begins in
 * the joined value, so that a position can be traced back to its string. */
void zl_txt_value_starts(const zl_zoneset *zs, const zl_zone *z, const zl_record *r,
                         zl_buf *out, size_t *starts);
/* Whether the joined value may begin with prefix (any case), told from the
 * first string as written when that settles it (at least as long as the
 * prefix, no escape within it): a rule lets out the records that cannot be
 * what it looks for without decoding them. */
bool zl_txt_may_start_ci(const zl_zoneset *zs, const zl_zone *z, const zl_record *r,
                         const char *prefix);
/* The string (of n, with the starts above) that holds octet pos of the value. */
unsigned zl_txt_string_at(const size_t *starts, unsigned n, size_t pos);
/* A value that needs no escapes (a DKIM key) as quoted strings of at most
 * 255 octets: "first 255" "the rest". */
void zl_txt_split(const char *p, size_t n, zl_buf *out);
/* True when value-whitespace or value-quoting fires on the record. */
bool zl_txt_has_value_problem(const zl_zoneset *zs, const zl_zone *z, const zl_record *r);
/* The same for a record already read into v. */
bool zl_txt_view_has_value_problem(const zl_zoneset *zs, const zl_zone *z, const zl_record *r,
                                   const zl_txt_view *v);

/* Length in octets of the white space (ASCII blanks, line breaks, no-break,
 * zero-width and other Unicode spaces in UTF-8) at p, 0 if none. */
size_t zl_space_at(const char *p, size_t n);
/* Length of white space ending at p + n, 0 if none. */
size_t zl_space_before(const char *p, size_t n);
/* Length of a typographic quote mark at p (UTF-8), 0 if none. */
size_t zl_smart_quote_at(const char *p, size_t n);

/* Whether the first label of an owner name is label, given in lower case as
 * the name table keeps labels. Inline, so that a literal label's length is
 * known where it is asked: most labels differ from it in length alone, and
 * the rest are compared in a few words. */
static inline bool zl_owner_label_is(const zl_zoneset *zs, zl_name_id owner, const char *label)
{
    if (owner == ZL_NAME_NONE || owner == ZL_NAME_ROOT)
        return false;
    size_t len, n = strlen(label);
    const uint8_t *l = zl_names_label(&zs->names, owner, &len);
    return len == n && memcmp(l, label, n) == 0;
}

#endif
