/* Writing findings. Each output format is one writer, defined in its own
 * file (lint/output/NAME.c) and listed once in lint/output/writers.c:
 * text for people (gcc style, with the source line, a caret and the hint),
 * JSON for programs (the documented schema), SARIF for code scanning and
 * GitHub Actions annotations for CI logs. Adding a format is one file and one
 * line in that table. */
#ifndef ZL_OUTPUT_H
#define ZL_OUTPUT_H

#include <stdbool.h>
#include <stdio.h>

#include "lint/engine/finding.h"
#include "lint/model/model.h"

/* What a writer is given: the findings, sorted, and the zones they are in. */
typedef struct zl_report {
    const zl_zoneset *zs;
    const zl_findings *fs;
    bool color; /* escape sequences for a terminal are wanted */
} zl_report;

typedef struct zl_writer {
    const char *name; /* the --format value */
    /* Write the report to f; false when writing failed. */
    bool (*write)(FILE *f, const zl_report *r);
} zl_writer;

extern const zl_writer zl_writer_text, zl_writer_json, zl_writer_sarif, zl_writer_github;

/* The writer of that --format name, NULL when there is none. */
const zl_writer *zl_writer_find(const char *name);
/* Every --format name, comma-separated, for messages. */
const char *zl_writer_names(void);

#endif
