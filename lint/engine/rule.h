/* A rule: a stable id, a default severity, and the words a user reads about
 * it. Rules are defined beside their checks in rules/; lint/engine/registry.c lists
 * them all. The catalogue in ../shared/spec/rules.md is the contract. */
#ifndef ZL_RULE_H
#define ZL_RULE_H

#include <stdbool.h>

typedef enum zl_severity {
    ZL_SEV_OFF = 0,
    ZL_SEV_NOTE = 1,
    ZL_SEV_WARNING = 2,
    ZL_SEV_ERROR = 3,
} zl_severity;

typedef struct zl_rule {
    const char *id;          /* kebab-case, stable */
    zl_severity severity;    /* default */
    const char *summary;     /* one line */
    const char *explanation; /* one paragraph, for --explain */
    const char *hint;        /* the usual fix */
} zl_rule;

struct zl_lint;

/* A check runs over the loaded zones and reports findings of its rules. */
typedef struct zl_check {
    const char *family;
    void (*run)(struct zl_lint *l);
    const zl_rule *const *rules; /* NULL-terminated */
    /* Runs alone, before the indexes are built and the other checks start,
     * and may mark the records it reports (ZL_REC_BAD_RDATA) so that the
     * other checks skip them; every other check sees the model read-only. */
    bool serial;
} zl_check;

const char *zl_severity_name(zl_severity s);
/* "error", "warning", "note", "off"; false when s names none of them. */
bool zl_severity_parse(const char *s, zl_severity *out);

#endif
