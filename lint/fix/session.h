/* Applying fixes: --fix and --fix --diff. A session holds, per file, the
 * content as first read and the content with the fixes so far. Each round
 * applies the fixes of one lint run that do not overlap one applied before
 * it (in finding order), and serves the new contents to the next run through
 * its zl_fs, so that the files are linted again as they would be written:
 * fixes that overlapped get their turn, and the last run is the report of
 * what remains. Nothing touches the disk until zl_fix_write. */
#ifndef ZL_FIX_SESSION_H
#define ZL_FIX_SESSION_H

#include <stdbool.h>
#include <stdio.h>

#include "lint/engine/finding.h"
#include "lint/io/fs.h"

typedef struct zl_fix_file {
    char *path;
    char *orig;      /* as first read */
    size_t orig_len;
    char *text;      /* with the fixes applied so far */
    size_t len;
    size_t fixes;    /* fixes applied */
} zl_fix_file;

typedef struct zl_fix_session {
    zl_fix_safety upto; /* ZL_FIX_SAFE, or ZL_FIX_UNSAFE with --unsafe-fixes */
    zl_fix_file *v;
    size_t n, cap;
    const zl_fs *base; /* where files not fixed yet are read from */
    zl_fs fs;          /* the fixed contents, then base */
} zl_fix_session;

void zl_fix_session_init(zl_fix_session *s, zl_fix_safety upto, const zl_fs *base);
void zl_fix_session_free(zl_fix_session *s);
/* Apply one run's fixes; returns how many were applied. */
size_t zl_fix_session_apply(zl_fix_session *s, const zl_findings *fs);
/* Fixes applied in all, and files whose content changed. */
size_t zl_fix_session_fixes(const zl_fix_session *s);
size_t zl_fix_session_changed(const zl_fix_session *s);

/* Write every changed file in place (lint/fix/write.c); false with *err
 * naming the files left alone. */
bool zl_fix_write(const zl_fix_session *s, char **err);
/* Print a unified diff of every changed file (lint/fix/udiff.c). */
void zl_fix_diff(const zl_fix_session *s, FILE *out);

#endif
