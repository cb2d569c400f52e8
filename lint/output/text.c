#include <stdarg.h>
#include <string.h>

#include "lint/output/escape.h"
#include "lint/output/output.h"
#include "lint/util/util.h"

/* Source lines longer than this are shown as a window around the column. */
#define WINDOW 160

typedef struct palette {
    const char *bold, *err, *warn, *note, *caret, *dim, *reset;
} palette;

static const palette plain = {"", "", "", "", "", "", ""};
static const palette ansi = {"\033[1m",  "\033[1;31m", "\033[1;35m", "\033[1;36m",
                             "\033[1;32m", "\033[2m",    "\033[0m"};

static size_t char_len(const char *p, size_t n)
{
    unsigned char c = (unsigned char)p[0];
    size_t k = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    return k <= n ? k : 1;
}

/* Where the last window of a line started: findings on one long line (a
 * one-line JSON export) come sorted by column, so each walk to its window
 * goes on from there, not from the start of the line. */
static struct {
    const char *line;
    uint32_t c;
    size_t i;
} resume;

/* Output is composed in one buffer and written in large pieces: a
 * stdio call per character or per field costs more than the linting when
 * every record is a finding. */
#define FLUSH_AT 65536

/* Append each string up to the NULL. */
static void add_strs(zl_buf *o, ...)
{
    va_list ap;
    va_start(ap, o);
    for (const char *s = va_arg(ap, const char *); s; s = va_arg(ap, const char *))
        zl_buf_adds(o, s);
    va_end(ap);
}

/* Append the source line (a window of it when long) and a caret line under
 * columns [col, end_col). Control characters (C0 and C1) and invalid UTF-8
 * are shown as '?' and tabs kept, so that the caret lines up in a terminal
 * and nothing in the file reaches it as a control sequence. */
static void show_source(zl_buf *o, zl_buf *caret, const char *line, size_t len,
                        uint32_t lineno, uint32_t col, uint32_t end_col, const palette *p)
{
    uint32_t c = 1, shown = 0;
    size_t i = 0;
    for (size_t k = 0; k < len && shown <= WINDOW; k += char_len(line + k, len - k))
        shown++;
    uint32_t from = shown > WINDOW && col > WINDOW / 3 ? col - WINDOW / 3 : 1;
    uint32_t to = shown > WINDOW ? from + WINDOW : UINT32_MAX;
    if (resume.line == line && resume.c <= from)
        c = resume.c, i = resume.i;
    for (; i < len && c < from; c++)
        i += char_len(line + i, len - i);
    resume.line = line, resume.c = c, resume.i = i;
    /* "%6u | ": the line number right-aligned in six columns. */
    size_t start = o->len;
    zl_buf_add_uint(o, lineno);
    size_t digits = o->len - start;
    if (digits < 6) {
        ZL_GROW(o->data, o->cap, o->len + 6);
        memmove(o->data + start + 6 - digits, o->data + start, digits);
        memset(o->data + start, ' ', 6 - digits);
        o->len = start + 6;
    }
    size_t width = o->len - start + 1;
    zl_buf_add(o, " | ", 3);
    if (from > 1)
        zl_buf_add(o, "...", 3);
    caret->len = 0;
    uint32_t mark_end = end_col > col ? end_col : col + 1;
    while (i < len && c < to) {
        /* Printable ASCII, most of every line, is shown a run at a time. */
        size_t run = 0;
        while (i + run < len && run < to - c && line[i + run] >= 0x20 && line[i + run] < 0x7F)
            run++;
        if (run) {
            zl_buf_add(o, line + i, run);
            for (uint32_t k = c; k < c + run && k < mark_end; k++)
                zl_buf_addc(caret, k < col ? ' ' : k == col ? '^' : '~');
            i += run, c += (uint32_t)run;
            continue;
        }
        size_t k = char_len(line + i, len - i);
        unsigned char ch = (unsigned char)line[i];
        if (ch != '\t' && !zl_utf8_printable(line + i, k))
            zl_buf_addc(o, '?');
        else
            zl_buf_add(o, line + i, k);
        if (c < col)
            zl_buf_addc(caret, ch == '\t' ? '\t' : ' ');
        else if (c < mark_end)
            zl_buf_addc(caret, c == col ? '^' : '~');
        i += k, c++;
    }
    if (col >= c)
        zl_buf_addc(caret, '^');
    if (i < len)
        zl_buf_add(o, "...", 3);
    zl_buf_addc(o, '\n');
    ZL_GROW(o->data, o->cap, o->len + width + 1);
    memset(o->data + o->len, ' ', width);
    o->len += width;
    zl_buf_add(o, "| ", 2);
    if (from > 1)
        zl_buf_add(o, "   ", 3);
    zl_buf_adds(o, p->caret);
    zl_buf_add(o, caret->data ? caret->data : "", caret->len);
    zl_buf_adds(o, p->reset);
    zl_buf_addc(o, '\n');
}

/* The "fix:" line of a safe fix: the line as the fix leaves it, when the
 * edits are on one line that stays short, or the line a fix inserts; else a
 * pointer to --fix. */
