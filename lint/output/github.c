/* GitHub Actions workflow commands: one annotation a finding,
 *   ::error file=PATH,line=L,col=C,endColumn=E,title=RULE::MESSAGE
 * GitHub shows them on the pull request's changed lines. Values are escaped
 * as the runner expects: % CR LF everywhere, and : , inside properties;
 * before that, control characters and invalid UTF-8 become \xNN
 * (lint/output/escape.c), so that no ESC reaches the log. */
#include <stdlib.h>
#include <string.h>

#include "lint/output/escape.h"
#include "lint/output/output.h"
#include "lint/util/util.h"

static void escape(FILE *f, const char *raw, bool property)
{
    zl_buf safe = {0};
    zl_escape_add(&safe, raw, strlen(raw), ZL_ESC_KEEP_NEWLINES);
    for (const char *s = zl_buf_str(&safe); *s; s++) {
        switch (*s) {
        case '%': fputs("%25", f); break;
        case '\r': fputs("%0D", f); break;
        case '\n': fputs("%0A", f); break;
        case ':': fputs(property ? "%3A" : ":", f); break;
        case ',': fputs(property ? "%2C" : ",", f); break;
        default: fputc(*s, f);
        }
    }
    zl_buf_free(&safe);
}

static bool write_github(FILE *f, const zl_report *r)
{
    const zl_findings *fs = r->fs;
    for (size_t i = 0; i < fs->n; i++) {
        const zl_finding *x = &fs->v[i];
        const char *cmd = x->severity == ZL_SEV_ERROR     ? "error"
                          : x->severity == ZL_SEV_WARNING ? "warning"
                                                          : "notice";
        fprintf(f, "::%s file=", cmd);
        char *path = zl_report_path(r, x->path);
        escape(f, path, true);
        free(path);
        if (x->line)
            fprintf(f, ",line=%u,col=%u,endColumn=%u", x->line,
                    zl_col(r, &zl_writer_github, x, x->col),
                    zl_col(r, &zl_writer_github, x, x->end_col));
        fputs(",title=", f);
        escape(f, x->rule->id, true);
        fputs("::", f);
        escape(f, x->message, false);
        fputs("%0Ahint: ", f);
        escape(f, x->hint ? x->hint : x->rule->hint, false);
        fputc('\n', f);
    }
    return !ferror(f);
}

const zl_writer zl_writer_github = {.name = "github", .write = write_github, .repo_paths = true};
