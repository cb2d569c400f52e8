/* The command line: options, configuration, the run, the exit status.
 * Exit 0: no finding at or above the failure threshold; 1: there is one;
 * 2: usage, configuration or I/O error. */
#include "lint/cli/cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "parser/formats.h"
#include "lint/config/config.h"
#include "lint/git/git.h"
#include "lint/git/hook.h"
#include "lint/git/library.h"
#include "lint/git/top.h"
#include "lint/io/confine.h"
#include "lint/output/escape.h"
#include "lint/cli/inputs.h"
#include "lint/engine/lint.h"
#include "lint/fix/session.h"
#include "lint/output/output.h"
#include "lint/util/parallel.h"
#include "lint/engine/registry.h"
#include "lint/ses/expect.h"
#include "lint/util/u32set.h"
#include "lint/util/util.h"
#include "lint/cli/version_text.h"
#include "lint/cli/color.h"
#include "lint/cli/rule_list.h"
#include "lint/cli/suggest.h"
#include "lint/output/columns.h"
#include "lint/output/statistics.h"

enum { EXIT_CLEAN = 0, EXIT_FINDINGS = 1, EXIT_USAGE = 2 };

typedef struct options {
    const char *format;
    const char *origin;
    const char *input_format;
    zl_publisher publisher;
    const char *config;
    const char *color;
    bool has_fail_on;
    zl_severity fail_on;
    char **enable, **disable;
    size_t nenable, ndisable;
    char **expect;              /* --expect: SES data files */
    size_t nexpect;
    const char *identity, *region;
    bool staged;      /* --staged */
    const char *diff; /* --diff BASE[..HEAD] */
    char **include_roots; /* --include-root: folders $INCLUDEs may also read */
    size_t ninclude_roots;
    const char *stdin_name; /* --stdin-filename */
    const char *docs_url;   /* --docs-url */
    zl_column_unit columns; /* --column-unit, when has_columns */
    bool has_columns;
    bool quiet, statistics; /* -q, --statistics */
    bool fix, fix_diff, unsafe_fixes; /* --fix, --fix --diff, --unsafe-fixes */
} options;

static void usage(FILE *f)
{
    fputs("usage: zonelint [options] FILE|DIR|- ...\n"
          "       zonelint [options] --staged | --diff BASE[..HEAD]\n"
          "\n"
          "Lint DNS zone files: syntax, names, values, zone structure, SPF, DKIM, DMARC.\n"
          "\n"
          "  --format FMT         text (default), json, sarif (code scanning), github\n"
          "                       (GitHub Actions annotations), checkstyle (Jenkins),\n"
          "                       codeclimate (GitLab Code Quality), junit, rdjson\n"
          "                       (reviewdog)\n"
          "  -q, --quiet          text output: the finding lines only (no source, hint\n"
          "                       or summary)\n"
          "  --statistics         after the findings, how many each rule gave (on stderr)\n"
          "  --column-unit UNIT   count columns in display cells (default for text, as\n"
          "                       gcc: wide characters take two, a tab goes to the next\n"
          "                       multiple of 8), char (characters; default for the\n"
          "                       other formats) or byte (for Vim's and Emacs's jumps)\n"
          "  --origin NAME        origin of relative names, and the zone apex\n"
          "  --input-format FMT   read every input as FMT instead of recognising it:\n"
          "                       bind, route53, route53-changes, cloudflare-json,\n"
          "                       cloudflare-bind, gcloud-yaml, gcloud-zone, azure-zone,\n"
          "                       azure-json, octodns, terraform-plan, terraform (.tf),\n"
          "                       cloudformation, dnscontrol, auto (default)\n"
          "  --publisher PUB      who publishes the files, and so how their text is\n"
          "                       meant: bind, nsd, knot, gdnsd, octodns, provider,\n"
          "                       auto (default: recognised from the content)\n"
          "  --fail-on LEVEL      exit 1 on findings at or above LEVEL:\n"
          "                       error (default), warning, note, none\n"
          "  --disable RULE,...   switch rules off\n"
          "  --enable RULE,...    switch rules on (undoes --disable or the configuration)\n"
          "  --config FILE        configuration file (default: .zonelint.json here or above)\n"
          "  --no-config          do not read a configuration file\n"
          "  --include-root DIR   let $INCLUDEs read files below DIR too (repeatable); by\n"
          "                       default they stay inside the repository, or the folder\n"
          "                       of the file given\n"
          "  --color WHEN         auto (default: on a terminal; FORCE_COLOR or\n"
          "                       CLICOLOR_FORCE turn it on, NO_COLOR or TERM=dumb off),\n"
          "                       always, never\n"
          "  --stdin-filename NAME  the file standard input (-) stands for: its origin,\n"
          "                       configuration and path in findings\n"
          "  --docs-url URL       where docs/rules.md is published: rule links in SARIF\n"
          "                       (helpUri, informationUri) and rdjson\n"
          "  --jobs N             worker threads (default: the number of CPUs)\n"
          "  --expect FILE        what SES issued: aws sesv2 get-email-identity or aws ses\n"
          "                       get-identity-*-attributes JSON, or the console's CSV\n"
          "                       (repeatable)\n"
          "  --identity DOMAIN    the SES identity --expect files describe (default: the\n"
          "                       file name without .json)\n"
          "  --region REGION      their SES region (default: $AWS_REGION, $AWS_DEFAULT_REGION)\n"
          "  --staged             lint the staged zone files as the commit would record them\n"
          "  --diff BASE[..HEAD]  lint HEAD's (default: the work tree's) zone files changed\n"
          "                       since BASE; report only new findings and removed SES records\n"
          "  --fix                apply the safe fixes in place, then report what remains\n"
          "  --fix --diff         print the fixes as a unified diff; change nothing\n"
          "  --unsafe-fixes       with --fix, apply the unsafe fixes too\n"
          "  --install-hook       install the pre-commit hook (zonelint --staged) here\n"
          "  --list-rules         list every rule with its severity (--format json: with\n"
          "                       the explanations)\n"
          "  --explain RULE       explain a rule\n"
          "  --version            print the version\n"
          "  --help               print this help\n"
          "\n"
          "Exit status: 0 clean, 1 findings at or above --fail-on, 2 usage, I/O or git error.\n",
          f);
}

