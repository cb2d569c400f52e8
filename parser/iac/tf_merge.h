/* The records of one hosted zone are often spread over the files of a
 * module (DKIM in ses.tf, SPF in dns.tf): read file by file, they are then
 * joined into one zone, so that rules about a zone as a whole (a MAIL FROM
 * MX and its SPF, duplicates, CNAME and other data) see all of them. */
#ifndef ZL_TF_MERGE_H
#define ZL_TF_MERGE_H

#include "lint/model/model.h"

/* Join z, the zone just read, into an earlier zone of the same format,
 * apex and directory, among zs->zones[first...] (those of one reading of a
 * module: two callers of a module are two deployments, never one zone), or,
 * when z holds only findings, into one of the same file; z is then removed
 * from zs. */
void tf_merge_zone(zl_zoneset *zs, zl_zone *z, size_t first);

#endif
