#include "lint/engine/lint.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "lint/engine/bound.h"
#include "lint/model/scope.h"
#include "lint/util/parallel.h"
#include "lint/engine/registry.h"
#include "lint/util/util.h"

void zl_lint_init(zl_lint *l, zl_zoneset *zs, const zl_severity *sev)
{
    memset(l, 0, sizeof *l);
    l->zs = zs;
    l->sev = zl_xmalloc(zl_nrules * sizeof *l->sev);
    memcpy(l->sev, sev, zl_nrules * sizeof *l->sev);
    l->idx = zl_xcalloc(zs->nzones + 1, sizeof *l->idx);
    l->nidx = zs->nzones;
    l->keys = true;
    pthread_mutex_init(&l->idx_lock, NULL);
    pthread_mutex_init(&l->exists_lock, NULL);
    zl_scope_mark_fragments(zs);
}

void zl_lint_free(zl_lint *l)
{
    for (size_t i = 0; i < l->nidx; i++)
        zl_index_free(atomic_load(&l->idx[i]));
    free(l->idx);
    pthread_mutex_destroy(&l->idx_lock);
    pthread_mutex_destroy(&l->exists_lock);
    free(l->sev);
    free(atomic_load(&l->exists));
    free(l->by_apex);
    free(l->diag_order);
    zl_findings_free(&l->findings);
    for (size_t i = 0; i < l->ndropped; i++)
        free(l->dropped[i].path);
    free(l->dropped);
}

bool zl_rule_on(const zl_lint *l, const zl_rule *r)
{
    return l->sev[zl_rule_index(r)] != ZL_SEV_OFF;
}

static bool wanted(const zl_lint *l, const zl_rule *r)
{
    size_t i = zl_rule_index(r);
    return !l->wanted || (l->wanted[i / 8] & (1u << (i % 8)));
}

void zl_rules_of_findings(const zl_findings *f, uint8_t *wanted)
{
    for (size_t i = 0; i < f->n; i++) {
        size_t k = zl_rule_index(f->v[i].rule);
        wanted[k / 8] |= (uint8_t)(1u << (k % 8));
    }
}

const zl_index *zl_lint_index(zl_lint *l, size_t zone)
{
    zl_index *ix = atomic_load_explicit(&l->idx[zone], memory_order_acquire);
    if (ix)
        return ix;
    pthread_mutex_lock(&l->idx_lock);
    ix = atomic_load_explicit(&l->idx[zone], memory_order_relaxed);
    if (!ix) {
        ix = zl_index_build(l->zs, l->zs->zones[zone]);
        atomic_store_explicit(&l->idx[zone], ix, memory_order_release);
    }
    pthread_mutex_unlock(&l->idx_lock);
    return ix;
}

static uint8_t *build_exists(const zl_lint *l, size_t *n)
{
    const zl_names *names = &l->zs->names;
    *n = names->n;
    uint8_t *exists = zl_xzeroed((*n + 7) / 8, 1);
    for (size_t k = 0; k < l->zs->nzones; k++) {
        const zl_zone *z = l->zs->zones[k];
        for (size_t i = 0; i < z->nrecs; i++)
            for (zl_name_id id = z->recs[i].owner;
                 id != ZL_NAME_NONE && !(exists[id / 8] & (1u << (id % 8)));
                 id = zl_names_parent(names, id))
                exists[id / 8] |= (uint8_t)(1u << (id % 8));
    }
    return exists;
}

bool zl_lint_name_exists(zl_lint *l, zl_name_id id)
{
    uint8_t *exists = atomic_load_explicit(&l->exists, memory_order_acquire);
    if (!exists) {
        pthread_mutex_lock(&l->exists_lock);
        exists = atomic_load_explicit(&l->exists, memory_order_relaxed);
        if (!exists) {
            exists = build_exists(l, &l->exists_n);
            atomic_store_explicit(&l->exists, exists, memory_order_release);
        }
        pthread_mutex_unlock(&l->exists_lock);
    }
    return id < l->exists_n && (exists[id / 8] & (1u << (id % 8)));
}