static void split_list(const char *arg, char ***v, size_t *n)
{
    char *copy = zl_xstrdup(arg);
    for (char *save = NULL, *p = strtok_r(copy, ",", &save); p; p = strtok_r(NULL, ",", &save)) {
        *v = zl_xrealloc(*v, (*n + 1) * sizeof **v);
        (*v)[(*n)++] = zl_xstrdup(p);
    }
    free(copy);
}

static void wrap(FILE *f, const char *text, int indent, int width)
{
    int col = indent;
    fprintf(f, "%*s", indent, "");
    const char *p = text;
    while (*p) {
        const char *sp = strchr(p, ' ');
        int len = sp ? (int)(sp - p) : (int)strlen(p);
        if (col > indent && col + 1 + len > width) {
            fprintf(f, "\n%*s", indent, "");
            col = indent;
        } else if (col > indent) {
            fputc(' ', f);
            col++;
        }
        fwrite(p, 1, (size_t)len, f);
        col += len;
        p += len;
        while (*p == ' ')
            p++;
    }
    fputc('\n', f);
}

/* "unknown rule" with the rule meant, when it looks like a slip. */
static char *unknown_rule(const char *where, const char *id)
{
    const char *near = zl_suggest_rule(id);
    return near ? zl_xasprintf("%s: unknown rule '%s' (did you mean '%s'?)", where, id, near)
                : zl_xasprintf("%s: unknown rule '%s' (see zonelint --list-rules)", where, id);
}

static int explain(const char *id)
{
    const zl_rule *r = zl_rule_find(id);
    if (!r) {
        char *msg = unknown_rule("--explain", id);
        fprintf(stderr, "zonelint: %s\n", msg);
        free(msg);
        return EXIT_USAGE;
    }
    printf("%s (%s by default)\n\n", r->id, zl_severity_name(r->severity));
    wrap(stdout, r->summary, 2, 78);
    putchar('\n');
    wrap(stdout, r->explanation, 2, 78);
    putchar('\n');
    printf("  Fix: ");
    wrap(stdout, r->hint, 0, 72);
    printf("\n  Suppress one record with a comment on its line or the line before, with\n"
           "  ';' in zone files and '#' in .tf files and YAML (exports, CloudFormation):\n"
           "    ; zonelint-disable-line %s\n    ; zonelint-disable-next-line %s\n"
           "    # zonelint-disable-line %s\n    # zonelint-disable-next-line %s\n",
           r->id, r->id, r->id, r->id);
    return EXIT_CLEAN;
}

/* Effective severities: defaults, then the configuration, then the flags.
 * False with *err for an unknown rule. */
static bool severities(const options *o, const zl_config *cfg, zl_severity *sev, char **err)
{
    for (size_t i = 0; i < zl_nrules; i++)
        sev[i] = zl_rules[i]->severity;
    for (size_t i = 0; i < cfg->nrules; i++)
        sev[zl_rule_index(zl_rule_find(cfg->rules[i].rule))] = cfg->rules[i].severity;
    for (size_t i = 0; i < o->ndisable; i++) {
        const zl_rule *r = zl_rule_find(o->disable[i]);
        if (!r) {
            *err = unknown_rule("--disable", o->disable[i]);
            return false;
        }
        sev[zl_rule_index(r)] = ZL_SEV_OFF;
    }
    for (size_t i = 0; i < o->nenable; i++) {
        const zl_rule *r = zl_rule_find(o->enable[i]);
        if (!r) {
            *err = unknown_rule("--enable", o->enable[i]);
            return false;
        }
        if (sev[zl_rule_index(r)] == ZL_SEV_OFF)
            sev[zl_rule_index(r)] = r->severity;
    }
    return true;
}

