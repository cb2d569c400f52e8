/* Which records hold which of the strings SES's data names (DKIM tokens,
 * verification tokens, BYODKIM selectors), found in one pass over the
 * records for all of them. Searching the zones once per string made
 * --expect with a thousand identities take seconds on 100,000 records. A
 * hit is a candidate only: the check still asks its own question of it. */
#ifndef ZL_SES_HITS_H
#define ZL_SES_HITS_H

#include "lint/engine/lint.h"
#include "lint/util/keyed.h"

/* Where a string is looked for. */
enum {
    ZL_HITS_LABEL = 1, /* a label of the record's owner, in any case */
    ZL_HITS_VALUE = 2, /* within a CNAME target or a TXT text, exactly */
};

/* The shortest token worth looking for by its text alone: SES issues 32
 * octets (DKIM) and 44 (verification). A shorter one, in hand-made data,
 * would be found by chance in records that are no SES record at all (the
 * address of mail.example.com for the token "mail"). */
#define ZL_SES_TOKEN_MIN 16

/* A record: zone k of the zone set, record i of that zone. */
typedef struct zl_ses_ref {
    uint32_t zone, rec;
} zl_ses_ref;

/* Records in zone and file order. */
typedef struct zl_ses_refs {
    const zl_ses_ref *v;
    size_t n;
} zl_ses_refs;

/* The strings a check will look for, added first; the records are searched
 * when the first string's hits are asked for (a check whose records are
 * all in place never pays for it). */
typedef struct zl_ses_hits {
    const char **strings;
    unsigned *flags;
    size_t n, cap;
    bool built;
    size_t *first; /* the hits of string j are v[first[j] .. first[j + 1]) */
    zl_ses_ref *v;
} zl_ses_hits;

/* A hash of n octets (lowered first when lower) that rolls along a text:
 * the one the search uses, for other indexes of the same strings. */
uint64_t zl_ses_run_hash(const char *p, size_t n, bool lower);



/* Look for s (kept, not copied) where flags say; returns its number. Added
 * after a search, it makes the next one search the records again. */
size_t zl_ses_hits_add(zl_ses_hits *h, const char *s, unsigned flags);
/* The records that hold string j. */
zl_ses_refs zl_ses_hits_of(const zl_lint *l, zl_ses_hits *h, size_t j);
void zl_ses_hits_free(zl_ses_hits *h);

#endif
