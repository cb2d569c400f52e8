/* libFuzzer target for parser/exports/json_walk.c: arbitrary bytes walked
 * at every level. The walker may be looser than jansson (it only delimits
 * numbers and strings) but never stricter: a text jansson decodes must walk
 * without an error, or a valid plan would be refused. */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>

#include "parser/exports/json_walk.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    zl_jspan root;
    char *err = NULL;
    size_t off = 0;
    bool walked = zl_jwalk_root(text, size, &root, &err, &off) &&
                  zl_jwalk_check(text, root, &err, &off);
    if (walked != (err == NULL) || (err && off > size))
        abort();
    free(err);
    json_error_t je;
    json_t *v = json_loadb(text, size, JSON_DECODE_ANY, &je);
    if (v && !walked)
        abort();
    json_decref(v);
    return 0;
}
