/* The fixture suite: every file under tests/fixtures/ is linted by the real
 * binary (--format json), and its findings must match, exactly, the
 * expectations written in the fixture beside the records they concern:
 *
 *   www CNAME web            ; expect: cname-and-other-data
 *   www TXT "x"              ; the TXT itself is fine: no expectation
 *   tok._domainkey.example.com CNAME x.  ; expect: missing-trailing-dot@1
 *   ; expect-file: ses-dkim-missing      (a finding without a line)
 *   ; expect-at 12: syntax-error         (for a line that cannot hold a comment)
 *   ; zonelint-test: --origin example.com --expect ses.json
 *   ; zonelint-test-exit: 2
 *   ; zonelint-test-files: data/mail.example.com.zone
 *
 * zonelint-test-files names more zone files (relative to the fixture's
 * folder) linted in the same run, after the fixture, and scanned for
 * expectations too: a parent zone and its child, say. The run has no
 * AWS_REGION or AWS_DEFAULT_REGION: a fixture names its region.
 *
 * A rule may carry @COLUMN. Every finding must be expected and every
 * expectation must be found, so a fixture tests both what must fire and what
 * must not. Comments start with ';' in zone files and '#' in YAML and .tf; JSON
 * fixtures keep their expectations in NAME.json.expect ("LINE RULE[@COL]",
 * "file RULE", "args ...", "exit N"). $INCLUDEd files are scanned too.
 * Folders named inc/ ($INCLUDEd parts), data/ (files named in arguments) and
 * config/ (an octoDNS configuration the zones beside it belong to) hold no
 * fixtures.
 *
 * usage: fixture_runner ZONELINT FIXTURE-DIR-OR-FILE... */
#include <dirent.h>
#include <stdbool.h>
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

typedef struct expect {
    char *path;   /* file the finding is in */
    int line;     /* 0: file-level */
    int col;      /* 0: any */
    char *rule;
    int matched;
} expect;

typedef struct fixture {
    char *seen[16]; /* files scanned, so that include loops are scanned once */
    size_t nseen;
    expect *ex;
    size_t nex, cap;
    char **args;
    size_t nargs;
    char **files; /* more zone files in the run */
    size_t nfiles;
    int exit_code; /* -1: 0 or 1 as the findings imply */
} fixture;

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    size_t got;
    while ((got = fread(buf + n, 1, cap - n - 1, f)) > 0) {
        n += got;
        if (cap - n < 2)
            buf = realloc(buf, cap *= 2);
    }
    buf[n] = '\0';
    fclose(f);
    return buf;
}

static void add_expect(fixture *fx, const char *path, int line, const char *spec, size_t len)
{
    if (fx->nex == fx->cap)
        fx->ex = realloc(fx->ex, (fx->cap = fx->cap ? fx->cap * 2 : 16) * sizeof *fx->ex);
    expect *e = &fx->ex[fx->nex++];
    memset(e, 0, sizeof *e);
    e->path = strdup(path);
    e->line = line;
    e->rule = strndup(spec, len);
    char *at = strchr(e->rule, '@');
    if (at) {
        e->col = atoi(at + 1);
        *at = '\0';
    }
}

static void add_words(char ***v, size_t *n, const char *p, size_t len)
{
    char *copy = strndup(p, len);
    for (char *save = NULL, *w = strtok_r(copy, " \t\r", &save); w;
         w = strtok_r(NULL, " \t\r", &save)) {
        *v = realloc(*v, (*n + 1) * sizeof **v);
        (*v)[(*n)++] = strdup(w);
    }
    free(copy);
}

static void add_args(fixture *fx, const char *p, size_t len)
{
    add_words(&fx->args, &fx->nargs, p, len);
}

