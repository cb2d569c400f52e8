#include "lint/output/json_text.h"

#include <stdlib.h>

#include "lint/util/util.h"

json_t *zl_json_text(const char *s)
{
    char *clean = zl_utf8_clean(s);
    json_t *v = json_string(clean);
    free(clean);
    return v;
}
