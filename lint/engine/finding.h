/* Findings: what a rule reports, with the position in the file, the message,
 * the hint, and a key that identifies the finding independently of line
 * numbers (used by --diff to tell old findings from new ones). */
#ifndef ZL_FINDING_H
#define ZL_FINDING_H

#include <stddef.h>
#include <stdint.h>

#include "lint/engine/fix.h"
#include "lint/engine/rule.h"

typedef struct zl_finding {
    const zl_rule *rule;
    zl_severity severity;
    char *path;
    uint32_t line, col, end_col; /* 1-based; 0 for a file-level finding */
    uint32_t src, off;           /* source and offset, ZL_NONE for file-level */
    char *message;
    char *hint;
    char *key; /* rule, owner, type and value: stable across unrelated edits;
                * NULL when the run made none (zl_lint's keys) */
    zl_fix *fix; /* the correction, placed in the file, or NULL */
    /* Filled in when reported; positions, suppressions and keys are worked out
     * from them once all checks are done (checks run on several threads). */
    uint32_t len;
    const struct zl_zone *zone;
    const struct zl_record *rec;
    uint32_t path_rank; /* the path's place among the list's, while zl_findings_sort sorts */
} zl_finding;

typedef struct zl_findings {
    zl_finding *v;
    size_t n, cap;
} zl_findings;

void zl_findings_add(zl_findings *f, zl_finding x);
/* Line and columns of the finding at f->off and f->len in s: the start
 * unless placed already (by the findings bound), the end column when the
 * span ends on its line (else one past the start). */
void zl_finding_place(zl_finding *f, const zl_source *s);
/* What one finding owns. */
void zl_finding_free(zl_finding *x);
/* By path, line, column, rule id, then message: the documented order; the
 * same finding twice (rule, place, message) is kept once. */
void zl_findings_sort(zl_findings *f);
void zl_findings_free(zl_findings *f);
/* Findings shown per rule and file: past it, one file-level finding of the
 * rule says how many more there are. Output stays readable, and bounded,
 * for a file that repeats one mistake a million times ($GENERATE). */
#define ZL_MAX_FINDINGS_PER_RULE_FILE 1000
/* Findings of a rule in a file that a run dropped before the cap
 * (lint/engine/bound.h): counted in the cap's "and N more". */
typedef struct zl_dropped {
    const zl_rule *rule;
    char *path;
    size_t n;
} zl_dropped;

/* Keep the first ZL_MAX_FINDINGS_PER_RULE_FILE findings of each rule in each
 * file of the sorted f, add the "and N more" findings (dropped ones counted
 * where the file still has findings of the rule), and sort again. */
void zl_findings_cap(zl_findings *f, const zl_dropped *dropped, size_t ndropped);
/* Count per severity into counts[ZL_SEV_NOTE..ZL_SEV_ERROR]. */
void zl_findings_count(const zl_findings *f, size_t counts[4]);
/* Findings with a fix of at most that safety (ZL_FIX_UNSAFE: any fix). */
size_t zl_findings_fixable(const zl_findings *f, zl_fix_safety upto);

#endif