/* Rules listed after a keyword: "expect: a, b@3 c". */
static void add_rules(fixture *fx, const char *path, int line, const char *p, const char *end)
{
    while (p < end) {
        while (p < end && (*p == ' ' || *p == ',' || *p == '\t'))
            p++;
        const char *s = p;
        while (p < end && *p != ' ' && *p != ',' && *p != '\t' && *p != '\r')
            p++;
        if (p > s)
            add_expect(fx, path, line, s, (size_t)(p - s));
    }
}

static const char *find_kw(const char *p, const char *end, const char *kw)
{
    size_t k = strlen(kw);
    for (; p + k <= end; p++)
        if (memcmp(p, kw, k) == 0)
            return p + k;
    return NULL;
}

static void scan_file(fixture *fx, const char *path, const char *shown, char comment, int depth);

/* Expectations in comments of a zone or YAML fixture. */
static void scan_comments(fixture *fx, const char *path, const char *shown, const char *text,
                          char comment, int depth)
{
    int line = 1;
    for (const char *p = text; *p; line++) {
        const char *eol = strchr(p, '\n');
        const char *end = eol ? eol : p + strlen(p);
        const char *c = memchr(p, comment, (size_t)(end - p));
        const char *v;
        if (c) {
            if ((v = find_kw(c, end, "zonelint-test-exit:")))
                fx->exit_code = atoi(v);
            else if ((v = find_kw(c, end, "zonelint-test-files:")))
                add_words(&fx->files, &fx->nfiles, v, (size_t)(end - v));
            else if ((v = find_kw(c, end, "zonelint-test:")))
                add_args(fx, v, (size_t)(end - v));
            else if ((v = find_kw(c, end, "expect-file:")))
                add_rules(fx, shown, 0, v, end);
            else if ((v = find_kw(c, end, "expect-at ")) && strchr(v, ':') &&
                     strchr(v, ':') < end)
                add_rules(fx, shown, atoi(v), strchr(v, ':') + 1, end);
            else if ((v = find_kw(c, end, "expect:")))
                add_rules(fx, shown, line, v, end);
        }
        if (depth < 8 && strncmp(p, "$INCLUDE", 8) == 0) {
            char inc[512];
            if (sscanf(p + 8, " %511s", inc) == 1) {
                char full[1024], shown_inc[1024];
                const char *slash = strrchr(path, '/');
                snprintf(full, sizeof full, "%.*s%s", slash ? (int)(slash - path + 1) : 0, path,
                         inc);
                const char *sslash = strrchr(shown, '/');
                snprintf(shown_inc, sizeof shown_inc, "%.*s%s",
                         sslash ? (int)(sslash - shown + 1) : 0, shown, inc);
                scan_file(fx, full, shown_inc, comment, depth + 1);
            }
        }
        p = eol ? eol + 1 : end;
    }
}

static void scan_file(fixture *fx, const char *path, const char *shown, char comment, int depth)
{
    char *real = realpath(path, NULL);
    if (!real)
        return;
    for (size_t i = 0; i < fx->nseen; i++)
        if (strcmp(fx->seen[i], real) == 0) {
            free(real);
            return;
        }
    if (fx->nseen < 16)
        fx->seen[fx->nseen++] = real;
    else
        free(real);
    char *text = slurp(path);
    if (!text)
        return;
    scan_comments(fx, path, shown, text, comment, depth);
    free(text);
}

