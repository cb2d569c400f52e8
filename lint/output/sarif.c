/* SARIF 2.1.0 as GitHub code scanning takes it: the rules with findings,
 * with their metadata; results with a level, a message, a repository-
 * relative location with a region (GitHub needs a start line: a finding
 * about a whole file points at line 1), and a partial fingerprint made from
 * the finding's key, so an alert follows its record when lines move; the
 * rules' documentation (helpUri) when --docs-url gives it; the invocation,
 * which says whether the run succeeded and why not. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "lint/io/fs.h"
#include "lint/output/fingerprint.h"
#include "lint/output/json_text.h"
#include "lint/output/output.h"
#include "lint/engine/registry.h"
#include "lint/util/util.h"
#include "lint/engine/version.h"

static json_t *text_obj(const char *s)
{
    json_t *o = json_object();
    json_object_set_new(o, "text", zl_json_text(s));
    return o;
}

static const char *level(zl_severity s)
{
    return s == ZL_SEV_ERROR ? "error" : s == ZL_SEV_WARNING ? "warning" : "note";
}

static json_t *rule_meta(const zl_rule *r, const char *docs_url)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_string(r->id));
    if (docs_url) {
        char *url = zl_xasprintf("%s#%s", docs_url, r->id);
        json_object_set_new(o, "helpUri", zl_json_text(url));
        free(url);
    }
    json_object_set_new(o, "shortDescription", text_obj(r->summary));
    json_object_set_new(o, "fullDescription", text_obj(r->explanation));
    char *help = zl_xasprintf("%s\n\nFix: %s\n\nTo accept one record, put the comment "
                              "'; zonelint-disable-line %s' on its line.",
                              r->explanation, r->hint, r->id);
    json_object_set_new(o, "help", text_obj(help));
    free(help);
    json_t *cfg = json_object();
    json_object_set_new(cfg, "level", json_string(level(r->severity)));
    json_object_set_new(o, "defaultConfiguration", cfg);
    return o;
}

/* A URI reference for a path: relative paths stay relative (to %SRCROOT%),
 * bytes outside the unreserved set are percent-encoded. */
static char *uri(const char *path, bool *relative)
{
    char *norm = zl_path_normalize(path);
    *relative = norm[0] != '/';
    zl_buf b = {0};
    if (!*relative)
        zl_buf_adds(&b, "file://");
    for (const unsigned char *p = (const unsigned char *)norm; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            strchr("-._~/", *p))
            zl_buf_addc(&b, (char)*p);
        else
            zl_buf_printf(&b, "%%%02X", *p);
    }
    free(norm);
    return zl_buf_take(&b);
}

static json_t *artifact(const char *path)
{
    bool relative;
    char *u = uri(path, &relative);
    json_t *art = json_object();
    json_object_set_new(art, "uri", json_string(u));
    if (relative)
        json_object_set_new(art, "uriBaseId", json_string("%SRCROOT%"));
    free(u);
    return art;
}

/* A fix as SARIF's fixes: one artifact change with a replacement per edit
 * (columns count characters, as columnKind says). */
static json_t *fixes(const zl_fix *fix, const char *path)
{
    json_t *reps = json_array();
    for (size_t i = 0; i < fix->n; i++) {
        const zl_edit *e = &fix->edits[i];
        json_t *region = json_object();
        json_object_set_new(region, "startLine", json_integer(e->line));
        json_object_set_new(region, "startColumn", json_integer(e->col));
        json_object_set_new(region, "endLine", json_integer(e->end_line));
        json_object_set_new(region, "endColumn", json_integer(e->end_col));
        json_t *rep = json_object();
        json_object_set_new(rep, "deletedRegion", region);
        json_object_set_new(rep, "insertedContent", text_obj(e->text));
        json_array_append_new(reps, rep);
    }
    json_t *change = json_object();
    json_object_set_new(change, "artifactLocation", artifact(path));
    json_object_set_new(change, "replacements", reps);
    json_t *changes = json_array();
    json_array_append_new(changes, change);
    json_t *o = json_object();
    json_object_set_new(o, "description",
                        text_obj(fix->safety == ZL_FIX_SAFE
                                     ? "safe fix (zonelint --fix)"
                                     : "unsafe fix (zonelint --fix --unsafe-fixes)"));
    json_object_set_new(o, "artifactChanges", changes);
    json_t *list = json_array();
    json_array_append_new(list, o);
    return list;
}

static json_t *location(const zl_finding *x, const char *path)
{
    json_t *art = artifact(path);
    json_t *region = json_object();
    json_object_set_new(region, "startLine", json_integer(x->line ? x->line : 1));
    if (x->line) {
        json_object_set_new(region, "startColumn", json_integer(x->col));
        json_object_set_new(region, "endColumn", json_integer(x->end_col));
    }
    json_t *phys = json_object();
    json_object_set_new(phys, "artifactLocation", art);
    json_object_set_new(phys, "region", region);
    json_t *loc = json_object();
    json_object_set_new(loc, "physicalLocation", phys);
    json_t *locs = json_array();
    json_array_append_new(locs, loc);
    return locs;
}

