/* Where an SES record belongs, which loaded zone must hold it, and why a
 * record found elsewhere does not count. Shared by the SES rule families.
 *
 * A name is served by the loaded zone with the deepest apex at or above it,
 * unless that zone delegates it (then by the child zone, when loaded). A
 * record that holds what SES wants but sits elsewhere is reported once: by
 * the rule of its cause when that rule is on (missing-trailing-dot,
 * duplicated-origin, occluded-by-delegation, out-of-zone), else as
 * ses-wrong-placement. */
#ifndef ZL_SES_PLACE_H
#define ZL_SES_PLACE_H

#include "lint/engine/lint.h"
#include "lint/ses/expect.h"
#include "rules/ses/hits.h"

typedef struct zl_ses_place {
    const zl_ses_identity *identity;
    char name[300];  /* the owner SES queries, without the final dot */
    zl_name_id id;   /* ZL_NAME_NONE when no loaded zone has that name */
    size_t zone;     /* the loaded zone that serves it */
} zl_ses_place;

/* A name (plain text, without the final dot) in the name table, or
 * ZL_NAME_NONE; *deepest: the deepest of its ancestors the table has. */
zl_name_id zl_ses_name_lookup(const zl_names *names, const char *name, zl_name_id *deepest);

/* The place of name (plain text, below or at identity->domain). False when
 * no loaded zone serves it: nothing to check there. */
bool zl_ses_place_find(zl_lint *l, const zl_ses_identity *identity, const char *name,
                       zl_ses_place *out);

/* Records of one owner in one zone: positions b .. e of the zone's index. */
typedef struct zl_ses_records {
    const zl_zone *z;
    const zl_index *ix;
    size_t b, e;
} zl_ses_records;
/* The records at the place, in its zone. */
zl_ses_records zl_ses_place_records(zl_lint *l, const zl_ses_place *p);
/* The record at position i, or NULL when its rdata could not be read
 * (syntax-error's finding: the SES rules leave it alone). */
const zl_record *zl_ses_record(const zl_ses_records *at, size_t i);
/* The place's zone. */
const zl_zone *zl_ses_place_zone(const zl_lint *l, const zl_ses_place *p);

/* A record that came close to the one SES wants: a token with a typo. */
typedef struct zl_ses_near {
    const zl_zone *z;
    const zl_record *r; /* NULL: nothing came close */
    zl_buf why;         /* how it differs: "the first label of its name differs: ..." */
} zl_ses_near;

/* Does r hold what SES wants (its token, say)? */
typedef bool (*zl_ses_holds_fn)(zl_lint *l, const zl_zone *z, const zl_record *r,
                                const void *ctx);

/* Search the records among (those that may hold what SES wants, in zone
 * and file order), the place itself excepted, for records that hold it.
 * Each is reported where it is (ses-wrong-placement, or the rule of its
 * cause when that rule is on), except one whose owner is a near miss of
 * the place (a typo in a token), kept in *near. line is the record to
 * write, for hints. Returns how many were misplaced. */
size_t zl_ses_find_elsewhere(zl_lint *l, const zl_ses_place *want, const zl_ses_refs *among,
                             zl_ses_holds_fn holds, const void *ctx, const char *what,
                             const char *line, zl_ses_near *near);
/* Where zl_ses_add_fix puts a new record: per zone, the last record of the
 * zone's own file among each name's children, worked out for a zone when
 * a record is first added to it. One per check: checks run on threads of
 * their own. */
typedef struct zl_ses_anchors {
    zl_keyed **by_zone; /* per zone: records under their parents; NULL until asked */
    size_t *n;
    size_t nzones;
} zl_ses_anchors;
void zl_ses_anchors_free(zl_ses_anchors *a);

/* A file-level finding in the place's zone file: what (e.g. "the Easy DKIM
 * CNAME of token 1 of 3") is missing; line is the record to add (concrete:
 * the record itself, not one with a placeholder, so a fix can write it),
 * near what came close. key: for --diff (taken over). */
void zl_ses_report_missing(zl_lint *l, zl_ses_anchors *anchors, const zl_rule *rule,
                           const zl_ses_place *want, char *key, const char *what,
                           const char *line, bool concrete, zl_ses_near *near);

/* The fix for a missing record: line inserted at a sensible place in the
 * place's zone file (rules/ses/add_record.c); NULL where it cannot go. */
zl_fix *zl_ses_add_fix(zl_lint *l, zl_ses_anchors *anchors, const zl_ses_place *want,
                       const char *line);

/* Length of line's owner ("name. TYPE ...") written relative to origin when
 * it lies below it (the whole owner otherwise). */
size_t zl_ses_owner_len(zl_lint *l, zl_name_id origin, const char *line);
/* Record r rewritten as line ("owner. TYPE rdata"; its TTL and class stay):
 * only a record alone on its line with its owner written at the start; NULL
 * otherwise. */
zl_fix *zl_ses_rewrite_fix(zl_lint *l, const zl_zone *z, const zl_record *r, const char *line,
                           zl_fix_safety safety);

/* True when a value rule that is on (value-whitespace, value-quoting)
 * reports r: the SES rules then stay quiet about its value. */
bool zl_ses_value_reported(zl_lint *l, const zl_zone *z, const zl_record *r);
/* True when the rule that reports a fault of rdata name i is on. */
bool zl_ses_rdata_name_reported(zl_lint *l, const zl_zone *z, const zl_record *r, unsigned i);

/* A name without its final dot. */
void zl_ses_plain_name(const zl_names *names, zl_name_id id, zl_buf *out);
/* The token to point at for a record's name: its owner, or its type when
 * the owner was inherited from the line above. */
static inline unsigned zl_ses_owner_tok(const zl_record *r)
{
    return (r->flags & ZL_REC_OWNER_WRITTEN) ? 0 : zl_record_i_type(r);
}

/* The region whose DKIM domain the identity's records use (a DEED replica
 * uses its parent's), or NULL. */
const char *zl_ses_dkim_region(const zl_ses_identity *id);
/* A key for --diff: identity, kind and token. */
char *zl_ses_key(const zl_ses_identity *id, const char *kind, const char *token);

#endif
