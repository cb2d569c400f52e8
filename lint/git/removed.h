/* What a change took away: the SES-shaped records (lint/ses/shape.h) of the
 * base commit's files that the new versions lack, compared by owner, type
 * and value (as DNS compares them: case and relative names do not matter,
 * a lost final dot does). lint/git/git.c works the list out before the checks
 * run; rules/ses/removed.c reports it. */
#ifndef ZL_REMOVED_H
#define ZL_REMOVED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lint/engine/finding.h"
#include "lint/model/model.h"

struct zl_ses_expect;

typedef struct zl_removed_rec {
    const char *kind; /* "Easy DKIM CNAME", ... */
    char *path;       /* the file that held it in the base commit */
    uint32_t line;
    char *record;     /* owner, type and value as they were */
    char *owner;      /* the owner, for a zonelint-removed: comment */
    char *report_path; /* the file's name now, or its old name when it is gone */
    /* The new record with the same owner and type and another value, which
     * replaced it, or NULL when there is none. */
    const zl_zone *zone;
    const zl_record *rec;
} zl_removed_rec;

typedef struct zl_removed {
    char *base; /* the base commit as the user named it, with its id */
    zl_removed_rec *v;
    size_t n, cap;
} zl_removed;

/* The name a base file has in the new version (NULL: deleted). */
typedef const char *(*zl_renamed_fn)(void *ctx, const char *base_path);

/* Fill out with the SES records of base (the base commit's versions of the
 * changed files) missing from head (the new versions). Left out: records
 * with an error among base_found (base's own findings: they never worked, so
 * fixing them removes nothing); an SPF record with include:amazonses.com at
 * a name that is no MAIL FROM domain (not SES's record); records the SES
 * data (ses, may be NULL) no longer lists for their identity, and records
 * at a name a `zonelint-removed: NAME` comment of the new file names (removed
 * on purpose). out->base is set by the caller. */
void zl_removed_find(const zl_zoneset *base, const zl_findings *base_found,
                     const zl_zoneset *head, const struct zl_ses_expect *ses,
                     zl_renamed_fn renamed, void *ctx, zl_removed *out);
void zl_removed_free(zl_removed *r);
/* Whether base has an SES-shaped record head lacks: false means
 * zl_removed_find would find nothing, whatever base's findings. */
bool zl_removed_possible(const zl_zoneset *base, const zl_zoneset *head);
/* Whether the text of a base file (path as the repository names it) may
 * hold an SES record, before it is read: false only for a master file that
 * never mentions amazonses (every SES record does: the DKIM and MAIL FROM
 * targets, include:amazonses.com, the _amazonses owner) and has no $INCLUDE
 * that could bring one in. Other formats always may (values built by
 * expressions, module calls, escapes in JSON); escapes that spell the word
 * in a master file (\097mazonses) are not looked for. */
bool zl_removed_text_may_hold(const char *path, const char *text, size_t len);

#endif
