#include "lint/git/git.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lint/git/library.h"
#include "lint/engine/registry.h"
#include "lint/git/baseline.h"
#include "lint/git/gate.h"
#include "lint/git/select.h"
#include "lint/cli/inputs.h"
#include "lint/git/libgit2.h"
#include "lint/git/removed.h"
#include "lint/output/escape.h"
#include "lint/util/parallel.h"
#include "lint/util/util.h"

typedef struct session {
    const zl_git_opts *o;
    git_repository *repo;
    const char *top; /* the work tree, ending in '/'; NULL when bare */
    zl_git_changes changes;
    char *base_name; /* for messages: "origin/main (1a2b3c4d5e6f)" */
    size_t unreadable;
    zl_confine work; /* the work tree's files, for --diff without ..HEAD */
    size_t run_bytes;
} session;

static char *git_failure(const char *what)
{
    const git_error *e = git_error_last();
    return zl_xasprintf("%s: %s", what, e && e->message ? e->message : "unknown error");
}

static git_diff_options diff_options(void)
{
    git_diff_options opts;
    git_diff_options_init(&opts, GIT_DIFF_OPTIONS_VERSION);
    /* A submodule's own work tree is another repository: not ours to lint. */
    opts.ignore_submodules = GIT_SUBMODULE_IGNORE_DIRTY;
    return opts;
}

/* One side of a run: its selected zone files, read into zs. Warnings wait
 * in msgs so that, with both sides read at once, they come out in the same
 * order on every run. */
typedef struct side_read {
    session *s;
    zl_git_side *side;
    bool new_side;
    zl_zoneset *zs;
    zl_git_paths files, msgs;
    size_t unreadable;
    /* When --diff's first round (both sides at once) reads the side: the new
     * version always; the base when it may hold an SES record, or not until
     * the new version's findings ask for it (ses-record-removed is off). */
    enum { READ_NOW, READ_IF_SES, READ_LATER } when;
    bool read; /* its files were read */
} side_read;

static void select_side(side_read *r)
{
    zl_git_select(&r->s->changes, r->new_side, r->side, r->s->o->cfg, &r->files);
}

/* Base versions that cannot be read only lose their comparison (the change
 * may be what fixes them). */
static void read_files(side_read *r)
{
    r->read = true;
    zl_beside_memo beside = {0};
    zl_input_opts io = {.cfg = r->s->o->cfg,
                        .fs = &r->side->fs.fs,
                        .origin = r->s->o->origin,
                        .root = r->s->top,
                        .beside = &beside};
    for (size_t i = 0; i < r->files.n; i++) {
        char *err = NULL;
        if (zl_inputs_read(r->zs, &io, r->files.v[i], &err))
            continue;
        ZL_GROW(r->msgs.v, r->msgs.cap, r->msgs.n + 1);
        if (r->new_side) {
            r->msgs.v[r->msgs.n++] = err;
            r->unreadable++;
        } else {
            r->msgs.v[r->msgs.n++] = zl_xasprintf(
                "warning: the base version cannot be read, so all findings of the new one "
                "are reported: %s",
                err);
            free(err);
        }
    }
    zl_beside_memo_free(&beside);
}

static void end_side(side_read *r)
{
    for (size_t i = 0; i < r->msgs.n; i++)
        zl_warn("%s", r->msgs.v[i]);
    r->s->unreadable += r->unreadable;
    zl_git_paths_free(&r->files);
    zl_git_paths_free(&r->msgs);
}

static void read_side(session *s, zl_git_side *side, bool new_side, zl_zoneset *zs)
{
    side_read r = {.s = s, .side = side, .new_side = new_side, .zs = zs};
    select_side(&r);
    read_files(&r);
    end_side(&r);
}

static bool need_work_tree(const session *s, const char *mode, char **err)
{
    if (s->top)
        return true;
    *err = zl_xasprintf("%s needs a work tree, and this is a bare repository", mode);
    return false;
}