/* Suppression comments naming rules that do not exist are typos: say so. */
static void check_suppressions(const zl_zoneset *zs)
{
    for (size_t i = 0; i < zs->nsrcs; i++) {
        const zl_source *s = zs->srcs[i];
        for (size_t k = 0; k < s->nsupp; k++) {
            char *copy = zl_xstrdup(s->supp[k].rules);
            for (char *save = NULL, *p = strtok_r(copy, ",", &save); p;
                 p = strtok_r(NULL, ",", &save))
                if (strcmp(p, "all") != 0 && !zl_rule_find(p)) {
                    const char *near = zl_suggest_rule(p);
                    zl_warn("%s:%u:%u: warning: unknown rule '%s' in a suppression "
                            "comment%s%s%s",
                            s->path, s->supp[k].at_line, s->supp[k].col, p,
                            near ? " (did you mean '" : "", near ? near : "", near ? "'?)" : "");
                }
            free(copy);
        }
    }
}

static int install_hook(void)
{
    char *msg = NULL;
    bool ok = zl_hook_install(".", &msg);
    fprintf(ok ? stdout : stderr, "zonelint: %s\n", msg);
    free(msg);
    return ok ? EXIT_CLEAN : EXIT_USAGE;
}

/* --staged and --diff: the zone files come from git, not the arguments.
 * False with *err when git failed (nothing linted then). */
static bool lint_git(const options *o, const zl_config *cfg, const char *cfg_changed,
                     const zl_severity *sev, const zl_ses_expect *ses, zl_zoneset *zs,
                     zl_lint *l, int *status, char **err)
{
    zl_git_opts go = {.cfg = cfg, .config_changed = cfg_changed, .origin = o->origin,
                      .sev = sev, .diff = o->diff,
                      .ses = ses->n ? ses : NULL, .include_roots = o->include_roots,
                      .ninclude_roots = o->ninclude_roots};
    size_t unreadable = 0;
    if (!zl_git_lint(&go, zs, l, &unreadable, err))
        return false;
    if (unreadable)
        *status = EXIT_USAGE;
    return true;
}

static void free_options(options *o)
{
    for (size_t i = 0; i < o->nenable; i++)
        free(o->enable[i]);
    for (size_t i = 0; i < o->ndisable; i++)
        free(o->disable[i]);
    free(o->enable);
    free(o->disable);
    free(o->expect);
    free(o->include_roots);
}

/* Allow the work tree of the repository holding folder, else folder, and
 * each --include-root. */
static void allow_tree(zl_confine *c, const options *o, const char *folder)
{
    zl_confine_allow_tree(c, folder, zl_git_work_tree_of);
    for (size_t i = 0; i < o->ninclude_roots; i++)
        zl_confine_allow(c, o->include_roots[i]);
}

static char *folder_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? zl_xstrndup(path, (size_t)(slash - path) + 1) : zl_xstrdup(".");
}

/* The folders the files of one argument may read: the work tree of the
 * repository holding it, else the argument's folder (a folder argument
 * itself), and each --include-root. The argument itself is read wherever it
 * is: the command line is trusted, the files' contents are not. */
static char *confine_argument(zl_confine *c, const options *o, const char *arg)
{
    struct stat st;
    bool is_dir = stat(arg, &st) == 0 && S_ISDIR(st.st_mode);
    char *folder = strcmp(arg, "-") == 0 ? zl_xstrdup(".")
                   : is_dir             ? zl_xstrdup(arg)
                                        : folder_of(arg);
    allow_tree(c, o, folder);
    if (!is_dir && strcmp(arg, "-") != 0)
        zl_confine_trust(c, arg);
    return folder;
}

/* The configuration: --config's file (the command line is trusted); in
 * --staged and --diff the one git holds, never the work tree's (the change
 * controls that); else the nearest .zonelint.json, which must resolve
 * inside its repository (or folder). */
static bool load_config(const options *o, bool no_config, zl_config *cfg, char **changed,
                        char **err)
{
    if (o->config)
        return zl_config_load(o->config, cfg, err);
    if (no_config)
        return true;
    if (o->staged || o->diff) {
        zl_git_opts go = {.diff = o->diff,
                          .include_roots = o->include_roots,
                          .ninclude_roots = o->ninclude_roots};
        return zl_git_config(&go, cfg, changed, err);
    }
    char *path = zl_config_find(".");
    if (!path)
        return true;
    size_t run_bytes = 0;
    zl_confine c;
    zl_confine_init(&c, &run_bytes);
    char *folder = folder_of(path);
    allow_tree(&c, o, folder);
    free(folder);
    char *why = NULL;
    zl_read_result r = zl_confine_check(&c, path, &why);
    bool ok = r == ZL_READ_OK && zl_config_load(path, cfg, err);
    if (r != ZL_READ_OK)
        *err = zl_xasprintf("input-refused: %s", why);
    free(why);
    zl_confine_free(&c);
    free(path);
    return ok;
}

