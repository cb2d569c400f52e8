/* --staged and --diff on real repositories built with libgit2 in temporary
 * directories: commits, index changes, renames, deletions, includes, binary
 * files, submodules, detached, empty, bare and shallow repositories. Each
 * test reads the findings as "path:line rule" lines (line 0: the whole file). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lint/git/git.h"
#include "lint/git/removed.h"
#include "lint/engine/registry.h"
#include "lint/util/util.h"
#include "rules/rules.h"

typedef struct repo {
    char dir[64];
    git_repository *git;
} repo;

#define APEX "$ORIGIN example.com.\n$TTL 300\n@ IN SOA ns1 h 1 2 3 4 5\n  IN NS ns1.example.net.\n"
#define DKIM1 "t1._domainkey IN CNAME t1.dkim.amazonses.com.\n"
#define DKIM2 "t2._domainkey IN CNAME t2.dkim.amazonses.com.\n"
#define BROKEN "bad IN A 256.1.1.1\n"

static void init_repo(repo *r, bool bare)
{
    snprintf(r->dir, sizeof r->dir, "/tmp/zl-test-git-XXXXXX");
    assert_non_null(mkdtemp(r->dir));
    assert_int_equal(git_repository_init(&r->git, r->dir, bare), 0);
}

static void shell(const char *fmt, const char *arg)
{
    char *cmd = zl_xasprintf(fmt, arg);
    assert_int_equal(system(cmd), 0);
    free(cmd);
}

static void free_repo(repo *r)
{
    git_repository_free(r->git);
    shell("rm -rf '%s'", r->dir);
}

/* Each test gets a fresh repository with a work tree. */
static int setup(void **state)
{
    repo *r = zl_xcalloc(1, sizeof *r);
    init_repo(r, false);
    *state = r;
    return 0;
}

static int teardown(void **state)
{
    free_repo(*state);
    free(*state);
    return 0;
}

static void write_file(const repo *r, const char *path, const char *text, size_t len)
{
    char *full = zl_xasprintf("%s/%s", r->dir, path);
    char *slash = strrchr(full, '/');
    *slash = '\0';
    shell("mkdir -p '%s'", full);
    *slash = '/';
    FILE *f = fopen(full, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(text, 1, len, f), len);
    fclose(f);
    free(full);
}

static void put(const repo *r, const char *path, const char *text)
{
    write_file(r, path, text, strlen(text));
}

/* Record in the index the work tree's version of path, or its absence. */
static void stage(const repo *r, const char *path, bool present)
{
    git_index *idx;
    assert_int_equal(git_repository_index(&idx, r->git), 0);
    assert_int_equal(present ? git_index_add_bypath(idx, path)
                             : git_index_remove_bypath(idx, path),
                     0);
    assert_int_equal(git_index_write(idx), 0);
    git_index_free(idx);
}

/* Write and stage. */
static void add(const repo *r, const char *path, const char *text)
{
    put(r, path, text);
    stage(r, path, true);
}

/* Delete from the work tree and the index. */
static void rm(const repo *r, const char *path)
{
    char *full = zl_xasprintf("%s/%s", r->dir, path);
    unlink(full);
    free(full);
    stage(r, path, false);
}

/* Commit the index on HEAD (detached or not); returns the commit id. */
static git_oid commit(const repo *r, const char *msg)
{
    git_index *idx;
    git_oid tree_id, id;
    git_tree *tree;
    git_signature *sig;
    git_commit *parent = NULL;
    assert_int_equal(git_repository_index(&idx, r->git), 0);
    assert_int_equal(git_index_write_tree(&tree_id, idx), 0);
    assert_int_equal(git_tree_lookup(&tree, r->git, &tree_id), 0);
    assert_int_equal(git_signature_new(&sig, "T", "t@example.com", 1700000000, 0), 0);
    if (git_repository_head_unborn(r->git) != 1) {
        git_object *head;
        assert_int_equal(git_revparse_single(&head, r->git, "HEAD"), 0);
        parent = (git_commit *)head;
    }
    const git_commit *parents[1] = {parent};
    assert_int_equal(git_commit_create(&id, r->git, "HEAD", sig, sig, NULL, msg, tree,
                                       parent ? 1 : 0, parents),
                     0);
    git_commit_free(parent);
    git_signature_free(sig);
    git_tree_free(tree);
    git_index_free(idx);
    return id;
}