static bool lint_staged(session *s, zl_zoneset *zs, zl_lint *l, char **err)
{
    if (!need_work_tree(s, "--staged", err))
        return false;
    git_index *index = NULL;
    git_object *head = NULL;
    git_diff *diff = NULL;
    git_diff_options opts = diff_options();
    bool ok = false;
    if (git_repository_index(&index, s->repo) != 0) {
        *err = git_failure("cannot read the index");
    } else if (git_repository_head_unborn(s->repo) != 1 &&
               git_revparse_single(&head, s->repo, "HEAD^{tree}") != 0) {
        *err = git_failure("cannot read HEAD");
    } else if (git_diff_tree_to_index(&diff, s->repo, (git_tree *)head, index, &opts) != 0) {
        *err = git_failure("cannot compare the index with HEAD");
    } else {
        zl_git_changes_from_diff(diff, &s->changes);
        zl_git_side side = {.index = index, .top = s->top};
        zl_git_fs_index(&side.fs, s->repo, index);
        read_side(s, &side, true, zs);
        zl_lint_init(l, zs, s->o->sev);
        l->ses = s->o->ses;
        zl_lint_run(l);
        ok = true;
    }
    git_diff_free(diff);
    git_object_free(head);
    git_index_free(index);
    return ok;
}

/* Why --diff's argument names no commit, with a hint where history is
 * missing. Call right after the failing call: others reset git's error. */
static char *bad_range(const session *s, const char *what)
{
    char *msg = git_failure(what);
    const char *why = git_repository_is_empty(s->repo) == 1
                          ? " (the repository has no commits yet)"
                      : git_repository_is_shallow(s->repo) == 1
                          ? " (this is a shallow clone: fetch the history it needs, e.g. "
                            "actions/checkout with fetch-depth: 0)"
                          : "";
    char *full = zl_xasprintf("--diff %s: %s%s", s->o->diff, msg, why);
    free(msg);
    return full;
}

/* How messages name the base: as the user did, with its id. */
static char *base_name(const char *spec, bool merge_base, const git_commit *base)
{
    char hex[GIT_OID_HEXSZ + 1];
    git_oid_tostr(hex, sizeof hex, git_commit_id(base));
    const char *dots = strstr(spec, "..");
    if (merge_base)
        return zl_xasprintf("the merge base of %s (%.12s)", spec, hex);
    if (dots == spec)
        return zl_xasprintf("HEAD (%.12s)", hex);
    return zl_xasprintf("%.*s (%.12s)", dots ? (int)(dots - spec) : (int)strlen(spec), spec,
                        hex);
}

/* --diff's argument: the base commit and the new one (NULL: the work tree). */
static bool resolve_range(session *s, git_commit **base, git_commit **head, char **err)
{
    git_revspec spec;
    if (git_revparse(&spec, s->repo, s->o->diff) != 0) {
        *err = bad_range(s, "no such revision");
        return false;
    }
    bool ok = git_object_peel((git_object **)base, spec.from, GIT_OBJECT_COMMIT) == 0 &&
              (!spec.to || git_object_peel((git_object **)head, spec.to, GIT_OBJECT_COMMIT) == 0);
    if (!ok)
        *err = bad_range(s, "not a commit");
    if (ok && (spec.flags & GIT_REVSPEC_MERGE_BASE)) {
        git_oid mb;
        git_commit *merge_base = NULL;
        ok = git_merge_base(&mb, s->repo, git_commit_id(*base), git_commit_id(*head)) == 0 &&
             git_commit_lookup(&merge_base, s->repo, &mb) == 0;
        if (!ok)
            *err = bad_range(s, "no merge base");
        git_commit_free(*base);
        *base = merge_base;
    }
    if (ok)
        s->base_name = base_name(s->o->diff, spec.flags & GIT_REVSPEC_MERGE_BASE, *base);
    git_object_free(spec.from);
    git_object_free(spec.to);
    return ok;
}

/* The name a base file has now: renamed, unchanged, or NULL when deleted. */
static const char *renamed(void *ctx, const char *base_path)
{
    const session *s = ctx;
    for (size_t i = 0; i < s->changes.n; i++)
        if (s->changes.v[i].old_path && strcmp(s->changes.v[i].old_path, base_path) == 0)
            return s->changes.v[i].new_path;
    return base_path;
}

/* Whether a base file may hold an SES record (lint/git/removed.h), read
 * as text: every selected file, which the base then reads again if it must
 * (the files it $INCLUDEs make it answer yes). */
