/* The input formats: BIND master files and provider exports, recognised by
 * their content (--input-format names one instead). Each format has a
 * reader that turns the file into zones of zs. */
#ifndef ZL_FORMATS_H
#define ZL_FORMATS_H

#include <stdbool.h>
#include <stddef.h>

#include "parser/exports/json_pos.h"
#include "parser/master/master.h"
#include "parser/exports/yaml_pos.h"

typedef struct zl_input {
    zl_zoneset *zs;
    const char *path; /* as shown in findings */
    char *text;       /* the file, NUL-terminated; the reader owns it */
    size_t len;
    const zl_master_opts *o;
} zl_input;

typedef struct zl_format {
    const char *name;
    /* Read in->text into zones; false with *err when the file cannot be read
     * as this format at all (a problem in one record is a finding instead). */
    bool (*read)(zl_input *in, char **err);
    zl_scope scope; /* how much of its zone such a file holds */
} zl_format;

/* The format of that name, NULL when there is none. */
const zl_format *zl_format_find(const char *name);
/* Every name, comma-separated, for messages. */
extern const char zl_format_list[];
/* The format the content shows; "bind" when nothing else fits. */
const zl_format *zl_format_detect(const char *text, size_t len, const char *path);

/* Read the input as format (NULL or "auto": detected). */
bool zl_format_read(zl_input *in, const char *format, char **err);

/* "path:line:col: cannot read as FORMAT: reason", at offset off of the file. */
char *zl_format_error(const zl_input *in, size_t off, const char *format, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* A reader that cannot go on: *err says why (why is handed over), and the
 * input's text is freed; returns false. */
bool zl_input_fail(zl_input *in, size_t off, const char *format, char *why, char **err);
/* Decode the input as JSON (into json) or YAML (into yaml); on failure *err
 * says where, as that format, and the input's text is freed. */
bool zl_input_decode(zl_input *in, const char *format, zl_jdoc *json, zl_ydoc *yaml,
                     char **err);
/* The same for an export that is an array of records, or an object holding
 * it under key: *list is that array. */
bool zl_input_json_list(zl_input *in, const char *format, const char *key, zl_jdoc *d,
                        zl_jval *list, char **err);
/* An export that is a list of records, read one record at a time. */
typedef struct zl_jreader {
    zl_jdoc d;
    zl_synth s;
    char *zone; /* the zone the export names, with its final dot, or NULL */
} zl_jreader;
/* Read such an export: zone (may be NULL) tells the zone's name from the
 * list (caller frees), which becomes the origin; record reads each record. */
bool zl_read_json_records(zl_input *in, const char *format, const char *key,
                          char *(*zone)(zl_jreader *r, zl_jval list),
                          void (*record)(zl_jreader *r, zl_jval rec), char **err);

#endif
