/* The lint run: the loaded zones, the effective severity of every rule, the
 * findings so far, and the indexes checks share. Checks in rules/ report
 * through the functions here, which apply severities and suppression
 * comments and give every finding its position and key. */
#ifndef ZL_LINT_H
#define ZL_LINT_H

#include <pthread.h>
#include <stdatomic.h>

#include "lint/engine/finding.h"
#include "lint/model/index.h"
#include "lint/model/model.h"
#include "lint/engine/rule.h"

struct zl_ses_expect;
struct zl_removed;

typedef struct zl_lint {
    zl_zoneset *zs;
    zl_findings findings;
    zl_severity *sev;   /* effective severity by registry index */
    /* Per zone, built once on first use: by the first task of the checks'
     * run, while the other threads start on checks (zl_lint_index). */
    _Atomic(zl_index *) *idx;
    size_t nidx; /* the zones when the run began */
    pthread_mutex_t idx_lock;
    const struct zl_ses_expect *ses; /* SES data given with --expect, or NULL */
    const struct zl_removed *removed; /* --diff: SES records the change took away */
    /* Bit per registry index: the rules whose findings are wanted, or NULL
     * for all. A check none of whose rules is wanted is not run, but the
     * severities stay as they are, so the checks that do run leave a cause
     * to another rule exactly as they would in a full run. --diff sets it
     * for the base version, whose findings matter only where the new
     * version has the same rule's. */
    const uint8_t *wanted;
    /* Findings past the bound of lint/engine/bound.h, unless keep_all. */
    bool keep_all;
    /* Give each finding its key (finding.h): on unless the caller knows no
     * baseline and no writer will read them (a key describes the record,
     * which costs as much as finding it). */
    bool keys;
    zl_dropped *dropped;
    size_t ndropped, dcap;
    /* Bit per name id: the name owns records in a loaded zone, or is an
     * ancestor of one (empty non-terminals included). Built on first use,
     * as idx is. */
    _Atomic(uint8_t *) exists;
    size_t exists_n;
    pthread_mutex_t exists_lock;
    /* Zone indexes sorted by apex, whole files first: see zl_lint_zone_of. */
    uint32_t *by_apex;
    size_t nby_apex;
    /* Indexes of zs->diags by source and offset: see zl_lint_diagnosed. */
    uint32_t *diag_order;
} zl_lint;

/* sev: effective severity per registry index (copied). */
void zl_lint_init(zl_lint *l, zl_zoneset *zs, const zl_severity *sev);
/* Run every check that has at least one rule switched on. */
void zl_lint_run(zl_lint *l);
/* Touches nothing of the zone set, which may be freed first. */
void zl_lint_free(zl_lint *l);

bool zl_rule_on(const zl_lint *l, const zl_rule *r);
/* False when a finding of rule on record r would be dropped wherever it is
 * placed: the rule is off or not wanted, or a comment on the record's line
 * silences it. A check asks before it builds a costly hint or fix. */
bool zl_lint_would_report(const zl_lint *l, const zl_rule *rule, const zl_zone *z,
                          const zl_record *r);
/* Whether a comment of the finding's source silences it (a finding with a
 * source, whose line is worked out). */
bool zl_lint_suppressed(const zl_lint *l, const zl_finding *f);
/* Set the bit of every rule with a finding in f (wanted has zl_nrules bits). */
void zl_rules_of_findings(const zl_findings *f, uint8_t *wanted);
/* The zone's index. Any thread may ask: the first builds it, one that asks
 * meanwhile waits, and the rest read it without a lock. */
const zl_index *zl_lint_index(zl_lint *l, size_t zone);
/* True when the name exists in one of the loaded zones (built as the
 * index is). */
bool zl_lint_name_exists(zl_lint *l, zl_name_id id);
/* The loaded zone a name belongs to: the one with the deepest apex at or
 * above it, a file that holds all its records before a part of one.
 * ZL_NONE when the name is outside every loaded zone. */
uint32_t zl_lint_zone_of(const zl_lint *l, zl_name_id name);
/* The loaded zone whose apex is name (a whole file before a part of one),
 * or ZL_NONE: a binary search. */
uint32_t zl_lint_zone_at_apex(const zl_lint *l, zl_name_id name);
/* True when a reader reported a problem within bytes [off, off+len) of
 * source src: a rule that would report the same token stays quiet. */
bool zl_lint_diagnosed(const zl_lint *l, uint32_t src, uint32_t off, uint32_t len);

/* Report at token tok (record-relative) of record r. hint is taken over. */
void zl_report_tok(zl_lint *l, const zl_rule *rule, const zl_zone *z, const zl_record *r,
                   unsigned tok, char *hint, const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));
/* Report at bytes [off, off+len) of source src; r (or NULL) keys the finding. */
void zl_report_span(zl_lint *l, const zl_rule *rule, uint32_t src, uint32_t off, uint32_t len,
                    const zl_zone *z, const zl_record *r, char *hint, const char *fmt, ...)
    __attribute__((format(printf, 9, 10)));
/* The same with a fix (taken over; NULL for none). A fix whose edits cannot
 * be placed in the real file is dropped, the finding kept. */
void zl_report_tok_fix(zl_lint *l, const zl_rule *rule, const zl_zone *z, const zl_record *r,
                       unsigned tok, char *hint, zl_fix *fix, const char *fmt, ...)
    __attribute__((format(printf, 8, 9)));
void zl_report_span_fix(zl_lint *l, const zl_rule *rule, uint32_t src, uint32_t off,
                        uint32_t len, const zl_zone *z, const zl_record *r, char *hint,
                        zl_fix *fix, const char *fmt, ...) __attribute__((format(printf, 10, 11)));
/* A finding about a whole file (a record that is missing, say). */
void zl_report_file(zl_lint *l, const zl_rule *rule, const char *path, const char *key,
                    char *hint, const char *fmt, ...) __attribute__((format(printf, 6, 7)));
void zl_report_file_fix(zl_lint *l, const zl_rule *rule, const char *path, const char *key,
                        char *hint, zl_fix *fix, const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));

/* Owner, type and value of a record in one line, for keys and messages. */
void zl_record_describe(const zl_zoneset *zs, const zl_zone *z, const zl_record *r,
                        zl_buf *out);

#endif
