#include "lint/output/xml_text.h"

#include <stdlib.h>

#include "lint/util/util.h"

void zl_xml_put(FILE *f, const char *s)
{
    char *clean = zl_utf8_clean(s);
    for (const unsigned char *p = (const unsigned char *)clean; *p; p++) {
        switch (*p) {
        case '&': fputs("&amp;", f); break;
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '"': fputs("&quot;", f); break;
        case '\'': fputs("&apos;", f); break;
        case '\n': fputs("&#10;", f); break;
        case '\t': fputs("&#9;", f); break;
        case '\r': fputs("&#13;", f); break;
        default:
            if (*p < 0x20)
                fputs("\xEF\xBF\xBD", f);
            else
                fputc(*p, f);
        }
    }
    free(clean);
}
