/* What the provider export readers share: decoding an export as JSON or
 * YAML with positions, reporting a file that cannot be read as its format,
 * and reading an export that is a list of records. */
#ifndef ZL_EXPORT_INPUT_H
#define ZL_EXPORT_INPUT_H

#include "parser/exports/json_pos.h"
#include "parser/exports/synth.h"
#include "parser/exports/yaml_pos.h"
#include "parser/formats.h"

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
/* An export that is a list of records, read one record at a time, each
 * decoded alone (parser/exports/json_stream.h). */
typedef struct zl_jreader {
    const zl_jdoc *d; /* the record being read */
    zl_synth s;
    char *zone; /* the zone the export names, with its final dot, or NULL */
} zl_jreader;
/* Read such an export: an array of records, or an object holding it under
 * key. The first record whose zone_key is a string names the zone (zone
 * makes its name from that string, caller frees; NULL: none), which becomes
 * the origin; record reads each record. */
bool zl_read_json_records(zl_input *in, const char *format, const char *key,
                          const char *zone_key, char *(*zone)(const char *value),
                          void (*record)(zl_jreader *r, zl_jval rec), char **err);

#endif
