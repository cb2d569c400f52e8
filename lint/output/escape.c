#include "lint/output/escape.h"

#include <stdarg.h>
#include <string.h>

bool zl_utf8_printable(const char *p, size_t k)
{
    const unsigned char *u = (const unsigned char *)p;
    if (zl_utf8_len(u, k) != k)
        return false;
    if (k == 1)
        return u[0] >= 0x20 && u[0] != 0x7F;
    return !(k == 2 && u[0] == 0xC2 && u[1] < 0xA0);
}

static void hex(zl_buf *b, unsigned char c)
{
    zl_buf_printf(b, "\\x%02X", c);
}

void zl_escape_add(zl_buf *b, const char *s, size_t n, int flags)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    bool keep = flags & ZL_ESC_KEEP_NEWLINES;
    while (i < n) {
        /* Printable ASCII, the bulk of every message, is copied a run at a time. */
        size_t run = i;
        while (run < n && ((p[run] >= 0x20 && p[run] < 0x7F) ||
                           (keep && (p[run] == '\n' || p[run] == '\r'))))
            run++;
        if (run > i) {
            zl_buf_add(b, s + i, run - i);
            i = run;
            continue;
        }
        unsigned char c = p[i];
        size_t k = zl_utf8_len(p + i, n - i);
        if (k == 0) {
            hex(b, c);
            i++;
        } else if ((c == '\n' || c == '\r') && (flags & ZL_ESC_KEEP_NEWLINES)) {
            zl_buf_addc(b, (char)c);
            i++;
        } else if (c == '\t') {
            zl_buf_adds(b, "\\t");
            i++;
        } else if (c == '\n') {
            zl_buf_adds(b, "\\n");
            i++;
        } else if (c < 0x20 || c == 0x7F) {
            hex(b, c);
            i++;
        } else if (k == 2 && c == 0xC2 && p[i + 1] < 0xA0) {
            /* U+0080..U+009F: the C1 controls (CSI, OSC and the rest) */
            hex(b, c);
            hex(b, p[i + 1]);
            i += 2;
        } else {
            zl_buf_add(b, s + i, k);
            i += k;
        }
    }
}

static bool needs_quotes(const char *path)
{
    for (const unsigned char *p = (const unsigned char *)path; *p; p++)
        if (*p < 0x20 || *p >= 0x7F || *p == '"' || *p == '\\')
            return true;
    return false;
}

void zl_escape_path(zl_buf *b, const char *path)
{
    if (!needs_quotes(path)) {
        zl_buf_adds(b, path);
        return;
    }
    zl_buf_addc(b, '"');
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        const char *named = *p == '\a'   ? "\\a"
                            : *p == '\b' ? "\\b"
                            : *p == '\t' ? "\\t"
                            : *p == '\n' ? "\\n"
                            : *p == '\v' ? "\\v"
                            : *p == '\f' ? "\\f"
                            : *p == '\r' ? "\\r"
                            : *p == '"'  ? "\\\""
                            : *p == '\\' ? "\\\\"
                                         : NULL;
        if (named)
            zl_buf_adds(b, named);
        else if (*p < 0x20 || *p >= 0x7F)
            zl_buf_printf(b, "\\%03o", *p);
        else
            zl_buf_addc(b, (char)*p);
    }
    zl_buf_addc(b, '"');
}

void zl_warn(const char *fmt, ...)
{
    zl_buf raw = {0}, out = {0};
    va_list ap;
    va_start(ap, fmt);
    zl_buf_vprintf(&raw, fmt, ap);
    va_end(ap);
    zl_buf_adds(&out, "zonelint: ");
    zl_escape_add(&out, zl_buf_str(&raw), raw.len, 0);
    zl_buf_addc(&out, '\n');
    fwrite(zl_buf_str(&out), 1, out.len, stderr);
    zl_buf_free(&raw);
    zl_buf_free(&out);
}