static bool base_may_hold_ses(const side_read *base)
{
    const zl_fs *fs = &base->side->fs.fs;
    bool may = false;
    for (size_t i = 0; i < base->files.n && !may; i++) {
        char *text = NULL, *err = NULL;
        size_t len = 0;
        if (fs->read(fs, base->files.v[i], &text, &len, &err) == ZL_READ_OK)
            may = zl_removed_text_may_hold(base->files.v[i], text, len);
        free(text);
        free(err);
    }
    return may;
}

static void read_task(void *ctx, size_t task, unsigned worker)
{
    (void)worker;
    side_read *r = &((side_read *)ctx)[task];
    if (r->when == READ_NOW || (r->when == READ_IF_SES && base_may_hold_ses(r)))
        read_files(r);
}

/* The base's lint, for the wanted rules (NULL: all); run when it was read. */
static void lint_base(zl_lint *bl, const session *s, const side_read *base,
                      const uint8_t *wanted)
{
    zl_lint_init(bl, base->zs, s->o->sev);
    bl->ses = s->o->ses;
    bl->wanted = wanted;
    if (base->read)
        zl_lint_run(bl);
}

static bool has_suppressions(const zl_zoneset *zs)
{
    for (size_t i = 0; i < zs->nsrcs; i++)
        if (zs->srcs[i]->nsupp)
            return true;
    return false;
}

/* Lint both versions; keep what the base did not have. The base's findings
 * serve two ends: which SES records worked (so that removing one is
 * reported), and which new findings are old. When no SES record can have
 * gone, only the second is left, and the base needs only the rules the new
 * version reported: a one-line change to a large zone costs a read of the
 * base, not a lint. When no base file can hold an SES record at all, and
 * the new version has no finding and no suppression comment (which would
 * need the base's to tell whether it is new), the base is not read. */
static void compare(session *s, zl_git_side *old_side, zl_git_side *new_side, zl_zoneset *zs,
                    zl_lint *l)
{
    zl_zoneset bzs;
    zl_zoneset_init(&bzs);
    side_read r[2] = {{.s = s, .side = old_side, .new_side = false, .zs = &bzs},
                      {.s = s, .side = new_side, .new_side = true, .zs = zs}};
    select_side(&r[0]);
    select_side(&r[1]);
    /* Both at once, each into its own zone set; tree_fs.c serialises the
     * readers' libgit2 calls. */
    r[0].when = s->o->sev[zl_rule_index(zl_rule_find("ses-record-removed"))] == ZL_SEV_OFF
                    ? READ_LATER
                    : READ_IF_SES;
    zl_parallel_for(2, zl_jobs() < 2 ? 1 : 2, read_task, r);
    bool removals = r[0].read && zl_removed_possible(&bzs, zs);
    zl_lint bl;
    zl_removed rm = {0};
    if (removals) {
        lint_base(&bl, s, &r[0], NULL);
        rm.base = zl_xstrdup(s->base_name);
        zl_removed_find(&bzs, &bl.findings, zs, s->o->ses, renamed, s, &rm);
    }
    zl_lint_init(l, zs, s->o->sev);
    l->ses = s->o->ses;
    l->removed = &rm;
    zl_lint_run(l);
    l->removed = NULL;
    uint8_t *wanted = NULL;
    if (!removals) {
        if (!r[0].read && (l->findings.n || has_suppressions(zs)))
            read_files(&r[0]);
        wanted = zl_xcalloc(zl_nrules / 8 + 1, 1);
        zl_rules_of_findings(&l->findings, wanted);
        lint_base(&bl, s, &r[0], wanted);
    }
    zl_findings_drop_known(&l->findings, &bl.findings);
    zl_gate_report(l, &bzs, s->o->config_changed, s->base_name, renamed, s);
    end_side(&r[0]);
    end_side(&r[1]);
    zl_removed_free(&rm);
    zl_lint_free(&bl);
    free(wanted);
    zl_zoneset_free(&bzs);
}