/* SES data the configuration names stays inside the configuration's tree. */
static bool load_ses(const options *o, const zl_config *cfg, zl_ses_expect *ses, char **err)
{
    if (!cfg->nses && !o->nexpect)
        return true;
    size_t run_bytes = 0;
    zl_confine c;
    zl_confine_init(&c, &run_bytes);
    if (cfg->dir)
        allow_tree(&c, o, cfg->dir);
    bool ok = zl_ses_expect_load_all(ses, cfg, &c, o->expect, o->nexpect, o->identity,
                                     o->region, err);
    zl_confine_free(&c);
    return ok;
}

/* The errors of a run: each printed when it happens, and kept for the
 * formats that report a failed run (SARIF's notifications). */
typedef struct run_errors {
    char **v;
    size_t n;
} run_errors;

static void run_error(run_errors *e, char *msg)
{
    zl_warn("%s", msg);
    e->v = zl_xrealloc(e->v, (e->n + 1) * sizeof *e->v);
    e->v[e->n++] = msg;
}

/* What makes a file given or found distinct: the file itself (a path given
 * twice, or a link to it under the same name, is read once) and the name it
 * is read under, since a file's name can be its zone (gdnsd serves each link
 * to one template as a zone of that name). */
static char *input_key(const char *path)
{
    if (strcmp(path, "-") == 0)
        return zl_xstrdup("-");
    char *id = zl_fs_posix.identity(&zl_fs_posix, path);
    char *key = zl_xasprintf("%s\n%s", id ? id : path, zl_path_base(path));
    free(id);
    return key;
}

/* A problem reading the inputs: kept in errors, or dropped where errors is
 * NULL (a fix round reads again what was reported the first time). */
static void input_error(run_errors *errors, char *msg)
{
    if (errors)
        run_error(errors, msg);
    else
        free(msg);
}

/* Read the files of each argument, every distinct one (input_key) once; one
 * that cannot be read is reported and the others are still read (a hook
 * framework passes a list of files), the exit status 2 in the end. With fix,
 * files are read through its fixed contents, then the argument's confined
 * reader. */
static void read_arguments(const options *o, const zl_input_opts *base, char **args,
                           size_t nargs, zl_zoneset *zs, size_t *found, run_errors *errors,
                           zl_fix_session *fix)
{
    size_t run_bytes = 0;
    char **seen = NULL;
    size_t nseen = 0;
    zl_u32set hashes = {0}; /* of the keys seen: most files compare with none */
    zl_beside_memo beside = {0}; /* arguments in one folder are confined alike */
    for (size_t a = 0; a < nargs; a++) {
        zl_confine c;
        zl_confine_init(&c, &run_bytes);
        zl_beside_memo_scope(&beside, confine_argument(&c, o, args[a]));
        zl_input_opts io = *base;
        io.fs = &c.fs;
        io.beside = &beside;
        if (fix) {
            fix->base = &c.fs;
            io.fs = &fix->fs;
        }
        char **files = NULL, *err = NULL;
        size_t nfiles = 0, unreadable = 0;
        if (!zl_inputs_expand(&io, args + a, 1, &files, &nfiles, &unreadable, &err))
            input_error(errors, err);
        if (unreadable)
            input_error(errors, zl_xasprintf("%s: %zu entr%s below it cannot be read", args[a],
                                           unreadable, unreadable == 1 ? "y" : "ies"));
        for (size_t i = 0; i < nfiles; i++) {
            char *id = input_key(files[i]);
            uint32_t h = (uint32_t)zl_hash_text(id);
            bool again = false;
            for (size_t k = 0; zl_u32set_has(&hashes, h) && k < nseen && !again; k++)
                again = strcmp(seen[k], id) == 0;
            zl_u32set_add(&hashes, h);
            if (again) {
                free(id);
            } else {
                seen = zl_xrealloc(seen, (nseen + 1) * sizeof *seen);
                seen[nseen++] = id;
                (*found)++;
                err = NULL;
                if (!zl_inputs_read(zs, &io, files[i], &err))
                    input_error(errors, err);
            }
            free(files[i]);
        }
        free(files);
        zl_confine_free(&c);
    }
    zl_beside_memo_free(&beside);
    for (size_t k = 0; k < nseen; k++)
        free(seen[k]);
    free(seen);
    zl_u32set_free(&hashes);
}

/* The repository's work tree and the working directory, for the formats
 * that show paths relative to the top of the repository (git modes give
 * them so already). */
static void report_root(const options *o, const zl_writer *w, zl_report *report, char **root,
                        char **cwd)
{
    if (*root || !w->repo_paths)
        return;
    char *top = o->staged || o->diff ? NULL : zl_git_work_tree_of(".");
    char *here = top ? realpath(".", NULL) : NULL;
    *root = here ? zl_xasprintf("%s/", strcmp(top, "/") ? top : "") : NULL;
    *cwd = here ? zl_xasprintf("%s/", strcmp(here, "/") ? here : "") : NULL;
    report->root = *root, report->cwd = *cwd;
    free(top);
    free(here);
}