static _Thread_local const zl_zoneset *sort_zs; /* qsort has no context argument in C11 */

/* By apex; among zones with one apex, whole files first, then file order. */
static int cmp_apex(const void *pa, const void *pb)
{
    uint32_t ia = *(const uint32_t *)pa, ib = *(const uint32_t *)pb;
    const zl_zone *a = sort_zs->zones[ia], *b = sort_zs->zones[ib];
    if (a->apex != b->apex)
        return a->apex < b->apex ? -1 : 1;
    if (zl_scope_complete(a) != zl_scope_complete(b))
        return zl_scope_complete(a) ? -1 : 1;
    return ia < ib ? -1 : ia > ib;
}

static void build_by_apex(zl_lint *l)
{
    l->by_apex = zl_xmalloc((l->zs->nzones + 1) * sizeof *l->by_apex);
    for (size_t k = 0; k < l->zs->nzones; k++)
        if (l->zs->zones[k]->apex != ZL_NAME_NONE)
            l->by_apex[l->nby_apex++] = (uint32_t)k;
    sort_zs = l->zs;
    qsort(l->by_apex, l->nby_apex, sizeof *l->by_apex, cmp_apex);
    sort_zs = NULL;
}

uint32_t zl_lint_zone_at_apex(const zl_lint *l, zl_name_id name)
{
    size_t lo = 0, hi = l->nby_apex;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (l->zs->zones[l->by_apex[mid]]->apex < name)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < l->nby_apex && l->zs->zones[l->by_apex[lo]]->apex == name ? l->by_apex[lo]
                                                                          : ZL_NONE;
}

uint32_t zl_lint_zone_of(const zl_lint *l, zl_name_id name)
{
    for (zl_name_id n = name; n != ZL_NAME_NONE; n = zl_names_parent(&l->zs->names, n)) {
        uint32_t k = zl_lint_zone_at_apex(l, n);
        if (k != ZL_NONE)
            return k;
    }
    return ZL_NONE;
}

/* By source, then offset. */
static int cmp_diag(const void *pa, const void *pb)
{
    const zl_diag *a = &sort_zs->diags[*(const uint32_t *)pa];
    const zl_diag *b = &sort_zs->diags[*(const uint32_t *)pb];
    if (a->src != b->src)
        return a->src < b->src ? -1 : 1;
    return a->off < b->off ? -1 : a->off > b->off;
}

static void build_diag_order(zl_lint *l)
{
    l->diag_order = zl_xmalloc((l->zs->ndiags + 1) * sizeof *l->diag_order);
    for (size_t i = 0; i < l->zs->ndiags; i++)
        l->diag_order[i] = (uint32_t)i;
    sort_zs = l->zs;
    qsort(l->diag_order, l->zs->ndiags, sizeof *l->diag_order, cmp_diag);
    sort_zs = NULL;
}

bool zl_lint_diagnosed(const zl_lint *l, uint32_t src, uint32_t off, uint32_t len)
{
    const zl_diag *d = l->zs->diags;
    size_t lo = 0, hi = l->zs->ndiags;
    while (lo < hi) { /* the first diagnostic of src at or after off */
        size_t mid = lo + (hi - lo) / 2;
        const zl_diag *m = &d[l->diag_order[mid]];
        if (m->src < src || (m->src == src && m->off < off))
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < l->zs->ndiags && d[l->diag_order[lo]].src == src &&
        d[l->diag_order[lo]].off < off + (len ? len : 1))
        return true;
    /* One that starts before off and reaches into the range. */
    return lo > 0 && d[l->diag_order[lo - 1]].src == src &&
           d[l->diag_order[lo - 1]].off + d[l->diag_order[lo - 1]].len > off;
}