static bool lint_diff(session *s, zl_zoneset *zs, zl_lint *l, char **err)
{
    git_commit *base = NULL, *head = NULL;
    git_tree *base_tree = NULL, *head_tree = NULL;
    git_index *index = NULL;
    git_diff *diff = NULL;
    git_diff_options opts = diff_options();
    bool ok = resolve_range(s, &base, &head, err) &&
              (head || need_work_tree(s, "--diff without ..HEAD", err));
    if (ok && (git_commit_tree(&base_tree, base) != 0 ||
               (head && git_commit_tree(&head_tree, head) != 0))) {
        *err = git_failure("cannot read a commit's files");
        ok = false;
    }
    if (ok && !head && git_repository_index(&index, s->repo) != 0) {
        *err = git_failure("cannot read the index");
        ok = false;
    }
    int rc = !ok   ? 0
             : head ? git_diff_tree_to_tree(&diff, s->repo, base_tree, head_tree, &opts)
                    : git_diff_tree_to_workdir_with_index(&diff, s->repo, base_tree, &opts);
    if (rc != 0) {
        *err = git_failure("cannot compare the versions");
        ok = false;
    }
    git_diff_find_options find;
    git_diff_find_options_init(&find, GIT_DIFF_FIND_OPTIONS_VERSION);
    find.flags = GIT_DIFF_FIND_RENAMES;
    if (ok && git_diff_find_similar(diff, &find) != 0) {
        *err = git_failure("cannot find renamed files");
        ok = false;
    }
    if (ok) {
        zl_git_changes_from_diff(diff, &s->changes);
        zl_git_side old_side = {.tree = base_tree, .top = s->top};
        zl_git_fs_tree(&old_side.fs, s->repo, base_tree, git_commit_id(base));
        zl_git_side new_side = {.tree = head_tree, .index = index, .top = s->top};
        if (head)
            zl_git_fs_tree(&new_side.fs, s->repo, head_tree, git_commit_id(head));
        else
            zl_git_fs_workdir(&new_side.fs, s->top, &s->work);
        compare(s, &old_side, &new_side, zs, l);
    }
    git_diff_free(diff);
    git_index_free(index);
    git_tree_free(base_tree);
    git_tree_free(head_tree);
    git_commit_free(base);
    git_commit_free(head);
    return ok;
}

/* Open the repository for a session. False with *err. */
static bool open_session(session *s, const zl_git_opts *o, char **err)
{
    zl_git_library();
    /* Every zone file of a big folder is looked up by path when a change
     * touches a file they might include: keep such a folder's tree parsed
     * (libgit2 caches trees only up to 4 KiB by default). */
    git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_TREE, (size_t)1 << 20);
    memset(s, 0, sizeof *s);
    s->o = o;
    zl_confine_init(&s->work, &s->run_bytes);
    /* As git's own tools do: a pre-commit hook of `git commit -a` or
     * `git commit FILE` must read the temporary index GIT_INDEX_FILE names. */
    int rc = git_repository_open_ext(&s->repo, o->dir, GIT_REPOSITORY_OPEN_FROM_ENV, NULL);
    if (rc == GIT_ENOTFOUND) {
        *err = zl_xasprintf("%s is not in a git repository (--staged and --diff read one)",
                            o->dir ? o->dir : "the working directory");
        return false;
    }
    if (rc != 0) {
        *err = git_failure("cannot open the repository");
        return false;
    }
    s->top = git_repository_workdir(s->repo);
    if (s->top)
        zl_confine_allow(&s->work, s->top);
    for (size_t i = 0; i < o->ninclude_roots; i++)
        zl_confine_allow(&s->work, o->include_roots[i]);
    return true;
}

static void close_session(session *s)
{
    zl_git_changes_free(&s->changes);
    free(s->base_name);
    git_repository_free(s->repo);
    zl_confine_free(&s->work);
}

/* Where the configuration lookup starts: the working directory (or o->dir)
 * relative to the top of the work tree, ending in '/' ("" at the top), or
 * NULL when it lies outside. */
static char *start_folder(const session *s)
{
    char *here = realpath(s->o->dir ? s->o->dir : ".", NULL);
    char *top = realpath(s->top, NULL);
    char *rel = NULL;
    size_t n = top ? strlen(top) : 0;
    if (here && top && strncmp(here, top, n) == 0 && (here[n] == '/' || here[n] == '\0'))
        rel = here[n] ? zl_xasprintf("%s/", here + n + 1) : zl_xstrdup("");
    free(here);
    free(top);
    return rel;
}