static zl_severity *defaults(void)
{
    zl_severity *sev = zl_xmalloc(zl_nrules * sizeof *sev);
    for (size_t i = 0; i < zl_nrules; i++)
        sev[i] = zl_rules[i]->severity;
    /* toy DKIM tokens (t1, t2): the SES record shape is not what these test */
    sev[zl_rule_index(&zl_rule_ses_dkim_incomplete)] = ZL_SEV_OFF;
    return sev;
}

/* The findings as sorted "path:line rule" lines, or "error: ..." when git
 * failed, or "unreadable" when a zone file could not be read. */
static char *lint_cfg(const repo *r, const char *diff, const zl_config *cfg)
{
    zl_severity *sev = defaults();
    zl_git_opts o = {.dir = r->dir, .cfg = cfg, .sev = sev, .diff = diff};
    zl_zoneset zs;
    zl_zoneset_init(&zs);
    zl_lint l;
    size_t unreadable = 0;
    char *err = NULL;
    zl_buf out = {0};
    if (!zl_git_lint(&o, &zs, &l, &unreadable, &err)) {
        zl_buf_printf(&out, "error: %s", err);
        free(err);
    } else {
        char **lines = zl_xmalloc((l.findings.n + 1) * sizeof *lines);
        for (size_t i = 0; i < l.findings.n; i++)
            lines[i] = zl_xasprintf("%s:%u %s\n", l.findings.v[i].path, l.findings.v[i].line,
                                    l.findings.v[i].rule->id);
        qsort(lines, l.findings.n, sizeof *lines, zl_cmp_strings);
        for (size_t i = 0; i < l.findings.n; i++) {
            zl_buf_adds(&out, lines[i]);
            free(lines[i]);
        }
        free(lines);
        if (unreadable)
            zl_buf_adds(&out, "unreadable\n");
    }
    zl_lint_free(&l);
    zl_zoneset_free(&zs);
    free(sev);
    return zl_buf_take(&out);
}

static char *lint(const repo *r, const char *diff)
{
    static const zl_config none = {0};
    return lint_cfg(r, diff, &none);
}

#define assert_lint(r, diff, want)                                                            \
    do {                                                                                      \
        char *got_ = lint(r, diff);                                                           \
        assert_string_equal(got_, want);                                                      \
        free(got_);                                                                           \
    } while (0)

static void assert_error(const repo *r, const char *diff, const char *part)
{
    char *got = lint(r, diff);
    if (strncmp(got, "error: ", 7) != 0 || !strstr(got, part))
        fail_msg("expected an error with '%s', got '%s'", part, got);
    free(got);
}

static void staged_reads_the_index_not_the_work_tree(void **state)
{
    repo *r = *state;
    add(r, "db.example.com", APEX DKIM1);
    commit(r, "base");
    /* Staged: a clean edit. Work tree: broken. */
    add(r, "db.example.com", APEX DKIM1 "www IN A 192.0.2.1\n");
    put(r, "db.example.com", APEX DKIM1 BROKEN);
    assert_lint(r, NULL, "");
    /* And the other way round. */
    add(r, "db.example.com", APEX DKIM1 BROKEN);
    put(r, "db.example.com", APEX DKIM1);
    assert_lint(r, NULL, "db.example.com:6 syntax-error\n");
    /* Unchanged zone files are not linted. */
    add(r, "db.example.com", APEX DKIM1);
    add(r, "db.other.example", "$ORIGIN other.example.\n$TTL 60\n@ SOA ns.example.net. h 1 2 3 4 "
                               "5\n@ NS ns.example.net.\nx A 192.0.2.1\n");
    assert_lint(r, NULL, "");
}

static void staged_includes_come_from_the_index(void **state)
{
    repo *r = *state;
    add(r, "zones/db.example.com", APEX "$INCLUDE inc/ses.inc\n");
    add(r, "zones/inc/ses.inc", DKIM1);
    add(r, "README", "zones\n");
    commit(r, "base");
    /* Only the include is staged: the zone file that reads it is linted,
     * with the include's index version. */
    add(r, "zones/inc/ses.inc", DKIM1 BROKEN);
    put(r, "zones/inc/ses.inc", DKIM1);
    assert_lint(r, NULL, "zones/inc/ses.inc:2 syntax-error\n");
    /* A change to a file nobody includes selects nothing. */
    add(r, "zones/inc/ses.inc", DKIM1);
    add(r, "README", "zone files\n");
    assert_lint(r, NULL, "");
}

