#include "lint/git/select.h"

#include <stdlib.h>
#include <string.h>

#include "parser/formats.h"
#include "parser/master/include_scan.h"
#include "lint/util/util.h"

/* Include chains longer than this are not followed (the reader stops at 32). */
#define MAX_DEPTH 32

static void push(zl_git_paths *p, const char *s)
{
    ZL_GROW(p->v, p->cap, p->n + 1);
    p->v[p->n++] = zl_xstrdup(s);
}

void zl_git_paths_free(zl_git_paths *p)
{
    for (size_t i = 0; i < p->n; i++)
        free(p->v[i]);
    free(p->v);
    memset(p, 0, sizeof *p);
}

static bool has(const zl_git_paths *p, const char *s)
{
    for (size_t i = 0; i < p->n; i++)
        if (strcmp(p->v[i], s) == 0)
            return true;
    return false;
}

static bool is_file(uint16_t mode)
{
    return mode == GIT_FILEMODE_BLOB || mode == GIT_FILEMODE_BLOB_EXECUTABLE;
}

void zl_git_changes_from_diff(const git_diff *diff, zl_git_changes *out)
{
    size_t n = git_diff_num_deltas(diff);
    for (size_t i = 0; i < n; i++) {
        const git_diff_delta *d = git_diff_get_delta(diff, i);
        bool had = d->status != GIT_DELTA_ADDED && d->status != GIT_DELTA_UNTRACKED &&
                   is_file(d->old_file.mode);
        bool has_new = d->status != GIT_DELTA_DELETED && is_file(d->new_file.mode);
        if (!had && !has_new)
            continue;
        ZL_GROW(out->v, out->cap, out->n + 1);
        out->v[out->n++] = (zl_git_change){
            .old_path = had ? zl_xstrdup(d->old_file.path) : NULL,
            .new_path = has_new ? zl_xstrdup(d->new_file.path) : NULL,
        };
    }
}

void zl_git_changes_free(zl_git_changes *c)
{
    for (size_t i = 0; i < c->n; i++) {
        free(c->v[i].old_path);
        free(c->v[i].new_path);
    }
    free(c->v);
    memset(c, 0, sizeof *c);
}

/* The repository path as the configuration's patterns see it (top as in
 * zl_git_side). */
static char *pattern_path(const char *top, const char *path)
{
    return top ? zl_xasprintf("%s%s", top, path) : zl_xstrdup(path);
}

bool zl_git_is_zone(const zl_config *cfg, const char *top, const char *path)
{
    char *where = pattern_path(top, path);
    bool yes = !zl_config_ignored(cfg, where) && zl_config_is_zone_file(cfg, where);
    free(where);
    return yes;
}

typedef struct walk {
    zl_git_side *side;
    const zl_git_paths *changed; /* changed files that are not zone files */
    zl_git_paths seen;           /* files already scanned for this zone */
    int depth;
} walk;

/* Whether file, or a file it includes, is among the changed files. */
static bool reaches(void *ctx, const char *file)
{
    walk *w = ctx;
    if (has(w->changed, file))
        return true;
    if (w->depth >= MAX_DEPTH || has(&w->seen, file))
        return false;
    push(&w->seen, file);
    char *data = NULL, *err = NULL;
    size_t len = 0;
    const zl_fs *fs = &w->side->fs.fs;
    if (fs->read(fs, file, &data, &len, &err) != ZL_READ_OK) {
        free(err);
        return false;
    }
    bool hit = false;
    /* Most zone files include nothing: skip the lexer for them. */
    if (strstr(data, "$INCLUDE") || strstr(data, "$include")) {
        w->depth++;
        hit = zl_include_scan(file, data, len, reaches, w);
        w->depth--;
    }
    free(data);
    return hit;
}

typedef struct lister {
    const zl_config *cfg;
    const char *top;
    zl_git_paths *out;
} lister;

static int list_tree_entry(const char *dir, const git_tree_entry *e, void *ctx)
{
    lister *ls = ctx;
    if (git_tree_entry_type(e) != GIT_OBJECT_BLOB || !is_file(git_tree_entry_filemode(e)))
        return 0;
    char *path = zl_xasprintf("%s%s", dir, git_tree_entry_name(e));
    if (zl_git_is_zone(ls->cfg, ls->top, path))
        push(ls->out, path);
    free(path);
    return 0;
}

/* Every zone file on the side. */
static void list_zone_files(zl_git_side *s, const zl_config *cfg, zl_git_paths *out)
{
    lister ls = {cfg, s->top, out};
    if (s->tree) {
        git_tree_walk(s->tree, GIT_TREEWALK_PRE, list_tree_entry, &ls);
        return;
    }
    size_t n = git_index_entrycount(s->index);
    for (size_t i = 0; i < n; i++) {
        const git_index_entry *e = git_index_get_byindex(s->index, i);
        if (git_index_entry_stage(e) == 0 && is_file((uint16_t)e->mode) &&
            zl_git_is_zone(cfg, s->top, e->path))
            push(out, e->path);
    }
}

/* Zone files that include one of the changed files. */
static void add_includers(zl_git_side *s, const zl_config *cfg, const zl_git_paths *changed,
                          zl_git_paths *out)
{
    zl_git_paths all = {0};
    list_zone_files(s, cfg, &all);
    for (size_t i = 0; i < all.n; i++) {
        if (has(out, all.v[i]))
            continue;
        walk w = {.side = s, .changed = changed};
        if (reaches(&w, all.v[i]))
            push(out, all.v[i]);
        zl_git_paths_free(&w.seen);
    }
    zl_git_paths_free(&all);
}

/* A changed file that is no zone file by name but a template with DNS
 * records by content (parser/formats.h), as this side holds it. */
static bool changed_template(zl_git_side *s, const zl_config *cfg, const char *path)
{
    char *where = pattern_path(s->top, path);
    bool candidate = zl_format_template_name(path) && !zl_config_ignored(cfg, where);
    free(where);
    if (!candidate)
        return false;
    char *data = NULL, *err = NULL;
    size_t len = 0;
    bool yes = s->fs.fs.read(&s->fs.fs, path, &data, &len, &err) == ZL_READ_OK &&
               zl_format_dns_template(path, data, len);
    free(data);
    free(err);
    return yes;
}

void zl_git_select(const zl_git_changes *c, bool new_side, zl_git_side *s,
                   const zl_config *cfg, zl_git_paths *out)
{
    zl_git_paths others = {0};
    const char *top = s->top;
    for (size_t i = 0; i < c->n; i++) {
        const char *p = new_side ? c->v[i].new_path : c->v[i].old_path;
        if (p && (zl_git_is_zone(cfg, top, p) || changed_template(s, cfg, p)))
            push(out, p);
        /* An include file counts on either side: a zone file whose include
         * was deleted must be read to report the missing file. */
        const char *both[2] = {c->v[i].old_path, c->v[i].new_path};
        for (int k = 0; k < 2; k++)
            if (both[k] && !zl_git_is_zone(cfg, top, both[k]) && !has(&others, both[k]))
                push(&others, both[k]);
    }
    if (others.n)
        add_includers(s, cfg, &others, out);
    zl_git_paths_free(&others);
    if (out->n > 1)
        qsort(out->v, out->n, sizeof *out->v, zl_cmp_strings);
}
