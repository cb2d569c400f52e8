/* Column units. Findings count columns in characters (code points) from 1;
 * editors differ: Vim and Emacs jump by bytes, a terminal shows display
 * cells (a CJK character takes two, a tab moves to the next multiple of 8,
 * as gcc counts). */
#ifndef ZL_COLUMNS_H
#define ZL_COLUMNS_H

#include <stdbool.h>
#include <stdint.h>

#include "lint/engine/finding.h"
#include "lint/model/model.h"

typedef enum {
    ZL_COLUMN_CHAR,
    ZL_COLUMN_BYTE,
    ZL_COLUMN_DISPLAY,
    ZL_COLUMN_FIXED, /* a writer's: its format defines the unit */
} zl_column_unit;

/* The unit a --column-unit value names; false when it names none. */
bool zl_column_unit_parse(const char *s, zl_column_unit *u);
/* Character column col of finding x's line, counted in unit u. */
uint32_t zl_column_in(const zl_zoneset *zs, const zl_finding *x, uint32_t col,
                      zl_column_unit u);
/* The same for a column of a line of source src's real file (a fix's edit). */
uint32_t zl_column_at(const zl_zoneset *zs, uint32_t src, uint32_t line, uint32_t col,
                      zl_column_unit u);

#endif