void zl_record_describe(const zl_zoneset *zs, const zl_zone *z, const zl_record *r,
                        zl_buf *out)
{
    char tn[32];
    zl_names_format(&zs->names, r->owner, out);
    zl_buf_addc(out, ' ');
    zl_buf_adds(out, zl_type_name(r->type, tn, sizeof tn));
    for (unsigned i = 0; i < zl_record_nrdata(r); i++) {
        zl_tok t = zl_record_rdata(zs, z, r, i);
        zl_buf_addc(out, ' ');
        zl_buf_add(out, t.p, t.len);
    }
}

static bool list_has(const char *list, const char *id)
{
    size_t n = strlen(id);
    for (const char *p = list; *p;) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        if ((len == n && memcmp(p, id, n) == 0) || (len == 3 && memcmp(p, "all", 3) == 0))
            return true;
        p += len + (comma ? 1 : 0);
    }
    return false;
}

/* Whether a suppression for line names the rule: a binary search, since the
 * suppressions are in line order (parser/master/suppress_comment.c) and a
 * file may suppress a finding on every line. */
static bool suppressed_at(const zl_source *s, const zl_rule *rule, uint32_t line)
{
    size_t lo = 0, hi = s->nsupp;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->supp[mid].line < line)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (; lo < s->nsupp && s->supp[lo].line == line; lo++)
        if (list_has(s->supp[lo].rules, rule->id))
            return true;
    return false;
}

static bool suppressed(const zl_source *s, const zl_rule *rule, uint32_t line, uint32_t line2)
{
    return suppressed_at(s, rule, line) || (line2 != line && suppressed_at(s, rule, line2));
}

bool zl_lint_would_report(const zl_lint *l, const zl_rule *rule, const zl_zone *z,
                          const zl_record *r)
{
    if (!zl_rule_on(l, rule) || !wanted(l, rule))
        return false;
    const zl_source *s = l->zs->srcs[zl_record_src(z, r)];
    return !s->nsupp || !suppressed_at(s, rule, zl_record_line(l->zs, z, r));
}

bool zl_lint_suppressed(const zl_lint *l, const zl_finding *f)
{
    if (!l->zs->srcs[f->src]->nsupp)
        return false; /* most files have no suppression comment */
    uint32_t rec_line = f->rec ? zl_record_line(l->zs, f->zone, f->rec) : f->line;
    return suppressed(l->zs->srcs[f->src], f->rule, f->line, rec_line);
}

/* Findings of the check running on this thread go to its own list, which
 * is bounded (lint/engine/bound.h) when it reaches thread_limit. */
static _Thread_local zl_findings *thread_out;
static _Thread_local size_t thread_limit;

static void add(zl_lint *l, const zl_rule *rule, uint32_t src, uint32_t off, uint32_t len,
                const char *path, const zl_zone *z, const zl_record *r, const char *key,
                char *hint, zl_fix *fix, char *message)
{
    zl_finding f = {.rule = rule,
                    .severity = l->sev[zl_rule_index(rule)],
                    .src = src,
                    .off = off,
                    .len = len,
                    .zone = z,
                    .rec = r,
                    .path = path ? zl_xstrdup(path) : NULL,
                    .key = key ? zl_xstrdup(key) : NULL,
                    .hint = hint,
                    .fix = fix,
                    .message = message};
    zl_findings_add(thread_out ? thread_out : &l->findings, f);
    if (thread_out && !l->keep_all && thread_out->n >= thread_limit)
        thread_limit = zl_bound_compact(l, thread_out);
}

