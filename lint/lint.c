#include "lint.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "registry.h"
#include "util.h"

void zl_lint_init(zl_lint *l, zl_zoneset *zs, const zl_severity *sev)
{
    memset(l, 0, sizeof *l);
    l->zs = zs;
    l->sev = zl_xmalloc(zl_nrules * sizeof *l->sev);
    memcpy(l->sev, sev, zl_nrules * sizeof *l->sev);
    l->idx = zl_xcalloc(zs->nzones + 1, sizeof *l->idx);
}

void zl_lint_free(zl_lint *l)
{
    for (size_t i = 0; i < l->zs->nzones; i++)
        zl_index_free(l->idx[i]);
    free(l->idx);
    free(l->sev);
    zl_findings_free(&l->findings);
}

bool zl_rule_on(const zl_lint *l, const zl_rule *r)
{
    return l->sev[zl_rule_index(r)] != ZL_SEV_OFF;
}

const zl_index *zl_lint_index(zl_lint *l, size_t zone)
{
    if (!l->idx[zone])
        l->idx[zone] = zl_index_build(l->zs, l->zs->zones[zone]);
    return l->idx[zone];
}

void zl_lint_run(zl_lint *l)
{
    for (size_t c = 0; c < zl_nchecks; c++) {
        const zl_check *chk = zl_checks[c];
        bool any = false;
        for (const zl_rule *const *r = chk->rules; *r; r++)
            any = any || zl_rule_on(l, *r);
        if (any)
            chk->run(l);
    }
}

void zl_record_describe(const zl_zoneset *zs, const zl_zone *z, const zl_record *r,
                        zl_buf *out)
{
    char tn[32];
    zl_names_format(&zs->names, r->owner, out);
    zl_buf_printf(out, " %s", zl_type_name(r->type, tn, sizeof tn));
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

static bool suppressed(const zl_source *s, const zl_rule *rule, uint32_t line, uint32_t line2)
{
    for (size_t i = 0; i < s->nsupp; i++)
        if ((s->supp[i].line == line || s->supp[i].line == line2) &&
            list_has(s->supp[i].rules, rule->id))
            return true;
    return false;
}

static void add(zl_lint *l, const zl_rule *rule, uint32_t src, uint32_t off, uint32_t len,
                const char *path, const zl_zone *z, const zl_record *r, const char *key,
                char *hint, char *message)
{
    zl_severity sev = l->sev[zl_rule_index(rule)];
    zl_finding f = {.rule = rule, .severity = sev, .src = src, .off = off, .hint = hint,
                    .message = message};
    zl_buf k = {0};
    zl_buf_adds(&k, rule->id);
    zl_buf_addc(&k, '|');
    if (src != ZL_NONE) {
        const zl_source *s = l->zs->srcs[src];
        uint32_t end_line, end_col;
        zl_source_position(s, off, &f.line, &f.col);
        zl_source_position(s, off + len, &end_line, &end_col);
        f.end_col = end_line == f.line && len ? end_col : f.col + 1;
        uint32_t rec_line = f.line;
        if (r) {
            uint32_t c;
            zl_source_position(s, z->toks[r->tok], &rec_line, &c);
        }
        if (suppressed(s, rule, f.line, rec_line)) {
            free(hint);
            free(message);
            zl_buf_free(&k);
            return;
        }
        f.path = zl_xstrdup(s->path);
    } else {
        f.path = zl_xstrdup(path);
    }
    if (r)
        zl_record_describe(l->zs, z, r, &k);
    else if (key)
        zl_buf_adds(&k, key);
    else
        zl_buf_adds(&k, message);
    f.key = zl_buf_take(&k);
    zl_findings_add(&l->findings, f);
}

void zl_report_span(zl_lint *l, const zl_rule *rule, uint32_t src, uint32_t off, uint32_t len,
                    const zl_zone *z, const zl_record *r, char *hint, const char *fmt, ...)
{
    if (!zl_rule_on(l, rule)) {
        free(hint);
        return;
    }
    va_list ap;
    va_start(ap, fmt);
    zl_buf m = {0};
    zl_buf_vprintf(&m, fmt, ap);
    va_end(ap);
    add(l, rule, src, off, len, NULL, z, r, NULL, hint, zl_buf_take(&m));
}

void zl_report_tok(zl_lint *l, const zl_rule *rule, const zl_zone *z, const zl_record *r,
                   unsigned tok, char *hint, const char *fmt, ...)
{
    if (!zl_rule_on(l, rule)) {
        free(hint);
        return;
    }
    va_list ap;
    va_start(ap, fmt);
    zl_buf m = {0};
    zl_buf_vprintf(&m, fmt, ap);
    va_end(ap);
    zl_tok t = zl_record_tok(l->zs, z, r, tok);
    add(l, rule, r->src, t.off, t.len, NULL, z, r, NULL, hint, zl_buf_take(&m));
}

void zl_report_file(zl_lint *l, const zl_rule *rule, const char *path, const char *key,
                    char *hint, const char *fmt, ...)
{
    if (!zl_rule_on(l, rule)) {
        free(hint);
        return;
    }
    va_list ap;
    va_start(ap, fmt);
    zl_buf m = {0};
    zl_buf_vprintf(&m, fmt, ap);
    va_end(ap);
    add(l, rule, ZL_NONE, 0, 0, path, NULL, NULL, key, hint, zl_buf_take(&m));
}