static json_t *fingerprint(const char *path, const zl_finding *x, unsigned occurrence)
{
    char hex[65];
    zl_fingerprint(path, x->key, occurrence, hex);
    json_t *o = json_object();
    json_object_set_new(o, "zonelintKey/v1", json_string(hex));
    return o;
}

/* Whether the run succeeded, and the errors that made it fail, so that an
 * upload step gets a valid file that says so rather than an empty one. */
static json_t *invocations(const zl_report *rep)
{
    json_t *inv = json_object();
    json_object_set_new(inv, "executionSuccessful", json_boolean(rep->nerrors == 0));
    if (rep->nerrors) {
        json_t *notes = json_array();
        for (size_t i = 0; i < rep->nerrors; i++) {
            json_t *n = json_object();
            json_object_set_new(n, "level", json_string("error"));
            json_object_set_new(n, "message", text_obj(rep->errors[i]));
            json_array_append_new(notes, n);
        }
        json_object_set_new(inv, "toolExecutionNotifications", notes);
    }
    json_t *list = json_array();
    json_array_append_new(list, inv);
    return list;
}

static bool write_sarif(FILE *f, const zl_report *rep)
{
    const zl_findings *fs = rep->fs;
    /* Rules with findings, in catalogue order; ruleIndex points into them. */
    size_t *index = zl_xmalloc(zl_nrules * sizeof *index);
    json_t *rules = json_array();
    for (size_t r = 0; r < zl_nrules; r++) {
        index[r] = SIZE_MAX;
        for (size_t i = 0; i < fs->n && index[r] == SIZE_MAX; i++)
            if (fs->v[i].rule == zl_rules[r]) {
                index[r] = json_array_size(rules);
                json_array_append_new(rules, rule_meta(zl_rules[r], rep->docs_url));
            }
    }
    unsigned *occ = zl_fingerprint_occurrences(fs);
    json_t *results = json_array();
    for (size_t i = 0; i < fs->n; i++) {
        const zl_finding *x = &fs->v[i];
        json_t *o = json_object();
        json_object_set_new(o, "ruleId", json_string(x->rule->id));
        json_object_set_new(o, "ruleIndex",
                            json_integer((json_int_t)index[zl_rule_index(x->rule)]));
        json_object_set_new(o, "level", json_string(level(x->severity)));
        char *msg = zl_xasprintf("%s\nhint: %s", x->message, x->hint ? x->hint : x->rule->hint);
        json_object_set_new(o, "message", text_obj(msg));
        free(msg);
        char *path = zl_report_path(rep, x->path);
        json_object_set_new(o, "locations", location(x, path));
        json_object_set_new(o, "partialFingerprints", fingerprint(path, x, occ[i]));
        free(path);
        if (x->fix) {
            char *fpath = zl_report_path(rep, x->fix->path);
            json_object_set_new(o, "fixes", fixes(x->fix, fpath));
            free(fpath);
        }
        json_array_append_new(results, o);
    }
    free(occ);
    free(index);

    json_t *driver = json_object();
    json_object_set_new(driver, "name", json_string("zonelint"));
    json_object_set_new(driver, "version", json_string(zl_version));
    json_object_set_new(driver, "semanticVersion", json_string(zl_version));
    if (rep->docs_url)
        json_object_set_new(driver, "informationUri", zl_json_text(rep->docs_url));
    json_object_set_new(driver, "rules", rules);
    json_t *tool = json_object();
    json_object_set_new(tool, "driver", driver);
    json_t *run = json_object();
    json_object_set_new(run, "tool", tool);
    json_object_set_new(run, "invocations", invocations(rep));
    /* Columns count characters, as in the other formats. */
    json_object_set_new(run, "columnKind", json_string("unicodeCodePoints"));
    json_object_set_new(run, "results", results);
    json_t *runs = json_array();
    json_array_append_new(runs, run);
    json_t *root = json_object();
    json_object_set_new(root, "$schema",
                        json_string("https://json.schemastore.org/sarif-2.1.0.json"));
    json_object_set_new(root, "version", json_string("2.1.0"));
    json_object_set_new(root, "runs", runs);
    int rc = json_dumpf(root, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII);
    fputc('\n', f);
    json_decref(root);
    return rc == 0;
}

const zl_writer zl_writer_sarif = {.name = "sarif",
                                   .write = write_sarif,
                                   .on_failure = true,
                                   .columns = ZL_COLUMN_FIXED,
                                   .repo_paths = true,
                                   .fingerprints = true};