/* NAME.json.expect: "LINE RULE[@COL]", "file RULE", "args ...", "exit N". */
static void scan_sidecar(fixture *fx, const char *path, const char *shown)
{
    char side[1024];
    snprintf(side, sizeof side, "%s.expect", path);
    char *text = slurp(side);
    if (!text)
        return;
    for (char *save = NULL, *l = strtok_r(text, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
        if (l[0] == '#' || !l[0])
            continue;
        if (strncmp(l, "args ", 5) == 0)
            add_args(fx, l + 5, strlen(l + 5));
        else if (strncmp(l, "exit ", 5) == 0)
            fx->exit_code = atoi(l + 5);
        else if (strncmp(l, "file ", 5) == 0)
            add_rules(fx, shown, 0, l + 5, l + strlen(l));
        else {
            char *sp = strchr(l, ' ');
            if (sp)
                add_rules(fx, shown, atoi(l), sp + 1, l + strlen(l));
        }
    }
    free(text);
}

/* Run the binary in the fixture's directory; returns its output and status. */
static char *run(const char *bin, const fixture *fx, const char *dir, const char *file,
                 int *status)
{
    int fd[2];
    if (pipe(fd) != 0)
        return NULL;
    pid_t pid = fork();
    if (pid == 0) {
        close(fd[0]);
        dup2(fd[1], 1);
        if (chdir(dir) != 0)
            _exit(127);
        unsetenv("AWS_REGION");
        unsetenv("AWS_DEFAULT_REGION");
        char **argv = calloc(fx->nargs + fx->nfiles + 8, sizeof *argv);
        size_t n = 0;
        argv[n++] = (char *)bin;
        argv[n++] = "--format";
        argv[n++] = "json";
        argv[n++] = "--no-config";
        for (size_t i = 0; i < fx->nargs; i++)
            argv[n++] = fx->args[i];
        argv[n++] = (char *)file;
        for (size_t i = 0; i < fx->nfiles; i++)
            argv[n++] = fx->files[i];
        execv(bin, argv);
        _exit(127);
    }
    close(fd[1]);
    size_t cap = 65536, len = 0;
    char *out = malloc(cap);
    ssize_t got;
    while ((got = read(fd[0], out + len, cap - len - 1)) > 0) {
        len += (size_t)got;
        if (cap - len < 2)
            out = realloc(out, cap *= 2);
    }
    out[len] = '\0';
    close(fd[0]);
    waitpid(pid, status, 0);
    return out;
}

/* Comments start with '#' in YAML and Terraform, with ';' in zone files. */
static char comment_of(const char *name)
{
    size_t n = strlen(name);
    bool hash = (n > 5 && strcmp(name + n - 5, ".yaml") == 0) ||
                (n > 4 && strcmp(name + n - 4, ".yml") == 0) ||
                (n > 3 && strcmp(name + n - 3, ".tf") == 0);
    return hash ? '#' : ';';
}

static int check_fixture(const char *bin, const char *path)
{
    fixture fx = {.exit_code = -1};
    char dir[1024];
    const char *slash = strrchr(path, '/');
    snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - path) : 1, slash ? path : ".");
    const char *base = slash ? slash + 1 : path;
    size_t blen = strlen(base);
    bool json = blen > 5 && strcmp(base + blen - 5, ".json") == 0;
    if (json)
        scan_sidecar(&fx, path, base);
    else
        scan_file(&fx, path, base, comment_of(base), 0);
    for (size_t i = 0; i < fx.nfiles; i++) {
        char extra[2048];
        snprintf(extra, sizeof extra, "%s/%s", dir, fx.files[i]);
        scan_file(&fx, extra, fx.files[i], comment_of(fx.files[i]), 0);
    }

    int status = 0;
    char *out = run(bin, &fx, dir, base, &status);
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    int failures = 0;
    json_error_t je;
    json_t *root = out && out[0] ? json_loads(out, 0, &je) : NULL;
    if (fx.exit_code >= 0 && code != fx.exit_code) {
        printf("FAIL %s: exit status %d, expected %d\n", path, code, fx.exit_code);
        failures++;
    }
    if (code > 2 || (!root && fx.exit_code != 2)) {
        printf("FAIL %s: exit status %d, output is not JSON\n", path, code);
        failures++;
    }
    json_t *list = root ? json_object_get(root, "findings") : NULL;
    size_t i;
    json_t *f;
    json_array_foreach(list, i, f)
    {
        const char *rule = json_string_value(json_object_get(f, "rule"));
        const char *fpath = json_string_value(json_object_get(f, "path"));
        int line = (int)json_integer_value(json_object_get(f, "line"));
        int col = (int)json_integer_value(json_object_get(f, "column"));
        bool found = false;
        for (size_t k = 0; k < fx.nex && !found; k++) {
            expect *e = &fx.ex[k];
            if (!e->matched && e->line == line && strcmp(e->rule, rule) == 0 &&
                strcmp(e->path, fpath) == 0 && (!e->col || e->col == col))
                found = (e->matched = 1);
        }
        if (!found) {
            printf("FAIL %s: unexpected %s at %s:%d:%d: %s\n", path, rule, fpath, line, col,
                   json_string_value(json_object_get(f, "message")));
            failures++;
        }
    }
    for (size_t k = 0; k < fx.nex; k++) {
        if (!fx.ex[k].matched) {
            if (fx.ex[k].line)
                printf("FAIL %s: expected %s at %s:%d%s not reported\n", path, fx.ex[k].rule,
                       fx.ex[k].path, fx.ex[k].line, fx.ex[k].col ? " (with column)" : "");
            else
                printf("FAIL %s: expected file-level %s not reported\n", path, fx.ex[k].rule);
            failures++;
        }
        free(fx.ex[k].path);
        free(fx.ex[k].rule);
    }
    if (!fx.nex && fx.exit_code < 0 && !strstr(base, "clean")) {
        printf("FAIL %s: no expectations; a fixture where nothing may fire is named *clean*\n",
               path);
        failures++;
    }
    for (size_t k = 0; k < fx.nseen; k++)
        free(fx.seen[k]);
    for (size_t k = 0; k < fx.nargs; k++)
        free(fx.args[k]);
    free(fx.args);
    for (size_t k = 0; k < fx.nfiles; k++)
        free(fx.files[k]);
    free(fx.files);
    free(fx.ex);
    json_decref(root);
    free(out);
    return failures;
}

