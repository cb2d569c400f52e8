#include "lint/engine/fix.h"

#include <stdlib.h>
#include <string.h>

#include "lint/util/util.h"

zl_fix *zl_fix_new(zl_fix_safety safety)
{
    zl_fix *f = zl_xcalloc(1, sizeof *f);
    f->safety = safety;
    return f;
}

void zl_fix_replace(zl_fix *f, uint32_t src, uint32_t off, uint32_t len, const char *text)
{
    /* One edit at a time: most fixes are one, and a run may hold a fix for
     * every record (the growth policy's eight would be 400 bytes each). */
    if (f->n == f->cap) {
        f->cap = f->cap ? 2 * f->cap : 1;
        f->edits = zl_xrealloc(f->edits, f->cap * sizeof *f->edits);
    }
    f->edits[f->n++] = (zl_edit){.src = src, .off = off, .len = len, .text = zl_xstrdup(text)};
}

void zl_fix_free(zl_fix *f)
{
    if (!f)
        return;
    for (size_t i = 0; i < f->n; i++)
        free(f->edits[i].text);
    free(f->edits);
    free(f);
}

const char *zl_fix_safety_name(zl_fix_safety s)
{
    return s == ZL_FIX_SAFE ? "safe" : "unsafe";
}

const char *zl_source_file_text(const zl_source *s, size_t *len)
{
    *len = s->display ? s->display_len : s->len;
    return s->display ? s->display : s->text;
}

/* The replacement as the file must hold it; false when it cannot be written
 * there without knowing more of the file's syntax than the map tells. */
static bool encode(zl_fix_text how, const char *text, zl_buf *out)
{
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        switch (how) {
        case ZL_FIX_TEXT_MASTER:
            zl_buf_addc(out, (char)*p);
            break;
        case ZL_FIX_TEXT_JSON:
            if (*p == '"' || *p == '\\')
                zl_buf_printf(out, "\\%c", *p);
            else if (*p < 0x20)
                zl_buf_printf(out, "\\u%04x", *p);
            else
                zl_buf_addc(out, (char)*p);
            break;
        case ZL_FIX_TEXT_YAML:
            /* Letters, digits, '.', '-' and '_' mean themselves inside every
             * scalar style (plain, single- and double-quoted). */
            if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
                  (*p >= '0' && *p <= '9') || *p == '.' || *p == '-' || *p == '_'))
                return false;
            zl_buf_addc(out, (char)*p);
            break;
        case ZL_FIX_TEXT_NONE: /* refused before */
            return false;
        }
    }
    return true;
}

/* Bytes [off, off + len) of the source's text as bytes of its real file. */
static bool real_range(const zl_source *s, uint32_t off, uint32_t len, uint32_t *start)
{
    if (!s->map) {
        *start = off;
        return (size_t)off + len <= s->len;
    }
    size_t lo = 0, hi = s->nmap;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->map[mid].off <= off)
            lo = mid;
        else
            hi = mid;
    }
    const zl_posmap *m = &s->map[lo];
    if (!s->nmap || off < m->off || (size_t)off + len > (size_t)m->off + m->same)
        return false;
    *start = m->raw + (off - m->off);
    return true;
}

/* 1-based line and column (characters) of byte off of the real file. */
static void file_position(const zl_source *s, uint32_t off, uint32_t *line, uint32_t *col)
{
    size_t len;
    const char *text = zl_source_file_text(s, &len);
    if (off > 0 && off == len && text[off - 1] == '\n') {
        /* The end of a file that ends its last line: a line of its own (an
         * appended record goes there), which line tables do not list. */
        file_position(s, off - 1, line, col);
        ++*line;
        *col = 1;
        return;
    }
    if (!s->map) {
        zl_source_position(s, off, line, col);
        return;
    }
    size_t lo = 0, hi = s->ndlines;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->dlines[mid] <= off)
            lo = mid;
        else
            hi = mid;
    }
    uint32_t c = 1;
    for (uint32_t i = s->ndlines ? s->dlines[lo] : 0; i < off; i++)
        c += ((unsigned char)s->display[i] & 0xC0) != 0x80;
    *line = (uint32_t)lo + 1;
    *col = c;
}

static int cmp_edit(const void *pa, const void *pb)
{
    const zl_edit *a = pa, *b = pb;
    return a->start < b->start ? -1 : a->start > b->start;
}

bool zl_fix_place(zl_fix *f, const zl_zoneset *zs)
{
    if (!f->n)
        return false;
    const zl_source *s = zs->srcs[f->edits[0].src];
    zl_fix_text how = s->map ? s->fix_text : ZL_FIX_TEXT_MASTER;
    if (how == ZL_FIX_TEXT_NONE)
        return false;
    zl_buf enc = {0};
    bool ok = true;
    for (size_t i = 0; ok && i < f->n; i++) {
        zl_edit *e = &f->edits[i];
        zl_buf_reset(&enc);
        ok = e->src == f->edits[0].src && real_range(s, e->off, e->len, &e->start) &&
             encode(how, e->text, &enc);
        if (ok) {
            e->end = e->start + e->len;
            free(e->text);
            e->text = zl_xstrdup(zl_buf_str(&enc));
        }
    }
    zl_buf_free(&enc);
    if (!ok)
        return false;
    qsort(f->edits, f->n, sizeof *f->edits, cmp_edit);
    for (size_t i = 1; i < f->n; i++)
        if (f->edits[i].start < f->edits[i - 1].end ||
            f->edits[i].start == f->edits[i - 1].start)
            return false;
    for (size_t i = 0; i < f->n; i++) {
        zl_edit *e = &f->edits[i];
        file_position(s, e->start, &e->line, &e->col);
        file_position(s, e->end, &e->end_line, &e->end_col);
    }
    f->path = s->path;
    f->file = s;
    return true;
}