static void staged_in_an_empty_repository(void **state)
{
    repo *r = *state;
    assert_lint(r, NULL, "");
    add(r, "example.com.zone", APEX BROKEN);
    assert_lint(r, NULL, "example.com.zone:5 syntax-error\n");
}

static void staged_deletions_and_other_files(void **state)
{
    repo *r = *state;
    add(r, "db.example.com", APEX BROKEN);
    commit(r, "base");
    rm(r, "db.example.com");
    add(r, "notes.txt", BROKEN);
    assert_lint(r, NULL, "");
}

static void staged_uses_the_configuration_patterns(void **state)
{
    repo *r = *state;
    add(r, "lan/hosts.txt", "@ 60 IN SOA ns.example.net. h 1 2 3 4 5\n@ 60 IN NS ns.example.net.\n"
                            "www 60 IN A 256.0.0.1\n");
    add(r, "lan/skip.zone", BROKEN);
    char *path = zl_xasprintf("%s/.zonelint.json", r->dir);
    put(r, ".zonelint.json", "{\"zones\": [{\"path\": \"lan/*.txt\", \"origin\": "
                              "\"corp.example\"}], \"ignore\": [\"lan/skip.zone\"]}");
    zl_config cfg;
    char *err = NULL;
    assert_true(zl_config_load(path, &cfg, &err));
    char *got = lint_cfg(r, NULL, &cfg);
    assert_string_equal(got, "lan/hosts.txt:3 syntax-error\n");
    free(got);
    zl_config_free(&cfg);
    free(path);
}

static void diff_reports_only_new_findings(void **state)
{
    repo *r = *state;
    add(r, "db.example.com", APEX BROKEN);
    git_oid base = commit(r, "base");
    char hex[GIT_OID_HEXSZ + 1];
    git_oid_tostr(hex, sizeof hex, &base);
    /* Lines inserted above the old mistake move it; it is still old. */
    put(r, "db.example.com", APEX "a IN A 192.0.2.1\nb IN A 192.0.2.2\n" BROKEN
                              "new IN A 300.1.1.1\n");
    assert_lint(r, "HEAD", "db.example.com:8 syntax-error\n");
    assert_lint(r, hex, "db.example.com:8 syntax-error\n");
    /* Committed, the same change compares commit to commit. */
    add(r, "db.example.com", APEX "a IN A 192.0.2.1\nb IN A 192.0.2.2\n" BROKEN
                              "new IN A 300.1.1.1\n");
    commit(r, "change");
    assert_lint(r, "HEAD~1..HEAD", "db.example.com:8 syntax-error\n");
    assert_lint(r, "HEAD~1...HEAD", "db.example.com:8 syntax-error\n");
    assert_lint(r, "HEAD", "");
}

static void diff_counts_equal_findings(void **state)
{
    repo *r = *state;
    add(r, "db.example.com", APEX BROKEN BROKEN);
    commit(r, "base");
    put(r, "db.example.com", APEX BROKEN BROKEN BROKEN);
    /* Two old copies hide two of the three. */
    assert_lint(r, "HEAD", "db.example.com:7 syntax-error\n");
}

static void diff_finds_removed_ses_records(void **state)
{
    repo *r = *state;
    add(r, "db.example.com",
        APEX DKIM1 DKIM2 "_amazonses IN TXT \"tok=\"\n"
             "mail IN MX 10 feedback-smtp.us-east-1.amazonses.com.\n"
             "t3._domainkey IN CNAME t3.dkim.amazonses.com\n");
    commit(r, "base");
    /* DKIM1 gone, DKIM2 retargeted, the TXT's TTL and case changed (the
     * same record), the MX unchanged, t3's lost final dot restored (it never
     * worked, so fixing it removes nothing). */
    put(r, "db.example.com",
        APEX "t2._domainkey IN CNAME t2x.dkim.amazonses.com.\n"
             "_AMAZONSES 60 IN TXT \"tok=\"\n"
             "mail IN MX 10 feedback-smtp.us-east-1.amazonses.com.\n"
             "t3._domainkey IN CNAME t3.dkim.amazonses.com.\n");
    assert_lint(r, "HEAD", "db.example.com:0 ses-record-removed\n"
                            "db.example.com:5 ses-record-removed\n");
}

