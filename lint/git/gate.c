#include "lint/git/gate.h"

#include <stdlib.h>
#include <string.h>

#include "lint/engine/registry.h"
#include "rules/rules.h"

static void add(zl_lint *l, const zl_rule *rule, uint32_t src, uint32_t off, uint32_t len,
                const char *path, char *message, const char *key)
{
    zl_severity sev = l->sev[zl_rule_index(rule)];
    if (sev == ZL_SEV_OFF) {
        free(message);
        return;
    }
    zl_finding f = {.rule = rule,
                    .severity = sev,
                    .path = zl_xstrdup(path),
                    .src = src,
                    .off = off,
                    .len = len,
                    .message = message,
                    .key = zl_xasprintf("%s|%s", rule->id, key)};
    if (src != ZL_NONE)
        zl_finding_place(&f, l->zs->srcs[src]);
    zl_findings_add(&l->findings, f);
}

/* A suppression comment as "path\nrules": equal keys are the same comment,
 * wherever the change moved its line. */
typedef struct supp_key {
    char *key;
    uint32_t src;
    const zl_suppression *s;
} supp_key;

static int cmp_key(const void *a, const void *b)
{
    return strcmp(((const supp_key *)a)->key, ((const supp_key *)b)->key);
}

static supp_key *keys(const zl_zoneset *zs, const char *(*renamed)(void *, const char *),
                      void *ctx, size_t *n)
{
    supp_key *v = NULL;
    size_t cap = 0;
    *n = 0;
    for (uint32_t i = 0; i < zs->nsrcs; i++) {
        const zl_source *src = zs->srcs[i];
        const char *path = renamed ? renamed(ctx, src->path) : src->path;
        if (!path)
            continue;
        for (size_t k = 0; k < src->nsupp; k++) {
            ZL_GROW(v, cap, *n + 1);
            v[(*n)++] = (supp_key){zl_xasprintf("%s\n%s", path, src->supp[k].rules), i,
                                   &src->supp[k]};
        }
    }
    if (*n)
        qsort(v, *n, sizeof *v, cmp_key);
    return v;
}

static void free_keys(supp_key *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i].key);
    free(v);
}

void zl_gate_report(zl_lint *l, const zl_zoneset *base, const char *config_changed,
                    const char *base_name, const char *(*renamed)(void *ctx, const char *path),
                    void *ctx)
{
    if (config_changed)
        add(l, &zl_rule_gate_config_changed, ZL_NONE, 0, 0, config_changed,
            zl_xasprintf("the change edits the zonelint configuration: this run uses the one "
                         "of %s",
                         base_name),
            config_changed);
    size_t nb, nn;
    supp_key *old = keys(base, renamed, ctx, &nb);
    supp_key *now = keys(l->zs, NULL, NULL, &nn);
    /* Both sorted: walk them together; a comment of the new side without
     * a partner of the same key in the base is new. */
    size_t i = 0;
    for (size_t k = 0; k < nn; k++) {
        int c = 1;
        while (i < nb && (c = strcmp(old[i].key, now[k].key)) < 0)
            i++;
        if (i < nb && c == 0) {
            i++;
            continue;
        }
        const zl_suppression *s = now[k].s;
        add(l, &zl_rule_suppression_added, now[k].src, s->off, s->len,
            l->zs->srcs[now[k].src]->path,
            zl_xasprintf("the change adds a comment that silences %s%s",
                         strcmp(s->rules, "all") == 0 ? "every rule" : "",
                         strcmp(s->rules, "all") == 0 ? "" : s->rules),
            now[k].key);
    }
    free_keys(old, nb);
    free_keys(now, nn);
}
