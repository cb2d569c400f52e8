/* Checkstyle XML, which Jenkins (warnings-ng), many IDEs and review tools
 * read: a <file> per path with findings, an <error> per finding. A finding
 * about a whole file points at line 1, without a column. */
#include <string.h>

#include "lint/output/output.h"
#include "lint/output/xml_text.h"

static const char *severity(zl_severity s)
{
    return s == ZL_SEV_ERROR ? "error" : s == ZL_SEV_WARNING ? "warning" : "info";
}

static bool write_checkstyle(FILE *f, const zl_report *r)
{
    const zl_findings *fs = r->fs;
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n", f);
    for (size_t i = 0; i < fs->n; i++) {
        const zl_finding *x = &fs->v[i];
        if (i == 0 || strcmp(fs->v[i - 1].path, x->path) != 0) {
            fputs("  <file name=\"", f);
            zl_xml_put(f, x->path);
            fputs("\">\n", f);
        }
        fprintf(f, "    <error line=\"%u\"", x->line ? x->line : 1);
        if (x->line)
            fprintf(f, " column=\"%u\"", zl_col(r, &zl_writer_checkstyle, x, x->col));
        fprintf(f, " severity=\"%s\" message=\"", severity(x->severity));
        zl_xml_put(f, x->message);
        fputs(" (hint: ", f);
        zl_xml_put(f, x->hint ? x->hint : x->rule->hint);
        fprintf(f, ")\" source=\"zonelint.%s\"/>\n", x->rule->id);
        if (i + 1 == fs->n || strcmp(fs->v[i + 1].path, x->path) != 0)
            fputs("  </file>\n", f);
    }
    fputs("</checkstyle>\n", f);
    return !ferror(f);
}

const zl_writer zl_writer_checkstyle = {
    .name = "checkstyle", .write = write_checkstyle, .columns = ZL_COLUMN_CHAR};