/* The nearest .zonelint.json at or above folder that fs holds: its path
 * (relative to the top) and text, or false. A file that is refused (a
 * symbolic link) counts as found, with no text. */
static bool nearest_config(const zl_fs *fs, const char *folder, char **path, char **text,
                           size_t *len)
{
    char *dir = zl_xstrdup(folder);
    for (;;) {
        char *cand = zl_xasprintf("%s.zonelint.json", dir);
        char *err = NULL;
        zl_read_result r = fs->read(fs, cand, text, len, &err);
        free(err);
        if (r != ZL_READ_FAILED) {
            if (r == ZL_READ_REFUSED)
                *text = NULL, *len = 0;
            *path = cand;
            free(dir);
            return true;
        }
        free(cand);
        if (!*dir)
            break;
        dir[strlen(dir) - 1] = '\0'; /* the final '/' */
        char *slash = strrchr(dir, '/');
        slash ? (void)(slash[1] = '\0') : (void)(dir[0] = '\0');
    }
    free(dir);
    return false;
}

bool zl_git_config(const zl_git_opts *o, zl_config *cfg, char **changed, char **err)
{
    memset(cfg, 0, sizeof *cfg);
    *changed = NULL;
    session s;
    bool ok = open_session(&s, o, err) && need_work_tree(&s, o->diff ? "--diff" : "--staged",
                                                         err);
    char *folder = ok ? start_folder(&s) : NULL;
    git_commit *base = NULL, *head = NULL;
    git_tree *base_tree = NULL, *head_tree = NULL;
    git_index *index = NULL;
    zl_git_fs trusted, now;
    if (ok && !folder) {
        ok = false; /* the lookup starts outside the work tree: no configuration */
        *err = NULL;
    } else if (ok && o->diff) {
        ok = resolve_range(&s, &base, &head, err);
        if (ok && (git_commit_tree(&base_tree, base) != 0 ||
                   (head && git_commit_tree(&head_tree, head) != 0))) {
            *err = git_failure("cannot read a commit's files");
            ok = false;
        }
        if (ok) {
            zl_git_fs_tree(&trusted, s.repo, base_tree, git_commit_id(base));
            if (head)
                zl_git_fs_tree(&now, s.repo, head_tree, git_commit_id(head));
            else
                zl_git_fs_workdir(&now, s.top, &s.work);
        }
    } else if (ok) {
        ok = git_repository_index(&index, s.repo) == 0;
        if (ok)
            zl_git_fs_index(&trusted, s.repo, index);
        else
            *err = git_failure("cannot read the index");
    }
    char *path = NULL, *text = NULL, *new_path = NULL, *new_text = NULL;
    size_t len = 0, new_len = 0;
    bool found = ok && nearest_config(&trusted.fs, folder, &path, &text, &len);
    if (ok && found && text) {
        char *full = zl_xasprintf("%s%s", s.top, path);
        ok = zl_config_parse(full, text, len, cfg, err);
        free(full);
    }
    /* --diff: a configuration the change adds, edits, moves or removes. */
    if (ok && o->diff) {
        bool new_found = nearest_config(&now.fs, folder, &new_path, &new_text, &new_len);
        if (found != new_found || (found && (strcmp(path, new_path) != 0 || !text || !new_text ||
                                             len != new_len || memcmp(text, new_text, len))))
            *changed = zl_xstrdup(new_found ? new_path : path);
    }
    free(path);
    free(text);
    free(new_path);
    free(new_text);
    free(folder);
    git_index_free(index);
    git_tree_free(base_tree);
    git_tree_free(head_tree);
    git_commit_free(base);
    git_commit_free(head);
    close_session(&s);
    return ok || !*err;
}

bool zl_git_lint(const zl_git_opts *o, zl_zoneset *zs, zl_lint *l, size_t *unreadable,
                 char **err)
{
    session s;
    bool ok = open_session(&s, o, err) &&
              (o->diff ? lint_diff(&s, zs, l, err) : lint_staged(&s, zs, l, err));
    if (!ok)
        zl_lint_init(l, zs, o->sev);
    *unreadable = s.unreadable;
    close_session(&s);
    return ok;
}