/* Positions, suppression comments and keys, once all checks are done. */
static void finish(zl_lint *l)
{
    size_t kept = 0;
    for (size_t i = 0; i < l->findings.n; i++) {
        zl_finding f = l->findings.v[i];
        if (f.src != ZL_NONE) {
            const zl_source *s = l->zs->srcs[f.src];
            zl_finding_place(&f, s);
            if (zl_lint_suppressed(l, &f)) {
                zl_finding_free(&f);
                continue;
            }
            if (!f.path)
                f.path = zl_xstrdup(s->path);
        }
        if (f.fix && !zl_fix_place(f.fix, l->zs)) {
            zl_fix_free(f.fix);
            f.fix = NULL;
        }
        if (!f.key && l->keys) {
            zl_buf k = {0};
            zl_buf_adds(&k, f.rule->id);
            zl_buf_addc(&k, '|');
            if (f.rec)
                zl_record_describe(l->zs, f.zone, f.rec, &k);
            else
                zl_buf_adds(&k, f.message);
            f.key = zl_buf_take(&k);
        }
        l->findings.v[kept++] = f;
    }
    l->findings.n = kept;
}

typedef struct run_ctx {
    zl_lint *l;
    const zl_check **checks;
    size_t *order;    /* the checks in the order threads take them: costly first */
    zl_findings *out; /* one list per check: merged in check order */
} run_ctx;

/* The tasks before the checks: they build what checks share. */
enum { SHARED_TASKS = 2 };

static void run_check(void *ctx, size_t task, unsigned worker)
{
    (void)worker;
    run_ctx *c = ctx;
    if (task == 0) {
        for (size_t k = 0; k < c->l->zs->nzones; k++)
            zl_lint_index(c->l, k);
        return;
    }
    if (task == 1) {
        zl_lint_name_exists(c->l, ZL_NAME_ROOT);
        return;
    }
    task = c->order[task - SHARED_TASKS];
    thread_out = &c->out[task];
    thread_limit = 2 * ZL_KEEP_PER_RULE_SOURCE;
    c->checks[task]->run(c->l);
    if (!c->l->keep_all && thread_out->n > ZL_KEEP_PER_RULE_SOURCE)
        zl_bound_compact(c->l, thread_out);
    thread_out = NULL;
}

/* The indexes into checks in the order threads take them: the costly ones
 * first, in the order zl_checks_costly gives, then the rest. */
static size_t *order_checks(const zl_check **checks, size_t n)
{
    size_t *order = zl_xmalloc((n + 1) * sizeof *order), k = 0;
    bool *taken = zl_xcalloc(n + 1, sizeof *taken);
    for (const zl_check *const *first = zl_checks_costly; *first; first++)
        for (size_t c = 0; c < n; c++)
            if (checks[c] == *first && !taken[c])
                taken[c] = true, order[k++] = c;
    for (size_t c = 0; c < n; c++)
        if (!taken[c])
            order[k++] = c;
    free(taken);
    return order;
}

void zl_lint_run(zl_lint *l)
{
    const zl_check **checks = zl_xmalloc(zl_nchecks * sizeof *checks);
    size_t n = 0;
    for (size_t c = 0; c < zl_nchecks; c++) {
        bool any = false, want = false;
        for (const zl_rule *const *r = zl_checks[c]->rules; *r; r++) {
            any = any || zl_rule_on(l, *r);
            want = want || (zl_rule_on(l, *r) && wanted(l, *r));
        }
        if (any && zl_checks[c]->serial)
            zl_checks[c]->run(l); /* may mark records for the others: always */
        else if (want)
            checks[n++] = zl_checks[c];
    }

    /* The zones' indexes and the names that exist are built by the first
     * two tasks, while the other threads start on checks: one that needs
     * them before they are done waits for them (zl_lint_index). */
    if (n) {
        if (!l->by_apex)
            build_by_apex(l);
        if (!l->diag_order)
            build_diag_order(l);
    }

    run_ctx ctx = {l, checks, order_checks(checks, n), zl_xcalloc(n + 1, sizeof *ctx.out)};
    zl_parallel_for(n ? n + SHARED_TASKS : 0, zl_jobs(), run_check, &ctx);
    for (size_t c = 0; c < n; c++) {
        for (size_t i = 0; i < ctx.out[c].n; i++)
            zl_findings_add(&l->findings, ctx.out[c].v[i]);
        free(ctx.out[c].v);
    }
    free(ctx.out);
    free(ctx.order);
    free(checks);
    finish(l);
}