enum { FIX_ROUNDS = 8 };

/* keep_all: every finding is kept, past the bound of lint/engine/bound.h
 * (--fix makes each fix); keys: the writer reads the findings' keys. */
static void lint_zones(zl_zoneset *zs, const zl_severity *sev, const zl_ses_expect *ses,
                       bool keep_all, bool keys, zl_lint *l)
{
    zl_lint_init(l, zs, sev);
    l->ses = ses;
    l->keep_all = keep_all;
    l->keys = keys;
    zl_lint_run(l);
}

/* After the rounds: --fix --diff prints the patch (true: nothing else is
 * shown), --fix writes the files and says what it did. */
static bool finish_fix(const options *o, const zl_fix_session *fx, int *status)
{
    if (o->fix_diff) {
        zl_fix_diff(fx, stdout);
        if (*status == EXIT_CLEAN && zl_fix_session_changed(fx))
            *status = EXIT_FINDINGS;
        return true;
    }
    char *err = NULL;
    if (!zl_fix_write(fx, &err)) {
        fprintf(stderr, "zonelint: %s\n", err);
        free(err);
        *status = EXIT_USAGE;
    }
    if (zl_fix_session_fixes(fx))
        fprintf(stderr, "zonelint: fixed %zu finding%s in %zu file%s\n",
                zl_fix_session_fixes(fx), zl_fix_session_fixes(fx) == 1 ? "" : "s",
                zl_fix_session_changed(fx), zl_fix_session_changed(fx) == 1 ? "" : "s");
    return false;
}

static int run(options *o, bool no_config, char **args, size_t nargs)
{
    /* Everything run() owns, released once at the end (done:). */
    zl_config cfg = {0};
    zl_ses_expect ses = {0};
    zl_severity *sev = NULL;
    size_t nfiles = 0;
    zl_zoneset zs;
    zl_zoneset_init(&zs);
    zl_lint l;
    bool linted = false;
    int status = EXIT_USAGE;
    char *err = NULL;
    char *cfg_changed = NULL; /* --diff: the configuration the change edits */
    run_errors errors = {0};
    const zl_writer *writer = zl_writer_find(o->format);
    zl_findings none = {0};
    zl_report report = {.zs = &zs, .fs = &none, .color = zl_use_color(o->color, STDOUT_FILENO),
                        .quiet = o->quiet, .docs_url = o->docs_url,
                        .columns = o->has_columns ? o->columns : ZL_COLUMN_FIXED};
    char *root = NULL, *cwd = NULL;
    /* A format that shows paths from the repository's top needs libgit2:
     * it starts (its CA certificates) while the files are read. */
    if (writer && writer->repo_paths && !o->staged && !o->diff)
        zl_git_library_warm();

    if (!load_config(o, no_config, &cfg, &cfg_changed, &err) || !load_ses(o, &cfg, &ses, &err))
        goto done;
    sev = zl_xmalloc(zl_nrules * sizeof *sev);
    if (!severities(o, &cfg, sev, &err))
        goto done;
    zl_severity fail_on = o->has_fail_on ? o->fail_on
                          : cfg.has_fail_on ? cfg.fail_on
                                            : ZL_SEV_ERROR;

    zl_input_opts io = {.cfg = &cfg,
                        .origin = o->origin,
                        .input_format = o->input_format,
                        .publisher = o->publisher,
                        .stdin_name = o->stdin_name};
    read_arguments(o, &io, args, nargs, &zs, &nfiles, &errors, NULL);
    if (nfiles == 0 && !errors.n && !o->staged && !o->diff)
        zl_warn("warning: no zone files found (names read by default: *.zone, *.db, db.*, "
                "*.tf, *.tf.json, and CloudFormation templates with record sets)");

    status = EXIT_CLEAN;
    if (o->staged || o->diff) {
        linted = true; /* lint_git initialises l, also when it fails */
        if (!lint_git(o, &cfg, cfg_changed, sev, &ses, &zs, &l, &status, &err)) {
            status = EXIT_USAGE;
            goto done;
        }
    } else {
        lint_zones(&zs, sev, ses.n ? &ses : NULL, o->fix, writer->fingerprints, &l);
        linted = true;
    }
    if (o->fix) {
        zl_fix_session fx;
        /* its base is each argument's confined reader (read_arguments) */
        zl_fix_session_init(&fx, o->unsafe_fixes ? ZL_FIX_UNSAFE : ZL_FIX_SAFE, NULL);
        /* In finding order (the file's), fixes that overlapped one applied
         * get their turn in the next round; the last run's findings are what
         * remains. */
        for (int round = 0; round < FIX_ROUNDS; round++) {
            zl_findings_sort(&l.findings);
            if (!zl_fix_session_apply(&fx, &l.findings))
                break;
            zl_lint_free(&l);
            zl_zoneset_free(&zs);
            zl_zoneset_init(&zs);
            size_t again = 0;
            read_arguments(o, &io, args, nargs, &zs, &again, NULL, &fx);
            lint_zones(&zs, sev, ses.n ? &ses : NULL, true, writer->fingerprints, &l);
        }
        bool shown = finish_fix(o, &fx, &status);
        zl_fix_session_free(&fx);
        if (shown)
            goto done;
    }
    if (errors.n)
        status = EXIT_USAGE;
    check_suppressions(&zs);
    zl_findings_sort(&l.findings);
    zl_findings_cap(&l.findings, l.dropped, l.ndropped);
    report.fs = &l.findings;
    report.errors = errors.v, report.nerrors = errors.n;
    report_root(o, writer, &report, &root, &cwd);
    if (!writer->write(stdout, &report))
        status = EXIT_USAGE;
    if (fflush(stdout) != 0) {
        fprintf(stderr, "zonelint: cannot write the output\n");
        status = EXIT_USAGE;
    }
    if (o->statistics)
        zl_write_statistics(stderr, &l.findings);
    if (status == EXIT_CLEAN && fail_on != ZL_SEV_OFF)
        for (size_t i = 0; i < l.findings.n; i++)
            if (l.findings.v[i].severity >= fail_on)
                status = EXIT_FINDINGS;

done:
    if (err) {
        /* The run stopped before its report: a format that reports a failed
         * run still writes one, so that an upload step finds a valid file. */
        run_error(&errors, err);
        if (writer->on_failure) {
            report.errors = errors.v, report.nerrors = errors.n;
            report_root(o, writer, &report, &root, &cwd);
            writer->write(stdout, &report);
            fflush(stdout);
        }
    }
    /* The zone set before the findings: its texts are large blocks, and
     * freeing one after the findings' many small strings makes malloc
     * consolidate them all (15 ms for 100,000 findings). */
    zl_zoneset_free(&zs);
    if (linted)
        zl_lint_free(&l);
    for (size_t i = 0; i < errors.n; i++)
        free(errors.v[i]);
    free(errors.v);
    free(root);
    free(cwd);
    free(sev);
    zl_ses_expect_free(&ses);
    zl_config_free(&cfg);
    free(cfg_changed);
    return status;
}

