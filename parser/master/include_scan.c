#include "parser/master/include_scan.h"

#include <stdlib.h>
#include <string.h>

#include "lint/io/fs.h"
#include "lint/util/util.h"
#include "parser/master/lexer.h"

bool zl_include_scan(const char *path, const char *text, size_t len,
                     bool (*fn)(void *ctx, const char *file), void *ctx)
{
    /* The reader stops at a NUL byte, so does the scan. */
    const char *nul = memchr(text, '\0', len);
    zl_lexer lx;
    zl_lexer_init(&lx, text, nul ? (size_t)(nul - text) : len, NULL, NULL);
    zl_entry e = {0};
    bool stop = false;
    while (!stop && zl_lex_entry(&lx, &e)) {
        if (e.err || e.blank_start || e.n < 2 ||
            !zl_ascii_ieq(text + e.toks[0].off, e.toks[0].len, "$INCLUDE"))
            continue;
        const zl_lex_tok *t = &e.toks[1];
        char *rel = t->quoted ? zl_xstrndup(text + t->off + 1, t->len >= 2 ? t->len - 2 : 0)
                              : zl_xstrndup(text + t->off, t->len);
        char *beside = zl_path_beside(path, rel);
        char *file = zl_path_normalize(beside);
        stop = fn(ctx, file);
        free(file);
        free(beside);
        free(rel);
    }
    zl_entry_free(&e);
    return stop;
}
