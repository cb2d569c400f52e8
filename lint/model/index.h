/* Per-zone indexes shared by the checks: records grouped by owner and type,
 * and the delegation points (NS records below the apex). */
#ifndef ZL_INDEX_H
#define ZL_INDEX_H

#include <stddef.h>
#include <stdint.h>

#include "lint/model/model.h"

/* Kinds of record some checks look for, and only at the owners holding
 * one: TXT (or the old SPF type) for the mail-policy checks, MX for SES's
 * MAIL FROM. */
typedef enum zl_group_kind { ZL_GROUP_TXT, ZL_GROUP_MX, ZL_GROUP_KINDS } zl_group_kind;

typedef struct zl_index {
    /* Record indices grouped by owner, then by type; file order within. */
    uint32_t *order;
    size_t n;
    /* Owners below the apex that hold NS records (zone cuts): ncuts of
     * them, as bits over the ids [cut_lo, cut_lo + 64 * ncut_words), so the
     * cut test of every ancestor of every record is one bit. */
    size_t ncuts;
    uint64_t *cut_bits;
    uint32_t cut_lo;
    size_t ncut_words;
    /* For each kind, where each owner group holding one begins in order. */
    uint32_t *groups[ZL_GROUP_KINDS];
    size_t ngroups[ZL_GROUP_KINDS], groups_cap[ZL_GROUP_KINDS];
} zl_index;

zl_index *zl_index_build(const zl_zoneset *zs, const zl_zone *z);
void zl_index_free(zl_index *ix);

/* The highest zone cut at or above name (strictly below the apex), or
 * ZL_NAME_NONE. With strict, a cut at name itself does not count. */
zl_name_id zl_index_cut_above(const zl_index *ix, const zl_names *names, zl_name_id apex,
                              zl_name_id name, bool strict);

/* The records of owner: [*begin, *end) of order (empty when none). */
void zl_index_owner_range(const zl_index *ix, const zl_zone *z, zl_name_id owner, size_t *begin,
                          size_t *end);

/* Iterate groups: records [*begin, *end) of order share an owner. */
bool zl_index_next_owner(const zl_index *ix, const zl_zone *z, size_t *begin, size_t *end);
/* The same over the groups holding a record of kind only; *k counts them
 * (start it at 0). */
bool zl_index_next_owner_with(const zl_index *ix, const zl_zone *z, zl_group_kind kind,
                              size_t *k, size_t *begin, size_t *end);

#endif
