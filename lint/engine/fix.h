/* Fixes: the corrections a finding carries, as data (like ruff's). A fix is
 * a list of edits, each replacing bytes of the file with new text, and a
 * safety level: safe when the intended text is certain, unsafe when it is a
 * likely correction that a person should confirm (applied only with
 * --unsafe-fixes). Rules describe edits on the text they read (a source and
 * its offsets, replacement text in master-file syntax); when the lint run
 * finishes the edits are placed in the real file, through the position map
 * of a provider export, or the fix is dropped when they cannot be. */
#ifndef ZL_FIX_H
#define ZL_FIX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lint/model/model.h"

typedef enum zl_fix_safety { ZL_FIX_SAFE, ZL_FIX_UNSAFE } zl_fix_safety;

typedef struct zl_edit {
    uint32_t src, off, len; /* as reported: bytes of a source's text */
    char *text;             /* the replacement, as it is written into the file */
    /* Placed: bytes [start, end) of the file, and their 1-based lines and
     * columns (end_line and end_col point just past the last byte). */
    uint32_t start, end;
    uint32_t line, col, end_line, end_col;
} zl_edit;

typedef struct zl_fix {
    zl_fix_safety safety;
    const char *path;  /* the file the edits apply to, once placed (the source's) */
    const zl_source *file; /* its source: the text as read */
    zl_edit *edits;    /* sorted by start once placed; never overlapping */
    size_t n, cap;
} zl_fix;

zl_fix *zl_fix_new(zl_fix_safety safety);
/* Replace bytes [off, off + len) of source src by text (master-file syntax). */
void zl_fix_replace(zl_fix *f, uint32_t src, uint32_t off, uint32_t len, const char *text);
void zl_fix_free(zl_fix *f);

/* Place the edits in the real file; false (the fix is unusable) when an edit
 * falls on synthesised text, the edits span files or overlap, or the
 * replacement cannot be written in that format. */
bool zl_fix_place(zl_fix *f, const zl_zoneset *zs);

const char *zl_fix_safety_name(zl_fix_safety s);

/* The real file's text a source stands for (the export for provider
 * exports, the text itself otherwise). */
const char *zl_source_file_text(const zl_source *s, size_t *len);

#endif
