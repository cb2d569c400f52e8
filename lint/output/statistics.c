#include "lint/output/statistics.h"

#include <stdlib.h>
#include <string.h>

#include "lint/engine/registry.h"
#include "lint/util/util.h"

typedef struct count {
    const zl_rule *rule;
    zl_severity severity;
    size_t n, fixable; /* fixable: with a safe fix */
} count;

static int by_count(const void *pa, const void *pb)
{
    const count *a = pa, *b = pb;
    if (a->n != b->n)
        return a->n > b->n ? -1 : 1;
    int c = strcmp(a->rule->id, b->rule->id);
    return c ? c : (int)b->severity - (int)a->severity;
}

void zl_write_statistics(FILE *f, const zl_findings *fs)
{
    /* One row per rule and severity (the configuration may change a rule's). */
    count *v = zl_xcalloc(zl_nrules * 4 + 1, sizeof *v);
    for (size_t i = 0; i < fs->n; i++) {
        count *c = &v[zl_rule_index(fs->v[i].rule) * 4 + (size_t)fs->v[i].severity];
        c->rule = fs->v[i].rule;
        c->severity = fs->v[i].severity;
        c->n++;
        c->fixable += fs->v[i].fix && fs->v[i].fix->safety == ZL_FIX_SAFE;
    }
    size_t k = 0;
    for (size_t i = 0; i < zl_nrules * 4; i++)
        if (v[i].n)
            v[k++] = v[i];
    qsort(v, k, sizeof *v, by_count);
    for (size_t i = 0; i < k; i++) {
        fprintf(f, "%7zu  %s (%s)", v[i].n, v[i].rule->id, zl_severity_name(v[i].severity));
        if (v[i].fixable)
            fprintf(f, ", %zu fixable", v[i].fixable);
        fputc('\n', f);
    }
    fprintf(f, "%7zu  finding%s\n", fs->n, fs->n == 1 ? "" : "s");
    size_t fixable = zl_findings_fixable(fs, ZL_FIX_SAFE);
    if (fixable)
        fprintf(f, "%7zu  fixable with zonelint --fix\n", fixable);
    free(v);
}
