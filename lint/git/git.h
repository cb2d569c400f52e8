/* The git modes, through libgit2 (zonelint never runs the git program):
 *
 * --staged: the index versions of the staged zone files, with their
 *   $INCLUDEs read from the index too: what the commit would record.
 * --diff BASE[..HEAD]: HEAD's versions (default: the work tree's) of the
 *   zone files changed since BASE, keeping only the findings BASE did not
 *   have, plus ses-record-removed for the SES records the change took away.
 *   BASE...HEAD compares with their merge base, as git diff does.
 *
 * Paths in findings are relative to the top of the repository. */
#ifndef ZL_GIT_H
#define ZL_GIT_H

#include <stdbool.h>
#include <stddef.h>

#include "lint/config/config.h"
#include "lint/engine/lint.h"

typedef struct zl_git_opts {
    const char *dir;        /* a directory inside the repository; NULL: $GIT_DIR, else "." */
    const zl_config *cfg;
    const char *origin;     /* --origin, or NULL */
    const zl_severity *sev; /* effective severity per registry index */
    const char *diff;       /* --diff's argument, or NULL for --staged */
    const struct zl_ses_expect *ses; /* SES data (--expect), or NULL */
} zl_git_opts;

/* Read the selected zone files into zs (initialised, empty) and lint them
 * into l, which is initialised here (zl_lint_free it) whatever the result.
 * A zone file that cannot be read is reported on stderr and counted in
 * *unreadable. False with *err when git fails (not a repository, a revision
 * that names no commit): then nothing was linted. */
bool zl_git_lint(const zl_git_opts *o, zl_zoneset *zs, zl_lint *l, size_t *unreadable,
                 char **err);

#endif
