/* Is this file a whole zone? Decided once per zone, and asked by every rule
 * that needs the whole zone: the apex SOA and NS must be there only in a
 * master file read as a zone of its own, and a name is missing only when a
 * file holding all of its zone's records lacks it.
 *
 * The format says how much a file holds (parser/formats.c): a master file is
 * a whole zone; a provider export holds every record, but the provider owns
 * the SOA and NS; a change batch or an IaC plan holds the records it touches.
 * A master file that another loaded file $INCLUDEs is a fragment: a part; so
 * is a master file whose $INCLUDE could not be read, that is a template (its
 * records are made later) or has gdnsd DYNA/DYNC records, and an export whose reader left records out
 * (Route 53 and Azure aliases, octoDNS ignored or provider-specific records,
 * one file of an octoDNS split zone): names exist that the model lacks. */
#ifndef ZL_SCOPE_H
#define ZL_SCOPE_H

#include <stdbool.h>

#include "lint/model/model.h"

/* Mark as parts the zones whose file another loaded zone $INCLUDEs. */
void zl_scope_mark_fragments(zl_zoneset *zs);

/* The file must hold the apex SOA and NS records itself. */
static inline bool zl_scope_owns_apex(const zl_zone *z)
{
    return z->scope == ZL_SCOPE_ZONE;
}
/* The file holds every record of its zone: a name it lacks does not exist. */
static inline bool zl_scope_complete(const zl_zone *z)
{
    return z->scope != ZL_SCOPE_PART;
}

#endif
