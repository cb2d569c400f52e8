#include "lint/output/columns.h"

#include "lint/output/output.h"

#include <string.h>

bool zl_column_unit_parse(const char *s, zl_column_unit *u)
{
    static const char *const names[] = {"char", "byte", "display"};
    for (int i = 0; i < 3; i++)
        if (strcmp(s, names[i]) == 0) {
            *u = (zl_column_unit)i;
            return true;
        }
    return false;
}

/* Decode one UTF-8 character at p (n bytes left): its code point and
 * length; a byte that starts none counts as one character. */
static uint32_t decode(const unsigned char *p, size_t n, size_t *len)
{
    size_t k = p[0] < 0x80 ? 1 : p[0] >= 0xF0 ? 4 : p[0] >= 0xE0 ? 3 : p[0] >= 0xC0 ? 2 : 1;
    if (k > n)
        k = 1;
    uint32_t c = k == 1 ? p[0] : p[0] & (0x7F >> k);
    for (size_t i = 1; i < k; i++) {
        if ((p[i] & 0xC0) != 0x80) {
            *len = 1;
            return p[0];
        }
        c = c << 6 | (p[i] & 0x3F);
    }
    *len = k;
    return c;
}

/* Display cells of a code point: 0 for combining marks and zero-width
 * characters, 2 for East Asian wide and full-width ones and emoji. */
static unsigned cells(uint32_t c)
{
    if ((c >= 0x0300 && c <= 0x036F) || (c >= 0x200B && c <= 0x200F) ||
        (c >= 0xFE00 && c <= 0xFE0F) || c == 0xFEFF)
        return 0;
    if ((c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0x303E) ||
        (c >= 0x3041 && c <= 0x33FF) || (c >= 0x3400 && c <= 0x4DBF) ||
        (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xA000 && c <= 0xA4CF) ||
        (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
        (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
        (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1F64F) ||
        (c >= 0x1F900 && c <= 0x1F9FF) || (c >= 0x20000 && c <= 0x3FFFD))
        return 2;
    return 1;
}

uint32_t zl_column_in(const zl_zoneset *zs, const zl_finding *x, uint32_t col,
                      zl_column_unit u)
{
    return zl_column_at(zs, x->src, x->line, col, u);
}

uint32_t zl_column_at(const zl_zoneset *zs, uint32_t src, uint32_t lineno, uint32_t col,
                      zl_column_unit u)
{
    if (u == ZL_COLUMN_CHAR || !lineno || !col || src == UINT32_MAX)
        return col;
    size_t len;
    const unsigned char *line =
        (const unsigned char *)zl_source_line(zs->srcs[src], lineno, &len);
    uint32_t out = 1;
    size_t i = 0;
    for (uint32_t c = 1; c < col; c++) {
        if (i < len && line[i] < 0x80 && line[i] != '\t') {
            i++, out++; /* ASCII other than a tab: one octet, one cell */
            continue;
        }
        if (i >= len) {
            out++; /* a column past the end (a missing closing quote) */
            continue;
        }
        size_t k;
        uint32_t cp = decode(line + i, len - i, &k);
        i += k;
        out += u == ZL_COLUMN_BYTE ? (uint32_t)k
               : cp == '\t'        ? 8 - (out - 1) % 8
                                   : cells(cp);
    }
    return out;
}

uint32_t zl_col(const zl_report *r, const zl_writer *w, const zl_finding *x, uint32_t col)
{
    zl_column_unit u = r->columns != ZL_COLUMN_FIXED ? r->columns : w->columns;
    return zl_column_in(r->zs, x, col, u);
}