/* The message is formatted only for rules that are on. hint and fix are
 * taken over. */
static void vreport(zl_lint *l, const zl_rule *rule, uint32_t src, uint32_t off, uint32_t len,
                    const char *path, const zl_zone *z, const zl_record *r, const char *key,
                    char *hint, zl_fix *fix, const char *fmt, va_list ap)
{
    if (!zl_rule_on(l, rule) || !wanted(l, rule)) {
        free(hint);
        zl_fix_free(fix);
        return;
    }
    /* A finding a comment suppresses goes before its message is formatted
     * (finish() would drop it): a file may suppress one on every line. */
    if (src != ZL_NONE && l->zs->srcs[src]->nsupp) {
        zl_finding probe = {.rule = rule, .src = src, .zone = z, .rec = r};
        zl_source_position(l->zs->srcs[src], off, &probe.line, &probe.col);
        if (zl_lint_suppressed(l, &probe)) {
            free(hint);
            zl_fix_free(fix);
            return;
        }
    }
    zl_buf m = {0};
    zl_buf_vprintf(&m, fmt, ap);
    add(l, rule, src, off, len, path, z, r, key, hint, fix, zl_buf_take(&m));
}

void zl_report_span(zl_lint *l, const zl_rule *rule, uint32_t src, uint32_t off, uint32_t len,
                    const zl_zone *z, const zl_record *r, char *hint, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(l, rule, src, off, len, NULL, z, r, NULL, hint, NULL, fmt, ap);
    va_end(ap);
}

void zl_report_span_fix(zl_lint *l, const zl_rule *rule, uint32_t src, uint32_t off,
                        uint32_t len, const zl_zone *z, const zl_record *r, char *hint,
                        zl_fix *fix, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(l, rule, src, off, len, NULL, z, r, NULL, hint, fix, fmt, ap);
    va_end(ap);
}

void zl_report_tok(zl_lint *l, const zl_rule *rule, const zl_zone *z, const zl_record *r,
                   unsigned tok, char *hint, const char *fmt, ...)
{
    zl_tok t = zl_record_tok(l->zs, z, r, tok);
    va_list ap;
    va_start(ap, fmt);
    vreport(l, rule, zl_record_src(z, r), t.off, t.len, NULL, z, r, NULL, hint, NULL, fmt, ap);
    va_end(ap);
}

void zl_report_tok_fix(zl_lint *l, const zl_rule *rule, const zl_zone *z, const zl_record *r,
                       unsigned tok, char *hint, zl_fix *fix, const char *fmt, ...)
{
    zl_tok t = zl_record_tok(l->zs, z, r, tok);
    va_list ap;
    va_start(ap, fmt);
    vreport(l, rule, zl_record_src(z, r), t.off, t.len, NULL, z, r, NULL, hint, fix, fmt, ap);
    va_end(ap);
}

static void vreport_file(zl_lint *l, const zl_rule *rule, const char *path, const char *key,
                         char *hint, zl_fix *fix, const char *fmt, va_list ap)
{
    zl_buf k = {0};
    if (key)
        zl_buf_printf(&k, "%s|%s", rule->id, key);
    vreport(l, rule, ZL_NONE, 0, 0, path, NULL, NULL, key ? zl_buf_str(&k) : NULL, hint, fix,
            fmt, ap);
    zl_buf_free(&k);
}

void zl_report_file(zl_lint *l, const zl_rule *rule, const char *path, const char *key,
                    char *hint, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport_file(l, rule, path, key, hint, NULL, fmt, ap);
    va_end(ap);
}

void zl_report_file_fix(zl_lint *l, const zl_rule *rule, const char *path, const char *key,
                        char *hint, zl_fix *fix, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport_file(l, rule, path, key, hint, fix, fmt, ap);
    va_end(ap);
}
