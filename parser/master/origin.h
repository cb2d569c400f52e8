/* The origin a zone file's name implies: db.example.com, example.com.zone,
 * example.com.db, or a file named example.com itself (its last label must be
 * a top-level domain, so that notes.txt is not taken for a zone). A trailing
 * ".signed" is ignored. */
#ifndef ZL_ORIGIN_H
#define ZL_ORIGIN_H

#include "lint/model/names.h"

/* The origin with a final dot (caller frees), or NULL. */
char *zl_origin_from_filename(const char *path);

/* The name text (n bytes, absolute with or without its final dot) interned
 * in names; ZL_NAME_NONE when it is not a valid name. */
zl_name_id zl_origin_intern(zl_names *names, const char *text, size_t n);

#endif
