/* JSON strings from text that may quote a file's raw bytes, for the JSON
 * and SARIF writers: jansson takes only valid UTF-8. */
#ifndef ZL_JSON_TEXT_H
#define ZL_JSON_TEXT_H

#include <jansson.h>

/* A new JSON string of s, bytes that are not UTF-8 written as \xNN. */
json_t *zl_json_text(const char *s);

#endif
