/* The origin a zone file's name implies: db.example.com, example.com.zone,
 * example.com.db, or a file named example.com itself (its last label must be
 * a top-level domain, so that notes.txt is not taken for a zone). A trailing
 * ".signed" is ignored. */
#ifndef ZL_ORIGIN_H
#define ZL_ORIGIN_H

/* The origin with a final dot (caller frees), or NULL. */
char *zl_origin_from_filename(const char *path);

#endif