static void diff_follows_renames_and_deletions(void **state)
{
    repo *r = *state;
    add(r, "db.example.com", APEX DKIM1 DKIM2 BROKEN);
    add(r, "db.example.org", "$ORIGIN example.org.\n$TTL 60\n" DKIM1);
    commit(r, "base");
    /* A rename keeps its records and its old findings. */
    rm(r, "db.example.com");
    add(r, "zones/example.com.zone", APEX DKIM1 DKIM2 BROKEN);
    assert_lint(r, "HEAD", "");
    /* A deleted zone file loses its SES records. */
    rm(r, "db.example.org");
    assert_lint(r, "HEAD", "db.example.org:0 ses-record-removed\n");
    /* So does one renamed to a name that is no zone file's: the finding is
     * on the file's new name. */
    rm(r, "zones/example.com.zone");
    add(r, "zones/example.com.txt", APEX DKIM1 DKIM2 BROKEN);
    assert_lint(r, "HEAD", "db.example.org:0 ses-record-removed\n"
                            "zones/example.com.txt:0 ses-record-removed\n"
                            "zones/example.com.txt:0 ses-record-removed\n");
}

static void diff_reads_includes_of_each_side(void **state)
{
    repo *r = *state;
    add(r, "db.example.com", APEX "$INCLUDE ses.inc\n");
    add(r, "ses.inc", DKIM1 DKIM2);
    commit(r, "base");
    add(r, "ses.inc", DKIM1 BROKEN);
    commit(r, "drop a record");
    assert_lint(r, "HEAD~1..HEAD", "db.example.com:0 ses-record-removed\n"
                                    "ses.inc:2 syntax-error\n");
    /* The include deleted: the zone file reports it missing. */
    rm(r, "ses.inc");
    char *got = lint(r, "HEAD~1");
    assert_non_null(strstr(got, "db.example.com:5 syntax-error\n"));
    assert_non_null(strstr(got, "db.example.com:0 ses-record-removed\n"));
    free(got);
    /* Missing in the base commit and in the work tree alike: not new. */
    commit(r, "include deleted");
    put(r, "db.example.com", APEX "www IN A 192.0.2.1\n$INCLUDE ses.inc\n");
    assert_lint(r, "HEAD", "");
    assert_lint(r, NULL, "");
}

static void binary_files_and_submodules(void **state)
{
    repo *r = *state;
    add(r, "db.example.com", APEX DKIM1);
    commit(r, "base");
    /* A zone file turned binary: read up to the NUL (a broken record), and
     * the NUL reported. */
    static const char bin[] = "\x7f" "ELF\0\0\0\x01\x02";
    write_file(r, "db.example.com", bin, sizeof bin - 1);
    git_index *idx;
    assert_int_equal(git_repository_index(&idx, r->git), 0);
    assert_int_equal(git_index_add_bypath(idx, "db.example.com"), 0);
    /* A submodule whose name looks like a zone file is not a file. */
    git_index_entry sub = {.mode = GIT_FILEMODE_COMMIT, .path = "vendor.zone"};
    assert_int_equal(git_oid_fromstr(&sub.id, "0123456789012345678901234567890123456789"), 0);
    assert_int_equal(git_index_add(idx, &sub), 0);
    assert_int_equal(git_index_write(idx), 0);
    git_index_free(idx);
    assert_lint(r, NULL, "db.example.com:1 syntax-error\ndb.example.com:1 syntax-error\n");
    commit(r, "binary");
    assert_lint(r, "HEAD~1..HEAD", "db.example.com:0 ses-record-removed\n"
                                    "db.example.com:1 syntax-error\n"
                                    "db.example.com:1 syntax-error\n");
}

static void detached_head(void **state)
{
    repo *r = *state;
    add(r, "db.example.com", APEX BROKEN);
    git_oid first = commit(r, "one");
    add(r, "db.example.com", APEX BROKEN "n IN A 300.0.0.1\n");
    git_oid second = commit(r, "two");
    char range[2 * GIT_OID_HEXSZ + 8] = "HEAD..";
    git_oid_tostr(range + 6, GIT_OID_HEXSZ + 1, &second);
    assert_int_equal(git_repository_set_head_detached(r->git, &first), 0);
    assert_int_equal(git_repository_head_detached(r->git), 1);
    /* The index still holds "two": staged against "one". */
    assert_lint(r, NULL, "db.example.com:5 syntax-error\ndb.example.com:6 syntax-error\n");
    assert_lint(r, "HEAD", "db.example.com:6 syntax-error\n");
    assert_lint(r, range, "db.example.com:6 syntax-error\n");
}

