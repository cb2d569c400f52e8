/* GitLab's Code Quality report (a subset of the Code Climate issue format):
 * a JSON array of issues, each with a description, the rule as check_name,
 * a fingerprint that survives moved lines, a severity GitLab knows and a
 * repository-relative path with a line (1 for a finding about a whole
 * file). */
#include <jansson.h>
#include <stdlib.h>

#include "lint/output/fingerprint.h"
#include "lint/output/json_text.h"
#include "lint/output/output.h"
#include "lint/util/util.h"

static const char *severity(zl_severity s)
{
    return s == ZL_SEV_ERROR ? "major" : s == ZL_SEV_WARNING ? "minor" : "info";
}

static bool write_codeclimate(FILE *f, const zl_report *r)
{
    const zl_findings *fs = r->fs;
    unsigned *occ = zl_fingerprint_occurrences(fs);
    json_t *issues = json_array();
    for (size_t i = 0; i < fs->n; i++) {
        const zl_finding *x = &fs->v[i];
        char *path = zl_report_path(r, x->path);
        char hex[65];
        zl_fingerprint(path, x->key, occ[i], hex);
        json_t *o = json_object();
        json_object_set_new(o, "type", json_string("issue"));
        json_object_set_new(o, "check_name", json_string(x->rule->id));
        json_object_set_new(o, "description", zl_json_text(x->message));
        char *body = zl_xasprintf("hint: %s", x->hint ? x->hint : x->rule->hint);
        json_t *content = json_object();
        json_object_set_new(content, "body", zl_json_text(body));
        free(body);
        json_object_set_new(o, "content", content);
        json_object_set_new(o, "categories", json_pack("[s]", "Bug Risk"));
        json_object_set_new(o, "severity", json_string(severity(x->severity)));
        json_object_set_new(o, "fingerprint", json_string(hex));
        json_t *loc = json_object();
        json_object_set_new(loc, "path", zl_json_text(path));
        if (x->line)
            json_object_set_new(loc, "positions",
                                json_pack("{s:{s:i,s:i},s:{s:i,s:i}}", "begin", "line",
                                          (json_int_t)x->line, "column",
                                          (json_int_t)zl_col(r, &zl_writer_codeclimate, x, x->col),
                                          "end", "line", (json_int_t)x->line, "column",
                                          (json_int_t)zl_col(r, &zl_writer_codeclimate, x,
                                                             x->end_col)));
        else
            json_object_set_new(loc, "lines", json_pack("{s:i}", "begin", 1));
        json_object_set_new(o, "location", loc);
        json_array_append_new(issues, o);
        free(path);
    }
    free(occ);
    int rc = json_dumpf(issues, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII);
    fputc('\n', f);
    json_decref(issues);
    return rc == 0 && !ferror(f);
}

const zl_writer zl_writer_codeclimate = {.name = "codeclimate",
                                         .write = write_codeclimate,
                                         .columns = ZL_COLUMN_CHAR,
                                         .repo_paths = true,
                                         .fingerprints = true};
