/* libFuzzer target for the escaping of text and GitHub output: arbitrary
 * bytes as a finding's path, message and hint, and as the source line shown
 * under it, must never put a control character (but the line ends, and the
 * tabs that keep the caret in line) or invalid UTF-8 into the output. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lint/engine/registry.h"
#include "lint/output/escape.h"
#include "lint/output/output.h"

/* The output holds only printable UTF-8, tabs and newlines. */
static void check(const char *out, size_t len)
{
    for (size_t i = 0; i < len;) {
        size_t k = 1;
        while (k < 4 && i + k < len && ((unsigned char)out[i + k] & 0xC0) == 0x80)
            k++;
        if (out[i] == '\n' || out[i] == '\t') {
            i++;
            continue;
        }
        /* the longest printable character starting here */
        while (k > 1 && !zl_utf8_printable(out + i, k))
            k--;
        if (!zl_utf8_printable(out + i, k))
            abort();
        i += k;
    }
}

static void write_with(const zl_writer *w, const zl_zoneset *zs, const zl_findings *fs)
{
    char *out = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&out, &len);
    w->write(m, &(zl_report){.zs = zs, .fs = fs});
    fclose(m);
    check(out, len);
    free(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* path \0 message \0 hint \0 source text */
    const char *p = (const char *)data, *end = p + size;
    char *part[4];
    for (int i = 0; i < 4; i++) {
        const char *z = i < 3 ? memchr(p, '\0', (size_t)(end - p)) : NULL;
        size_t n = z ? (size_t)(z - p) : (size_t)(end - p);
        part[i] = zl_xstrndup(p, n);
        p = z ? z + 1 : end;
    }
    zl_zoneset zs;
    zl_zoneset_init(&zs);
    size_t tlen = strlen(part[3]);
    uint32_t src = zl_zoneset_add_source(&zs, part[0], zl_xstrndup(part[3], tlen), tlen);
    zl_findings fs = {0};
    zl_findings_add(&fs, (zl_finding){.rule = zl_rules[0],
                                      .severity = ZL_SEV_ERROR,
                                      .path = zl_xstrdup(part[0]),
                                      .line = 1,
                                      .col = 1 + (uint32_t)(size % 7),
                                      .end_col = 3 + (uint32_t)(size % 11),
                                      .src = src,
                                      .message = zl_xstrdup(part[1]),
                                      .hint = zl_xstrdup(part[2]),
                                      .key = zl_xstrdup("k")});
    write_with(&zl_writer_text, &zs, &fs);
    write_with(&zl_writer_github, &zs, &fs);
    zl_findings_free(&fs);
    zl_zoneset_free(&zs);
    for (int i = 0; i < 4; i++)
        free(part[i]);
    return 0;
}