/* One line for an unknown option: the option meant, when it looks like a
 * slip, and where the rest is. */
static void unknown_option(const struct option *longopts, int opt, const char *arg)
{
    if (opt && opt < 256) {
        fprintf(stderr, "zonelint: unknown option '-%c' (see zonelint --help)\n", opt);
        return;
    }
    size_t n = 0;
    while (longopts[n].name)
        n++;
    char **names = zl_xmalloc((n + 1) * sizeof *names);
    for (size_t i = 0; i < n; i++)
        names[i] = zl_xasprintf("--%s", longopts[i].name);
    char *word = zl_xstrndup(arg, strcspn(arg, "="));
    const char *near = zl_suggest(word, (const char *const *)names, n);
    if (near)
        fprintf(stderr, "zonelint: unknown option '%s' (did you mean '%s'? see zonelint --help)\n",
                word, near);
    else
        fprintf(stderr, "zonelint: unknown option '%s' (see zonelint --help)\n", word);
    free(word);
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

/* With --fix, --diff asks for the patch instead of naming a git base: it
 * is renamed to an option of its own before getopt sees it. */
static char **fix_args(int argc, char **argv)
{
    char **args = zl_xcalloc((size_t)argc + 1, sizeof *args);
    bool fix = false;
    for (int i = 0; i < argc && strcmp(argv[i], "--") != 0; i++)
        fix = fix || strcmp(argv[i], "--fix") == 0;
    bool before_files = true;
    for (int i = 0; i < argc; i++) {
        before_files = before_files && strcmp(argv[i], "--") != 0;
        bool patch = fix && before_files && strcmp(argv[i], "--diff") == 0;
        args[i] = patch ? "--\x01fix-diff" : argv[i];
    }
    return args;
}

/* -1 when the fix options go together, else the exit status. */
static int check_fix_options(const options *o, char **files, int nfiles)
{
    const char *problem = NULL;
    if (o->unsafe_fixes && !o->fix)
        problem = "--unsafe-fixes goes with --fix";
    else if (o->fix && o->staged)
        problem = "--fix does not go with --staged: it would change the work tree, not what "
                  "the commit records; run zonelint --fix FILE, then git add FILE";
    else if (o->fix && o->diff)
        problem = "--fix --diff shows the fixes as a patch; --diff BASE does not go with --fix";
    for (int i = 0; !problem && o->fix && i < nfiles; i++)
        if (strcmp(files[i], "-") == 0)
            problem = "--fix reads and rewrites files: it does not take standard input";
    if (!problem)
        return -1;
    fprintf(stderr, "zonelint: %s\n", problem);
    return EXIT_USAGE;
}

int zl_main(int argc, char **argv)
{
    enum {
        OPT_FORMAT = 256, OPT_ORIGIN, OPT_FAIL_ON, OPT_DISABLE, OPT_ENABLE, OPT_CONFIG,
        OPT_NO_CONFIG, OPT_COLOR, OPT_JOBS, OPT_LIST_RULES, OPT_EXPLAIN, OPT_VERSION, OPT_HELP,
        OPT_INPUT_FORMAT, OPT_PUBLISHER,
        OPT_EXPECT, OPT_IDENTITY, OPT_REGION,
        OPT_STAGED, OPT_DIFF, OPT_INSTALL_HOOK, OPT_INCLUDE_ROOT,
        OPT_QUIET, OPT_STATISTICS, OPT_COLUMN_UNIT, OPT_STDIN_FILENAME, OPT_DOCS_URL,
        OPT_FIX, OPT_FIX_DIFF, OPT_UNSAFE_FIXES,
    };
    static const struct option longopts[] = {
        {"format", required_argument, NULL, OPT_FORMAT},
        {"origin", required_argument, NULL, OPT_ORIGIN},
        {"input-format", required_argument, NULL, OPT_INPUT_FORMAT},
        {"publisher", required_argument, NULL, OPT_PUBLISHER},
        {"fail-on", required_argument, NULL, OPT_FAIL_ON},
        {"disable", required_argument, NULL, OPT_DISABLE},
        {"enable", required_argument, NULL, OPT_ENABLE},
        {"config", required_argument, NULL, OPT_CONFIG},
        {"no-config", no_argument, NULL, OPT_NO_CONFIG},
        {"color", required_argument, NULL, OPT_COLOR},
        {"jobs", required_argument, NULL, OPT_JOBS},
        {"list-rules", no_argument, NULL, OPT_LIST_RULES},
        {"explain", required_argument, NULL, OPT_EXPLAIN},
        {"version", no_argument, NULL, OPT_VERSION},
        {"help", no_argument, NULL, OPT_HELP},
        {"expect", required_argument, NULL, OPT_EXPECT},
        {"identity", required_argument, NULL, OPT_IDENTITY},
        {"region", required_argument, NULL, OPT_REGION},
        {"staged", no_argument, NULL, OPT_STAGED},
        {"diff", required_argument, NULL, OPT_DIFF},
        {"install-hook", no_argument, NULL, OPT_INSTALL_HOOK},
        {"include-root", required_argument, NULL, OPT_INCLUDE_ROOT},
        {"quiet", no_argument, NULL, OPT_QUIET},
        {"statistics", no_argument, NULL, OPT_STATISTICS},
        {"column-unit", required_argument, NULL, OPT_COLUMN_UNIT},
        {"stdin-filename", required_argument, NULL, OPT_STDIN_FILENAME},
        {"docs-url", required_argument, NULL, OPT_DOCS_URL},
        {"fix", no_argument, NULL, OPT_FIX},
        {"unsafe-fixes", no_argument, NULL, OPT_UNSAFE_FIXES},
        {"\x01fix-diff", no_argument, NULL, OPT_FIX_DIFF}, /* --diff after --fix */
        {NULL, 0, NULL, 0},
    };
    char **args = fix_args(argc, argv);
    /* --list-rules and --explain act once every option is read (--format
     * may follow them). */
    bool list = false;
    const char *explain_id = NULL;
    options o = {.format = "text", .color = "auto"};
    bool no_config = false;
    int c, status = -1;
    opterr = 0;
    optind = 1;
    while (status < 0 && (c = getopt_long(argc, args, ":hq", longopts, NULL)) != -1) {
        switch (c) {
        case OPT_FORMAT:
            if (!zl_writer_find(optarg)) {
                fprintf(stderr, "zonelint: --format: unknown format '%s' (%s)\n", optarg,
                        zl_writer_names());
                status = EXIT_USAGE;
            }
            o.format = optarg;
            break;
        case OPT_ORIGIN: o.origin = optarg; break;
        case OPT_INPUT_FORMAT:
            if (strcmp(optarg, "auto") && !zl_format_find(optarg)) {
                fprintf(stderr, "zonelint: --input-format: unknown format '%s' (%s)\n", optarg,
                        zl_format_list);
                status = EXIT_USAGE;
            }
            o.input_format = optarg;
            break;
        case OPT_PUBLISHER:
            if (!zl_publisher_parse(optarg, &o.publisher)) {
                fprintf(stderr, "zonelint: --publisher: unknown publisher '%s' (%s)\n", optarg,
                        zl_publisher_list);
                status = EXIT_USAGE;
            }
            break;
        case OPT_FAIL_ON:
            if (!zl_severity_parse(optarg, &o.fail_on)) {
                fprintf(stderr, "zonelint: --fail-on: expected error, warning, note or none\n");
                status = EXIT_USAGE;
            }
            o.has_fail_on = true;
            break;
        case OPT_DISABLE: split_list(optarg, &o.disable, &o.ndisable); break;
        case OPT_ENABLE: split_list(optarg, &o.enable, &o.nenable); break;
        case OPT_CONFIG: o.config = optarg; break;
        case OPT_NO_CONFIG: no_config = true; break;
        case OPT_COLOR:
            if (strcmp(optarg, "auto") && strcmp(optarg, "always") && strcmp(optarg, "never")) {
                fprintf(stderr, "zonelint: --color: expected auto, always or never\n");
                status = EXIT_USAGE;
            }
            o.color = optarg;
            break;
        case OPT_JOBS: {
            char *end;
            long n = strtol(optarg, &end, 10);
            if (*end || n < 1 || n > 1024) {
                fprintf(stderr, "zonelint: --jobs: expected a number from 1 up\n");
                status = EXIT_USAGE;
            } else {
                zl_set_jobs((unsigned)n);
            }
            break;
        }
        case OPT_LIST_RULES: list = true; break;
        case OPT_EXPLAIN: explain_id = optarg; break;
        case 'q':
        case OPT_QUIET: o.quiet = true; break;
        case OPT_STATISTICS: o.statistics = true; break;
        case OPT_COLUMN_UNIT:
            o.has_columns = true;
            if (!zl_column_unit_parse(optarg, &o.columns)) {
                fprintf(stderr, "zonelint: --column-unit: expected char, byte or display\n");
                status = EXIT_USAGE;
            }
            break;
        case OPT_STDIN_FILENAME: o.stdin_name = optarg; break;
        case OPT_DOCS_URL: o.docs_url = optarg; break;
        case OPT_VERSION:
            zl_print_version(stdout);
            status = EXIT_CLEAN;
            break;
        case OPT_EXPECT:
            o.expect = zl_xrealloc(o.expect, (o.nexpect + 1) * sizeof *o.expect);
            o.expect[o.nexpect++] = optarg;
            break;
        case OPT_IDENTITY: o.identity = optarg; break;
        case OPT_REGION: o.region = optarg; break;
        case OPT_STAGED: o.staged = true; break;
        case OPT_DIFF: o.diff = optarg; break;
        case OPT_INSTALL_HOOK: status = install_hook(); break;
        case OPT_INCLUDE_ROOT: {
            struct stat st;
            if (stat(optarg, &st) != 0 || !S_ISDIR(st.st_mode)) {
                zl_warn("--include-root: %s is not a folder", optarg);
                status = EXIT_USAGE;
            }
            o.include_roots = zl_xrealloc(o.include_roots,
                                          (o.ninclude_roots + 1) * sizeof *o.include_roots);
            o.include_roots[o.ninclude_roots++] = optarg;
            break;
        }
        case OPT_FIX: o.fix = true; break;
        case OPT_FIX_DIFF: o.fix_diff = true; break;
        case OPT_UNSAFE_FIXES: o.unsafe_fixes = true; break;
        case 'h':
        case OPT_HELP:
            usage(stdout);
            status = EXIT_CLEAN;
            break;
        case ':':
            fprintf(stderr, "zonelint: option '%s' needs a value (see zonelint --help)\n",
                    args[optind - 1]);
            status = EXIT_USAGE;
            break;
        default:
            unknown_option(longopts, optopt, args[optind - 1]);
            status = EXIT_USAGE;
        }
    }
    if (status < 0 && list) {
        if (strcmp(o.format, "text") && strcmp(o.format, "json")) {
            fprintf(stderr, "zonelint: --list-rules writes text or json, not %s\n", o.format);
            status = EXIT_USAGE;
        } else {
            status = zl_list_rules(stdout, strcmp(o.format, "json") == 0) ? EXIT_CLEAN
                                                                          : EXIT_USAGE;
        }
    }
    if (status < 0 && explain_id)
        status = explain(explain_id);
    if (status < 0)
        status = check_fix_options(&o, args + optind, argc - optind);
    if (status < 0 && o.identity && !o.nexpect) {
        fprintf(stderr, "zonelint: --identity names the identity of --expect files: give one\n");
        status = EXIT_USAGE;
    }
    if (status < 0 && (o.staged || o.diff)) {
        if (o.staged && o.diff)
            fprintf(stderr, "zonelint: --staged and --diff do not go together\n");
        else if (optind < argc)
            fprintf(stderr, "zonelint: --staged and --diff take no FILE: they lint the zone "
                            "files the change touches\n");
        else
            status = run(&o, no_config, NULL, 0);
        if (status < 0)
            status = EXIT_USAGE;
    }
    if (status < 0 && optind >= argc) {
        fprintf(stderr, "zonelint: no input: give zone files, directories, or - for stdin "
                        "(see zonelint --help)\n");
        status = EXIT_USAGE;
    }
    if (status < 0)
        status = run(&o, no_config, args + optind, (size_t)(argc - optind));
    zl_git_library_done();
    free_options(&o);
    free(args);
    return status;
}