static void errors(void **state)
{
    repo *r = *state;
    assert_error(r, "HEAD", "no commits yet");
    add(r, "db.example.com", APEX);
    commit(r, "one");
    assert_error(r, "no-such-branch", "no-such-branch");
    assert_error(r, "HEAD~5", "HEAD~5");
    assert_error(r, "HEAD^{tree}", "not a commit");
}

static void bare_or_no_repository(void **state)
{
    (void)state;
    repo bare;
    init_repo(&bare, true);
    assert_error(&bare, NULL, "bare");
    free_repo(&bare);

    char dir[] = "/tmp/zl-test-nogit-XXXXXX";
    assert_non_null(mkdtemp(dir));
    repo none = {.git = NULL};
    snprintf(none.dir, sizeof none.dir, "%s", dir);
    assert_error(&none, NULL, "not in a git repository");
    rmdir(dir);
}

/* A shallow clone: the base commit's parent is not in the repository. */
static void shallow_clone(void **state)
{
    repo *r = *state;
    add(r, "db.example.com", APEX);
    git_oid first = commit(r, "one");
    add(r, "db.example.com", APEX BROKEN);
    git_oid second = commit(r, "two");
    char hex[GIT_OID_HEXSZ + 1];
    git_oid_tostr(hex, sizeof hex, &first);
    char *obj = zl_xasprintf("%s/.git/objects/%.2s/%s", r->dir, hex, hex + 2);
    assert_int_equal(unlink(obj), 0);
    free(obj);
    git_oid_tostr(hex, sizeof hex, &second);
    char *shallow = zl_xasprintf("%s\n", hex);
    put(r, ".git/shallow", shallow);
    free(shallow);
    assert_error(r, "HEAD~1", "shallow clone");
    assert_lint(r, "HEAD", "");
}

/* A test run in the fresh repository of setup(). */
#define IN_REPO(test) cmocka_unit_test_setup_teardown(test, setup, teardown)

static bool may_hold(const char *path, const char *text)
{
    return zl_removed_text_may_hold(path, text, strlen(text));
}

/* Which base files --diff may leave unread: master files that never name
 * amazonses, in any case, and include nothing. */
static void base_files_that_may_hold_ses(void **state)
{
    (void)state;
    assert_false(may_hold("db.example.com", "www IN A 192.0.2.1\n"));
    assert_false(may_hold("db.example.com", "amazon IN A 192.0.2.1\nses IN A 192.0.2.2\n"));
    assert_false(may_hold("db.example.com", "zone IN TXT \"amazonse\"\n"));
    assert_true(may_hold("db.example.com", "x IN CNAME x.dkim.amazonses.com.\n"));
    assert_true(may_hold("db.example.com", "amazonses"));
    assert_true(may_hold("db.example.com", "_AMAZONSES IN TXT \"t\""));
    assert_true(may_hold("db.example.com", "b IN MX 10 feedback-smtp.us-east-1.AmazonSES.com."));
    assert_true(may_hold("db.example.com", "$include dkim.inc\n"));
    assert_true(may_hold("db.example.com", "$INCLUDE dkim.inc\n"));
    /* Other formats build values the text need not spell. */
    assert_true(may_hold("example.com.yaml", "---\n'':\n  type: A\n  value: 192.0.2.1\n"));
}

int main(void)
{
    /* zonelint honours these, as git does; the tests' repositories are their own. */
    unsetenv("GIT_DIR");
    unsetenv("GIT_INDEX_FILE");
    git_libgit2_init();
    const struct CMUnitTest tests[] = {
        IN_REPO(staged_reads_the_index_not_the_work_tree),
        IN_REPO(staged_includes_come_from_the_index),
        IN_REPO(staged_in_an_empty_repository),
        IN_REPO(staged_deletions_and_other_files),
        IN_REPO(staged_uses_the_configuration_patterns),
        IN_REPO(diff_reports_only_new_findings),
        IN_REPO(diff_counts_equal_findings),
        IN_REPO(diff_finds_removed_ses_records),
        IN_REPO(diff_follows_renames_and_deletions),
        IN_REPO(diff_reads_includes_of_each_side),
        IN_REPO(binary_files_and_submodules),
        IN_REPO(detached_head),
        IN_REPO(errors),
        cmocka_unit_test(bare_or_no_repository),
        cmocka_unit_test(base_files_that_may_hold_ses),
        IN_REPO(shallow_clone),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    git_libgit2_shutdown();
    return rc;
}