static bool is_fixture(const char *name)
{
    size_t n = strlen(name);
    const char *exts[] = {".zone", ".db", ".json", ".yaml", ".yml", ".txt", ".tf", NULL};
    if (strncmp(name, "db.", 3) == 0)
        return true;
    for (int i = 0; exts[i]; i++) {
        size_t k = strlen(exts[i]);
        if (n > k && strcmp(name + n - k, exts[i]) == 0)
            return true;
    }
    return false;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void walk(const char *bin, const char *dir, int *files, int *failures)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    char **names = NULL;
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        names = realloc(names, (n + 1) * sizeof *names);
        names[n++] = strdup(e->d_name);
    }
    closedir(d);
    if (n)
        qsort(names, n, sizeof *names, cmp_str);
    for (size_t i = 0; i < n; i++) {
        char path[2048];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        struct stat st;
        if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
            /* Folders named "inc" hold $INCLUDEd parts, "data" the files a
             * fixture names in its arguments (SES data), "config" an octoDNS
             * configuration: not fixtures. */
            if (strcmp(names[i], "inc") != 0 && strcmp(names[i], "data") != 0 &&
                strcmp(names[i], "config") != 0)
                walk(bin, path, files, failures);
        } else if (is_fixture(names[i])) {
            (*files)++;
            *failures += check_fixture(bin, path);
        }
        free(names[i]);
    }
    free(names);
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: fixture_runner ZONELINT FIXTURE-DIR-OR-FILE...\n");
        return 2;
    }
    char bin[4096];
    if (!realpath(argv[1], bin)) {
        fprintf(stderr, "fixture_runner: %s: %s\n", argv[1], strerror(errno));
        return 2;
    }
    int files = 0, failures = 0;
    for (int i = 2; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode))
            walk(bin, argv[i], &files, &failures);
        else {
            files++;
            failures += check_fixture(bin, argv[i]);
        }
    }
    printf("%d fixture files, %d failure%s\n", files, failures, failures == 1 ? "" : "s");
    return failures ? 1 : 0;
}
