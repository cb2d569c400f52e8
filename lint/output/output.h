/* Writing findings: text for people (gcc style, with the source line, a
 * caret and the hint), JSON for programs (the documented schema), SARIF for
 * code scanning and GitHub Actions annotations for CI logs. */
#ifndef ZL_OUTPUT_H
#define ZL_OUTPUT_H

#include <stdbool.h>
#include <stdio.h>

#include "lint/engine/finding.h"
#include "lint/model/model.h"

void zl_output_text(FILE *f, const zl_zoneset *zs, const zl_findings *fs, bool color);
/* False when writing failed. */
bool zl_output_json(FILE *f, const zl_zoneset *zs, const zl_findings *fs);
/* SARIF 2.1.0 as GitHub code scanning takes it. False when writing failed. */
bool zl_output_sarif(FILE *f, const zl_findings *fs);
void zl_output_github(FILE *f, const zl_findings *fs);

#endif
