#include "parser/master/lexer.h"

#include <stdlib.h>
#include <string.h>

#include "lint/model/token.h"
#include "lint/util/util.h"

#define NO_OFFSET ((size_t)-1)

void zl_lexer_init(zl_lexer *lx, const char *text, size_t len, zl_comment_fn fn, void *ctx)
{
    memset(lx, 0, sizeof *lx);
    lx->text = text;
    lx->len = len;
    lx->on_comment = fn;
    lx->ctx = ctx;
    /* A UTF-8 byte order mark is an editor's artefact, not part of a name. */
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        lx->pos = 3;
}

void zl_entry_free(zl_entry *e)
{
    free(e->toks);
    memset(e, 0, sizeof *e);
}

static void set_err(zl_entry *e, const char *msg, size_t off, size_t len)
{
    if (e->err)
        return;
    e->err = msg;
    e->err_off = off;
    e->err_len = len;
}

static bool is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

static size_t next_line(const zl_lexer *lx, size_t i)
{
    const char *nl = memchr(lx->text + i, '\n', lx->len - i);
    return nl ? (size_t)(nl - lx->text) + 1 : lx->len;
}

/* Give up on an entry whose parentheses are found to be unbalanced at
 * offset fail: why at offset at. */
static void unbalanced(zl_lexer *lx, zl_entry *e, const char *why, size_t at, size_t col1,
                       size_t fail)
{
    e->err = NULL;
    set_err(e, why, at, 1);
    e->n = 0;
    if (col1 != NO_OFFSET)
        lx->pos = col1;
    else if (fail >= lx->len)
        lx->pos = lx->len;
    else
        lx->pos = next_line(lx, fail);
}

bool zl_lex_entry(zl_lexer *lx, zl_entry *e)
{
    const char *t = lx->text;
    const size_t len = lx->len;
    for (;;) {
        if (lx->pos >= len)
            return false;
        e->n = 0;
        e->err = NULL;
        e->start = lx->pos;
        e->blank_start = is_blank(t[lx->pos]);

        int depth = 0;
        size_t paren = 0, col1 = NO_OFFSET;
        size_t i = lx->pos;
        bool failed = false;
        for (;;) {
            if (i >= len) {
                if (depth > 0) {
                    unbalanced(lx, e, "'(' is never closed", paren, col1, len);
                    failed = true;
                } else {
                    lx->pos = len;
                }
                break;
            }
            char c = t[i];
            if (is_blank(c)) {
                i++;
            } else if (c == '\n') {
                i++;
                if (depth == 0) {
                    lx->pos = i;
                    break;
                }
                if (i < len && !is_blank(t[i]) && t[i] != '\n' && t[i] != ';' && t[i] != ')') {
                    if (col1 == NO_OFFSET)
                        col1 = i;
                    if (t[i] == '$') {
                        unbalanced(lx, e, "'(' is never closed", paren, col1, i);
                        failed = true;
                        break;
                    }
                }
            } else if (c == ';') {
                size_t end = next_line(lx, i);
                if (end > i && end <= len && t[end - 1] == '\n')
                    end--;
                if (lx->on_comment)
                    lx->on_comment(lx->ctx, i, end - i);
                i = end;
            } else if (c == '(') {
                /* After a line that starts at column 1 the first '(' was
                 * never closed (a new record began); else they nest. */
                if (depth > 0 && col1 != NO_OFFSET) {
                    unbalanced(lx, e, "'(' is never closed", paren, col1, i);
                    failed = true;
                    break;
                }
                if (depth > 0) {
                    /* the entry is read to its matching ')', and reported once */
                    set_err(e, "'(' inside parentheses: they do not nest in a zone file", i, 1);
                    depth++;
                    i++;
                    continue;
                }
                depth = 1;
                paren = i++;
            } else if (c == ')') {
                if (depth == 0)
                    set_err(e, "')' without a matching '('", i, 1);
                else
                    depth--;
                i++;
            } else if (c == '\0') {
                set_err(e, "NUL byte in the text", i, 1);
                i++;
            } else {
                /* A plain word, most tokens, is read here; a quote or an
                 * escape in it, by zl_token_end. */
                bool unterminated = false;
                size_t end = c == '"' ? i : zl_word_scan(t, len, i);
                if (end == i || (end < len && (t[end] == '\\' || t[end] == '"')))
                    end = zl_token_end(t, len, i, &unterminated);
                if (end == i)
                    end = i + 1;
                if (unterminated)
                    set_err(e, "quoted string is not closed on its line", i, end - i);
                ZL_GROW(e->toks, e->cap, e->n + 1);
                e->toks[e->n++] = (zl_lex_tok){
                    .off = (uint32_t)i, .len = (uint32_t)(end - i), .quoted = c == '"'};
                i = end;
            }
        }
        if (failed || e->n > 0 || e->err)
            return true;
    }
}