static void show_fix(zl_buf *o, const zl_fix *fix, const palette *p)
{
    size_t len;
    const char *text = zl_source_file_text(fix->file, &len);
    const zl_edit *first = &fix->edits[0], *last = &fix->edits[fix->n - 1];
    uint32_t from = first->start, to = last->end;
    while (from > 0 && text[from - 1] != '\n')
        from--;
    while (to < len && text[to] != '\n' && text[to] != '\r')
        to++;
    zl_buf line = {0};
    uint32_t at = from;
    for (size_t i = 0; i < fix->n; i++) {
        zl_buf_add(&line, text + at, fix->edits[i].start - at);
        zl_buf_adds(&line, fix->edits[i].text);
        at = fix->edits[i].end;
    }
    zl_buf_add(&line, text + at, to - at);
    bool one = first->line == last->end_line && line.len <= WINDOW &&
               !memchr(zl_buf_str(&line), '\n', line.len);
    size_t tl = strlen(first->text);
    bool inserted = fix->n == 1 && first->start == first->end && tl > 1 && tl <= WINDOW &&
                    first->text[tl - 1] == '\n' && !memchr(first->text, '\n', tl - 1) &&
                    first->col == 1;
    add_strs(o, "  ", p->bold, "fix:", p->reset, " ", NULL);
    if (inserted) {
        zl_buf_reset(&line);
        zl_buf_add(&line, first->text, tl - 1);
        zl_buf_adds(o, "insert at line ");
        zl_buf_add_uint(o, first->line);
        zl_buf_add(o, ": ", 2);
        one = true;
    }
    if (one) {
        zl_escape_add(o, line.data, line.len, 0);
        zl_buf_addc(o, '\n');
    } else {
        zl_buf_adds(o, "zonelint --fix ");
        zl_escape_path(o, fix->path);
        zl_buf_printf(o, " makes %zu edit%s\n", fix->n, fix->n == 1 ? "" : "s");
    }
    zl_buf_free(&line);
}

/* The source line with its caret, the hint, and the fix. */
static void details(zl_buf *o, zl_buf *caret, const zl_zoneset *zs, const zl_finding *x,
                    const palette *p)
{
    if (x->line && x->src != UINT32_MAX) {
        size_t len;
        const char *line = zl_source_line(zs->srcs[x->src], x->line, &len);
        show_source(o, caret, line, len, x->line, x->col, x->end_col, p);
    }
    const char *hint = x->hint ? x->hint : x->rule->hint;
    if (hint) {
        add_strs(o, "  ", p->bold, "hint:", p->reset, " ", NULL);
        zl_escape_add(o, hint, strlen(hint), 0);
        zl_buf_addc(o, '\n');
    }
    if (x->fix && x->fix->safety == ZL_FIX_SAFE)
        show_fix(o, x->fix, p);
}

static bool write_text(FILE *f, const zl_report *r)
{
    const zl_zoneset *zs = r->zs;
    const zl_findings *fs = r->fs;
    const palette *p = r->color ? &ansi : &plain;
    zl_buf o = {0}, caret = {0}, path = {0};
    const char *path_of = NULL; /* whose escaped form path holds */
    for (size_t i = 0; i < fs->n; i++) {
        const zl_finding *x = &fs->v[i];
        const char *sc = x->severity == ZL_SEV_ERROR     ? p->err
                         : x->severity == ZL_SEV_WARNING ? p->warn
                                                         : p->note;
        /* A finding about a whole file says 1:1, so that every line parses
         * with one errorformat (%f:%l:%c: %t%*[^:]: %m). */
        add_strs(&o, p->bold, NULL);
        /* Findings come by path: each path is escaped once. */
        if (!path_of || strcmp(path_of, x->path) != 0) {
            zl_buf_reset(&path);
            zl_escape_path(&path, x->path);
            path_of = x->path;
        }
        zl_buf_add(&o, path.data, path.len);
        zl_buf_addc(&o, ':');
        zl_buf_add_uint(&o, x->line ? x->line : 1);
        zl_buf_addc(&o, ':');
        zl_buf_add_uint(&o, x->line ? zl_col(r, &zl_writer_text, x, x->col) : 1);
        zl_buf_addc(&o, ':');
        add_strs(&o, p->reset, " ", sc, zl_severity_name(x->severity), ":", p->reset, " ",
                 p->bold, NULL);
        zl_escape_add(&o, x->message, strlen(x->message), 0);
        add_strs(&o, p->reset, " ", p->dim, "[", x->rule->id, "]", p->reset, "\n", NULL);
        if (!r->quiet)
            details(&o, &caret, zs, x, p);
        if (o.len >= FLUSH_AT) {
            fwrite(o.data, 1, o.len, f);
            o.len = 0;
        }
    }
    if (o.len)
        fwrite(o.data, 1, o.len, f);
    zl_buf_free(&o);
    zl_buf_free(&caret);
    zl_buf_free(&path);
    size_t counts[4];
    zl_findings_count(fs, counts);
    if (fs->n && !r->quiet)
        fprintf(f, "%zu error%s, %zu warning%s, %zu note%s\n", counts[ZL_SEV_ERROR],
                counts[ZL_SEV_ERROR] == 1 ? "" : "s", counts[ZL_SEV_WARNING],
                counts[ZL_SEV_WARNING] == 1 ? "" : "s", counts[ZL_SEV_NOTE],
                counts[ZL_SEV_NOTE] == 1 ? "" : "s");
    size_t fixable = zl_findings_fixable(fs, ZL_FIX_SAFE);
    size_t unsafe = zl_findings_fixable(fs, ZL_FIX_UNSAFE) - fixable;
    if (fixable && !r->quiet)
        fprintf(f, "%zu fixable with zonelint --fix\n", fixable);
    if (unsafe && !r->quiet)
        fprintf(f, "%zu more with zonelint --fix --unsafe-fixes\n", unsafe);
    return !ferror(f);
}

const zl_writer zl_writer_text = {
    .name = "text", .write = write_text, .columns = ZL_COLUMN_DISPLAY};
