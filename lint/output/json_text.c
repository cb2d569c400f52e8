#include "lint/output/json_text.h"

#include <stdlib.h>
#include <string.h>

#include "lint/util/util.h"

json_t *zl_json_text(const char *s)
{
    char *clean = zl_utf8_clean(s);
    /* Valid UTF-8 now: jansson need not check it again. */
    json_t *v = json_stringn_nocheck(clean, strlen(clean));
    free(clean);
    return v;
}
