/* Writing findings. Each output format is one writer, defined in its own
 * file (lint/output/NAME.c) and listed once in lint/output/writers.c:
 * text for people (gcc style, with the source line, a caret and the hint),
 * JSON for programs (the documented schema), SARIF for code scanning,
 * GitHub Actions annotations for CI logs, and the report formats of other CI
 * systems (Checkstyle XML, GitLab's Code Quality, JUnit XML, reviewdog's
 * rdjson). Adding a format is one file and one line in that table. */
#ifndef ZL_OUTPUT_H
#define ZL_OUTPUT_H

#include <stdbool.h>
#include <stdio.h>

#include "lint/engine/finding.h"
#include "lint/output/columns.h"
#include "lint/model/model.h"

/* What a writer is given: the findings, sorted, and the zones they are in. */
typedef struct zl_report {
    const zl_zoneset *zs;
    const zl_findings *fs;
    bool color; /* escape sequences for a terminal are wanted */
    bool quiet; /* --quiet: the finding lines only */
    /* The repository's work tree and the working directory, each a real
     * path ending in '/', for zl_report_path; NULL: paths as given. */
    const char *root, *cwd;
    const char *docs_url; /* --docs-url: where docs/rules.md is published */
    /* --column-unit (findings count characters; writers print zl_col()),
     * ZL_COLUMN_FIXED when not given: each writer's default unit */
    zl_column_unit columns;
    /* The errors that made the run fail (zonelint exits 2): a writer with
     * on_failure reports them, and is called even when nothing was linted. */
    char *const *errors;
    size_t nerrors;
} zl_report;

typedef struct zl_writer {
    const char *name; /* the --format value */
    /* Write the report to f; false when writing failed. */
    bool (*write)(FILE *f, const zl_report *r);
    bool on_failure; /* writes a valid report of a failed run too */
    /* The column unit without --column-unit: characters (0) for programs,
     * display cells for people (text, as gcc); ZL_COLUMN_FIXED when the
     * format defines it (SARIF, rdjson) and --column-unit does not apply. */
    zl_column_unit columns;
    /* Paths are shown relative to the repository's top (zl_report_path):
     * only then does a run look for the repository. */
    bool repo_paths;
    /* Reads each finding's key (zl_fingerprint): the run must make them. */
    bool fingerprints;
} zl_writer;

extern const zl_writer zl_writer_text, zl_writer_json, zl_writer_sarif, zl_writer_github,
    zl_writer_checkstyle, zl_writer_codeclimate, zl_writer_junit, zl_writer_rdjson;

/* The writer of that --format name, NULL when there is none. */
const zl_writer *zl_writer_find(const char *name);
/* Every --format name, comma-separated, for messages. */
const char *zl_writer_names(void);

/* Column col (a character column of finding x) in the unit the report
 * asks for, or else the writer's default unit w->columns. */
uint32_t zl_col(const zl_report *r, const zl_writer *w, const zl_finding *x, uint32_t col);

/* A finding's path relative to the top of the repository when the report
 * has one (r->root) and the file is inside it, else as given (caller
 * frees). */
char *zl_report_path(const zl_report *r, const char *path);

#endif
