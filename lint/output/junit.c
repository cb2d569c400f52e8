/* JUnit XML, which CI systems (GitLab, Jenkins, Azure Pipelines) show as a
 * test report: a test suite per file linted, a failed test case per
 * finding, and one passing case for a file without findings. */
#include <stdlib.h>
#include <string.h>

#include "lint/output/output.h"
#include "lint/output/xml_text.h"
#include "lint/util/util.h"

/* Every path: the zones' and the findings', sorted, each once. */
static const char **paths(const zl_report *r, size_t *n)
{
    const zl_findings *fs = r->fs;
    const char **v = zl_xmalloc((r->zs->nzones + fs->n + 1) * sizeof *v);
    size_t k = 0;
    for (size_t i = 0; i < r->zs->nzones; i++)
        v[k++] = r->zs->zones[i]->path;
    for (size_t i = 0; i < fs->n; i++)
        v[k++] = fs->v[i].path;
    qsort(v, k, sizeof *v, zl_cmp_strings);
    size_t u = 0;
    for (size_t i = 0; i < k; i++)
        if (u == 0 || strcmp(v[u - 1], v[i]) != 0)
            v[u++] = v[i];
    *n = u;
    return v;
}

static void failure(FILE *f, const zl_report *r, const zl_finding *x)
{
    fputs("    <testcase classname=\"", f);
    zl_xml_put(f, x->path);
    fprintf(f, "\" name=\"%s", x->rule->id);
    if (x->line)
        fprintf(f, " at %u:%u", x->line, zl_col(r, &zl_writer_junit, x, x->col));
    fputs("\" file=\"", f);
    zl_xml_put(f, x->path);
    fprintf(f, "\" line=\"%u\">\n      <failure type=\"%s\" message=\"", x->line ? x->line : 1,
            x->rule->id);
    zl_xml_put(f, x->message);
    fputs("\">", f);
    zl_xml_put(f, x->path);
    if (x->line)
        fprintf(f, ":%u:%u", x->line, zl_col(r, &zl_writer_junit, x, x->col));
    fprintf(f, ": %s: ", zl_severity_name(x->severity));
    zl_xml_put(f, x->message);
    fprintf(f, " [%s]\nhint: ", x->rule->id);
    zl_xml_put(f, x->hint ? x->hint : x->rule->hint);
    fputs("</failure>\n    </testcase>\n", f);
}

static bool write_junit(FILE *f, const zl_report *r)
{
    const zl_findings *fs = r->fs;
    size_t np;
    const char **v = paths(r, &np);
    size_t tests = 0;
    for (size_t p = 0, i = 0; p < np; p++) {
        size_t from = i;
        while (i < fs->n && strcmp(fs->v[i].path, v[p]) == 0)
            i++;
        tests += i > from ? i - from : 1;
    }
    fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
               "<testsuites name=\"zonelint\" tests=\"%zu\" failures=\"%zu\" errors=\"0\">\n",
            tests, fs->n);
    /* Findings are sorted by path, as the paths are: one walk over both. */
    for (size_t p = 0, i = 0; p < np; p++) {
        size_t from = i;
        while (i < fs->n && strcmp(fs->v[i].path, v[p]) == 0)
            i++;
        fputs("  <testsuite name=\"", f);
        zl_xml_put(f, v[p]);
        fprintf(f, "\" tests=\"%zu\" failures=\"%zu\" errors=\"0\">\n", i > from ? i - from : 1,
                i - from);
        if (i == from) {
            fputs("    <testcase classname=\"", f);
            zl_xml_put(f, v[p]);
            fputs("\" name=\"zonelint\"/>\n", f);
        }
        for (size_t k = from; k < i; k++)
            failure(f, r, &fs->v[k]);
        fputs("  </testsuite>\n", f);
    }
    fputs("</testsuites>\n", f);
    free(v);
    return !ferror(f);
}

const zl_writer zl_writer_junit = {.name = "junit", .write = write_junit, .columns = ZL_COLUMN_CHAR};
