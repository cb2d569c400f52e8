/* Bodies and expressions of HCL native syntax, by recursive descent with
 * the operator precedence of the specification (|| && == != < > <= >= + -
 * * / %, then ! and unary -). */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "parser/iac/hcl_parser.h"
#include "lint/util/util.h"

zl_htok zl_hp_peek(zl_hparser *p)
{
    if (!p->has_la) {
        p->la = zl_hcl_lex(p->t, p->len, p->pos);
        while (p->skip_nl > 0 && p->la.kind == ZL_HT_NEWLINE)
            p->la = zl_hcl_lex(p->t, p->len, p->la.end);
        p->has_la = true;
    }
    return p->la;
}

zl_htok zl_hp_next(zl_hparser *p)
{
    zl_htok k = zl_hp_peek(p);
    p->pos = k.end;
    p->has_la = false;
    return k;
}

static bool tok_is(const zl_hparser *p, zl_htok k, zl_htok_kind kind, const char *s)
{
    size_t n = strlen(s);
    return k.kind == kind && k.end - k.start == n && memcmp(p->t + k.start, s, n) == 0;
}

bool zl_hp_punct(zl_hparser *p, const char *s)
{
    return tok_is(p, zl_hp_peek(p), ZL_HT_PUNCT, s);
}

static bool keyword(zl_hparser *p, zl_htok k, const char *s)
{
    return tok_is(p, k, ZL_HT_IDENT, s);
}

void zl_hp_skip_nl(zl_hparser *p, int delta)
{
    p->skip_nl += delta;
    p->has_la = false; /* the next token may be a line break after all */
}

void zl_hp_error(zl_hparser *p, uint32_t off, uint32_t len, const char *fmt, ...)
{
    if (p->failed)
        return;
    p->failed = true;
    zl_hcl_file *f = p->f;
    ZL_GROW(f->diags, f->dcap, f->ndiags + 1);
    zl_buf b = {0};
    va_list ap;
    va_start(ap, fmt);
    zl_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    f->diags[f->ndiags++] = (zl_hcl_diag){off, len ? len : 1, zl_buf_take(&b)};
}

static void unexpected(zl_hparser *p, zl_htok k, const char *wanted)
{
    /* At the end of a line or file, the place is just after the last token. */
    if (k.kind == ZL_HT_EOF)
        zl_hp_error(p, p->pos, 0, "expected %s, found the end of the file", wanted);
    else if (k.kind == ZL_HT_NEWLINE)
        zl_hp_error(p, p->pos, 1, "expected %s, found the end of the line", wanted);
    else if (k.kind == ZL_HT_BAD_COMMENT)
        zl_hp_error(p, k.start, 2, "a /* comment that is never closed");
    else
        zl_hp_error(p, k.start, k.end - k.start, "expected %s, found '%.*s'", wanted,
                    (int)(k.end - k.start > 20 ? 20 : k.end - k.start), p->t + k.start);
}

static bool expect(zl_hparser *p, const char *s, const char *wanted)
{
    if (zl_hp_punct(p, s)) {
        zl_hp_next(p);
        return true;
    }
    unexpected(p, zl_hp_peek(p), wanted);
    return false;
}

zl_hx *zl_hp_node(zl_hparser *p, zl_hx_kind kind, uint32_t start)
{
    zl_hx *n = zl_arena_zalloc(&p->f->nodes, sizeof *n);
    n->kind = kind;
    n->start = n->end = start;
    return n;
}

void zl_hp_kid(zl_hparser *p, zl_hx *n, zl_hx *kid)
{
    /* At 0, 1, 2, 4, ... kids the array is full: a new one twice the size
     * (the old stays in the arena; all the copies add up to one array). */
    if ((n->nkids & (n->nkids - 1)) == 0) {
        size_t cap = n->nkids ? 2 * (size_t)n->nkids : 1;
        zl_hx **kids = zl_arena_zalloc(&p->f->nodes, cap * sizeof *kids);
        if (n->nkids)
            memcpy(kids, n->kids, n->nkids * sizeof *kids);
        n->kids = kids;
    }
    n->kids[n->nkids++] = kid;
    if (kid && kid->end > n->end)
        n->end = kid->end;
}

static zl_hx *error_node(zl_hparser *p, uint32_t at)
{
    return zl_hp_node(p, ZL_HX_ERROR, at);
}

static zl_hx *args_node(zl_hparser *p, zl_hx *call)
{
    zl_hp_skip_nl(p, 1);
    while (!p->failed && !zl_hp_punct(p, ")")) {
        zl_hp_kid(p, call, zl_hp_expr(p));
        if (zl_hp_punct(p, "...")) {
            zl_hp_next(p);
            call->flags |= ZL_HX_EXPAND;
            break;
        }
        if (!zl_hp_punct(p, ","))
            break;
        zl_hp_next(p);
    }
    zl_htok close = zl_hp_peek(p);
    if (expect(p, ")", "',' or ')' in the call"))
        call->end = close.end;
    zl_hp_skip_nl(p, -1);
    return call;
}

/* for [k,] v in COLLECTION : [KEY =>] VALUE [...] [if COND], the bracket
 * already read; close is "]" or "}". */
static zl_hx *for_expr(zl_hparser *p, uint32_t start, bool object, const char *close)
{
    zl_hx *n = zl_hp_node(p, ZL_HX_FOR, start);
    zl_hp_next(p); /* for */
    zl_htok a = zl_hp_next(p);
    if (a.kind != ZL_HT_IDENT) {
        unexpected(p, a, "a variable name after 'for'");
        return n;
    }
    n->name2 = p->t + a.start;
    n->nname2 = a.end - a.start;
    if (zl_hp_punct(p, ",")) {
        zl_hp_next(p);
        zl_htok b = zl_hp_next(p);
        if (b.kind != ZL_HT_IDENT) {
            unexpected(p, b, "a second variable name");
            return n;
        }
        n->name = n->name2;
        n->nname = n->nname2;
        n->name2 = p->t + b.start;
        n->nname2 = b.end - b.start;
    }
    zl_htok in = zl_hp_next(p);
    if (!keyword(p, in, "in")) {
        unexpected(p, in, "'in'");
        return n;
    }
    zl_hp_kid(p, n, zl_hp_expr(p));
    if (!expect(p, ":", "':' after the collection"))
        return n;
    zl_hx *first = zl_hp_expr(p);
    if (object) {
        if (!expect(p, "=>", "'=>' between the key and the value"))
            return n;
        zl_hp_kid(p, n, first);
        zl_hp_kid(p, n, zl_hp_expr(p));
        if (zl_hp_punct(p, "...")) {
            zl_hp_next(p);
            n->flags |= ZL_HX_GROUP;
        }
    } else {
        zl_hp_kid(p, n, NULL);
        zl_hp_kid(p, n, first);
    }
    zl_htok k = zl_hp_peek(p);
    if (keyword(p, k, "if")) {
        zl_hp_next(p);
        zl_hp_kid(p, n, zl_hp_expr(p));
    } else {
        zl_hp_kid(p, n, NULL);
    }
    zl_htok end = zl_hp_peek(p);
    if (expect(p, close, object ? "'}' closing the for expression"
                                : "']' closing the for expression"))
        n->end = end.end;
    return n;
}

static bool for_ahead(zl_hparser *p)
{
    zl_htok k = zl_hp_peek(p);
    if (!keyword(p, k, "for"))
        return false;
    zl_htok after = zl_hcl_lex(p->t, p->len, k.end);
    return after.kind == ZL_HT_IDENT;
}

static zl_hx *tuple(zl_hparser *p, uint32_t start)
{
    zl_hp_skip_nl(p, 1);
    zl_hx *n;
    if (for_ahead(p)) {
        n = for_expr(p, start, false, "]");
    } else {
        n = zl_hp_node(p, ZL_HX_TUPLE, start);
        while (!p->failed && !zl_hp_punct(p, "]")) {
            zl_hp_kid(p, n, zl_hp_expr(p));
            if (!zl_hp_punct(p, ","))
                break;
            zl_hp_next(p);
        }
        zl_htok close = zl_hp_peek(p);
        if (expect(p, "]", "',' or ']' in the list"))
            n->end = close.end;
    }
    zl_hp_skip_nl(p, -1);
    return n;
}

static zl_hx *object(zl_hparser *p, uint32_t start)
{
    zl_hp_skip_nl(p, 1);
    zl_hx *n;
    if (for_ahead(p)) {
        n = for_expr(p, start, true, "}");
    } else {
        n = zl_hp_node(p, ZL_HX_OBJECT, start);
        while (!p->failed && !zl_hp_punct(p, "}")) {
            zl_hx *key = zl_hp_expr(p);
            if (!zl_hp_punct(p, "=") && !zl_hp_punct(p, ":")) {
                unexpected(p, zl_hp_peek(p), "'=' after the key");
                break;
            }
            zl_hp_next(p);
            zl_hp_kid(p, n, key);
            zl_hp_kid(p, n, zl_hp_expr(p));
            if (zl_hp_punct(p, ","))
                zl_hp_next(p);
        }
        zl_htok close = zl_hp_peek(p);
        if (expect(p, "}", "'}' closing the object"))
            n->end = close.end;
    }
    zl_hp_skip_nl(p, -1);
    return n;
}

static zl_hx *paren(zl_hparser *p, uint32_t start)
{
    zl_hx *n = zl_hp_node(p, ZL_HX_PAREN, start);
    zl_hp_skip_nl(p, 1);
    zl_hp_kid(p, n, zl_hp_expr(p));
    zl_htok close = zl_hp_peek(p);
    if (expect(p, ")", "')'"))
        n->end = close.end;
    zl_hp_skip_nl(p, -1);
    return n;
}

static bool term_start(zl_hparser *p, zl_htok k)
{
    return k.kind == ZL_HT_NUMBER || k.kind == ZL_HT_OQUOTE || k.kind == ZL_HT_HEREDOC ||
           k.kind == ZL_HT_IDENT || tok_is(p, k, ZL_HT_PUNCT, "[") ||
           tok_is(p, k, ZL_HT_PUNCT, "{") || tok_is(p, k, ZL_HT_PUNCT, "(");
}

static zl_hx *term(zl_hparser *p)
{
    zl_htok k = zl_hp_peek(p);
    if (!term_start(p, k)) { /* left in place: a line break or '}' ends the item */
        unexpected(p, k, "an expression");
        return error_node(p, k.start);
    }
    zl_hp_next(p);
    zl_hx *n;
    switch (k.kind) {
    case ZL_HT_NUMBER:
        n = zl_hp_node(p, ZL_HX_NUMBER, k.start);
        n->num = strtod(p->t + k.start, NULL);
        n->end = k.end;
        return n;
    case ZL_HT_OQUOTE:
        return zl_hp_quoted(p, k.start);
    case ZL_HT_HEREDOC:
        return zl_hp_heredoc(p, k);
    case ZL_HT_IDENT:
        break;
    case ZL_HT_PUNCT:
        if (tok_is(p, k, ZL_HT_PUNCT, "["))
            return tuple(p, k.start);
        if (tok_is(p, k, ZL_HT_PUNCT, "{"))
            return object(p, k.start);
        return paren(p, k.start);
    default:
        return error_node(p, k.start); /* not reached: term_start */
    }
    uint32_t end = k.end;
    /* provider::NAME::FUNCTION, a provider-defined function */
    while (end + 2 < p->len && p->t[end] == ':' && p->t[end + 1] == ':' &&
           zl_hcl_id_start((unsigned char)p->t[end + 2])) {
        end += 3;
        while (end < p->len && zl_hcl_id_char((unsigned char)p->t[end]))
            end++;
        p->pos = end;
        p->has_la = false;
    }
    uint32_t n_len = end - k.start;
    const char *word = p->t + k.start;
    if (zl_hp_punct(p, "(")) {
        zl_hp_next(p);
        n = zl_hp_node(p, ZL_HX_CALL, k.start);
        n->name = word;
        n->nname = n_len;
        return args_node(p, n);
    }
    if (zl_text_eq(word, n_len, "true") || zl_text_eq(word, n_len, "false")) {
        n = zl_hp_node(p, ZL_HX_BOOL, k.start);
        n->num = word[0] == 't';
    } else if (zl_text_eq(word, n_len, "null")) {
        n = zl_hp_node(p, ZL_HX_NULL, k.start);
    } else {
        n = zl_hp_node(p, ZL_HX_VAR, k.start);
        n->name = word;
        n->nname = n_len;
    }
    n->end = end;
    return n;
}

/* One traversal step on base: .name, .N, [index]; false when none follows.
 * splat_attr: inside an attribute splat, where only .name steps belong. */
static bool traversal(zl_hparser *p, zl_hx **base, bool splat_attr)
{
    zl_hx *b = *base;
    if (zl_hp_punct(p, ".")) {
        zl_htok dot = zl_hp_peek(p);
        zl_htok k = zl_hcl_lex(p->t, p->len, dot.end);
        if (tok_is(p, k, ZL_HT_PUNCT, "*"))
            return false; /* a splat: the caller's */
        zl_hp_next(p);
        zl_hp_next(p);
        zl_hx *n;
        if (k.kind == ZL_HT_IDENT) {
            n = zl_hp_node(p, ZL_HX_ATTR, b->start);
            n->name = p->t + k.start;
            n->nname = k.end - k.start;
        } else if (k.kind == ZL_HT_NUMBER) { /* the legacy list.0 */
            n = zl_hp_node(p, ZL_HX_INDEX, b->start);
            zl_hx *i = zl_hp_node(p, ZL_HX_NUMBER, k.start);
            i->num = strtod(p->t + k.start, NULL);
            i->end = k.end;
            zl_hp_kid(p, n, b);
            zl_hp_kid(p, n, i);
            *base = n;
            return true;
        } else {
            unexpected(p, k, "an attribute name after '.'");
            return false;
        }
        zl_hp_kid(p, n, b);
        n->end = k.end;
        *base = n;
        return true;
    }
    if (splat_attr || !zl_hp_punct(p, "["))
        return false;
    zl_htok open = zl_hp_peek(p);
    zl_htok star = zl_hcl_lex(p->t, p->len, open.end);
    if (tok_is(p, star, ZL_HT_PUNCT, "*"))
        return false;
    zl_hp_next(p);
    zl_hx *n = zl_hp_node(p, ZL_HX_INDEX, b->start);
    zl_hp_kid(p, n, b);
    zl_hp_skip_nl(p, 1);
    zl_hp_kid(p, n, zl_hp_expr(p));
    zl_htok close = zl_hp_peek(p);
    if (expect(p, "]", "']' closing the index"))
        n->end = close.end;
    zl_hp_skip_nl(p, -1);
    *base = n;
    return true;
}

/* .* or [*] after base, then the steps applied to every element. */
static bool splat(zl_hparser *p, zl_hx **base)
{
    zl_htok open = zl_hp_peek(p);
    bool attr = tok_is(p, open, ZL_HT_PUNCT, ".");
    if (!attr && !tok_is(p, open, ZL_HT_PUNCT, "["))
        return false;
    zl_htok star = zl_hcl_lex(p->t, p->len, open.end);
    if (!tok_is(p, star, ZL_HT_PUNCT, "*"))
        return false;
    zl_hp_next(p);
    zl_hp_next(p);
    uint32_t end = star.end;
    if (!attr) {
        zl_htok close = zl_hp_peek(p);
        if (!expect(p, "]", "']' after '[*'"))
            return false;
        end = close.end;
    }
    zl_hx *n = zl_hp_node(p, ZL_HX_SPLAT, (*base)->start);
    zl_hp_kid(p, n, *base);
    zl_hx *each = zl_hp_node(p, ZL_HX_ANCHOR, end);
    while (!p->failed && traversal(p, &each, attr))
        ;
    zl_hp_kid(p, n, each);
    if (n->end < end)
        n->end = end;
    *base = n;
    return true;
}

static zl_hx *postfix(zl_hparser *p)
{
    zl_hx *n = term(p);
    while (!p->failed && (traversal(p, &n, false) || splat(p, &n)))
        ;
    return n;
}

static zl_hx *unary(zl_hparser *p)
{
    zl_htok k = zl_hp_peek(p);
    if (tok_is(p, k, ZL_HT_PUNCT, "!") || tok_is(p, k, ZL_HT_PUNCT, "-")) {
        zl_hp_next(p);
        zl_hx *n = zl_hp_node(p, ZL_HX_UNARY, k.start);
        n->op = p->t[k.start];
        if (++p->depth > ZL_HCL_MAX_DEPTH) {
            zl_hp_error(p, k.start, 1, "expression nested too deeply");
            p->depth--;
            return n;
        }
        zl_hp_kid(p, n, unary(p));
        p->depth--;
        return n;
    }
    return postfix(p);
}

static const struct {
    const char *text;
    char op;
    int level;
} binops[] = {
    {"||", ZL_OP_OR, 1}, {"&&", ZL_OP_AND, 2}, {"==", ZL_OP_EQ, 3}, {"!=", ZL_OP_NE, 3},
    {"<", '<', 4},       {">", '>', 4},        {"<=", ZL_OP_LE, 4}, {">=", ZL_OP_GE, 4},
    {"+", '+', 5},       {"-", '-', 5},        {"*", '*', 6},       {"/", '/', 6},
    {"%", '%', 6},
};

static zl_hx *binary(zl_hparser *p, int level)
{
    if (level > 6)
        return unary(p);
    zl_hx *left = binary(p, level + 1);
    for (;;) {
        size_t i = 0, n = sizeof binops / sizeof binops[0];
        while (i < n && !(binops[i].level == level && zl_hp_punct(p, binops[i].text)))
            i++;
        if (i == n || p->failed)
            return left;
        zl_hp_next(p);
        zl_hx *b = zl_hp_node(p, ZL_HX_BINARY, left->start);
        b->op = binops[i].op;
        zl_hp_kid(p, b, left);
        zl_hp_kid(p, b, binary(p, level + 1));
        left = b;
    }
}

zl_hx *zl_hp_expr(zl_hparser *p)
{
    zl_htok at = zl_hp_peek(p);
    if (++p->depth > ZL_HCL_MAX_DEPTH) {
        zl_hp_error(p, at.start, 1, "expression nested too deeply");
        p->depth--;
        return error_node(p, at.start);
    }
    zl_hx *n = binary(p, 1);
    if (!p->failed && zl_hp_punct(p, "?")) {
        zl_hp_next(p);
        zl_hx *c = zl_hp_node(p, ZL_HX_COND, n->start);
        zl_hp_kid(p, c, n);
        zl_hp_kid(p, c, zl_hp_expr(p));
        if (expect(p, ":", "':' in the conditional"))
            zl_hp_kid(p, c, zl_hp_expr(p));
        n = c;
    }
    p->depth--;
    return n;
}

/* Bodies */

static zl_hcl_body *new_body(uint32_t start)
{
    zl_hcl_body *b = zl_xcalloc(1, sizeof *b);
    b->start = b->end = start;
    return b;
}

static void free_body(zl_hcl_body *b)
{
    if (!b)
        return;
    for (size_t i = 0; i < b->n; i++) {
        free(b->items[i].labels);
        free_body(b->items[i].body);
    }
    free(b->items);
    free(b);
}

/* Skip what could not be read: to the next line break outside brackets, or
 * to the '}' that closes the body. */
static void resync(zl_hparser *p, bool top)
{
    int depth = 0;
    p->skip_nl = 0; /* bodies are never inside brackets */
    p->has_la = false;
    for (;;) {
        zl_htok k = zl_hp_peek(p);
        if (k.kind == ZL_HT_EOF || k.kind == ZL_HT_BAD_COMMENT)
            break;
        if (depth == 0 && k.kind == ZL_HT_NEWLINE) {
            zl_hp_next(p);
            break;
        }
        if (tok_is(p, k, ZL_HT_PUNCT, "{") || tok_is(p, k, ZL_HT_PUNCT, "[") ||
            tok_is(p, k, ZL_HT_PUNCT, "("))
            depth++;
        else if (tok_is(p, k, ZL_HT_PUNCT, "}") || tok_is(p, k, ZL_HT_PUNCT, "]") ||
                 tok_is(p, k, ZL_HT_PUNCT, ")")) {
            if (depth == 0 && !top && tok_is(p, k, ZL_HT_PUNCT, "}"))
                break;
            if (depth > 0)
                depth--;
        }
        zl_hp_next(p);
    }
    p->has_la = false;
    p->failed = false;
    p->strip_next = false;
}

/* The end of an item: a line break, the end of the file, or the '}' of a
 * one-line block. */
static void item_end(zl_hparser *p, bool top)
{
    zl_htok k = zl_hp_peek(p);
    if (k.kind == ZL_HT_NEWLINE)
        zl_hp_next(p);
    else if (k.kind != ZL_HT_EOF && !(!top && tok_is(p, k, ZL_HT_PUNCT, "}")))
        unexpected(p, k, "a line break after the item");
}

static bool label(zl_hparser *p, zl_htok k, zl_hcl_label *out)
{
    if (k.kind == ZL_HT_IDENT) {
        *out = (zl_hcl_label){p->t + k.start, k.end - k.start, k.start};
        return true;
    }
    uint32_t i = k.end;
    while (i < p->len && p->t[i] != '"' && p->t[i] != '\n')
        i += p->t[i] == '\\' && i + 1 < p->len && p->t[i + 1] != '\n' ? 2 : 1;
    if (i >= p->len || p->t[i] != '"') {
        zl_hp_error(p, k.start, i - k.start, "a block label that is not closed with '\"'");
        return false;
    }
    *out = (zl_hcl_label){p->t + k.end, i - k.end, k.end};
    p->pos = i + 1;
    p->has_la = false;
    return true;
}

static zl_hcl_body *body(zl_hparser *p, uint32_t start, bool top);

static void block_or_attr(zl_hparser *p, zl_hcl_body *b, zl_htok name, bool top)
{
    zl_hcl_item it = {.name = p->t + name.start, .nname = name.end - name.start,
                      .start = name.start};
    if (zl_hp_punct(p, "=")) {
        zl_hp_next(p);
        it.expr = zl_hp_expr(p);
        if (!p->failed)
            item_end(p, top);
        ZL_GROW(b->items, b->cap, b->n + 1);
        b->items[b->n++] = it;
        return;
    }
    size_t cap = 0;
    for (;;) {
        zl_htok k = zl_hp_peek(p);
        if (k.kind == ZL_HT_IDENT || k.kind == ZL_HT_OQUOTE || tok_is(p, k, ZL_HT_PUNCT, "{"))
            zl_hp_next(p); /* else left for resync: it may be the line break */
        if (k.kind == ZL_HT_IDENT || k.kind == ZL_HT_OQUOTE) {
            ZL_GROW(it.labels, cap, it.nlabels + 1);
            if (!label(p, k, &it.labels[it.nlabels]))
                break;
            it.nlabels++;
        } else if (tok_is(p, k, ZL_HT_PUNCT, "{")) {
            if (++p->depth > ZL_HCL_MAX_DEPTH) {
                zl_hp_error(p, k.start, 1, "blocks nested too deeply");
                p->depth--;
                break;
            }
            it.body = body(p, k.start, false);
            p->depth--;
            zl_htok close = zl_hp_peek(p);
            if (tok_is(p, close, ZL_HT_PUNCT, "}")) {
                zl_hp_next(p);
                it.body->end = close.end;
                item_end(p, top);
            } else {
                p->failed = false;
                zl_hp_error(p, k.start, 1, "this block is not closed with '}'");
            }
            break;
        } else {
            unexpected(p, k, it.nlabels ? "a label or '{'" : "'=' or a block label");
            break;
        }
    }
    if (it.body) {
        if (it.nlabels && it.nlabels < cap) /* a file of 100,000 blocks keeps them all */
            it.labels = zl_xrealloc(it.labels, it.nlabels * sizeof *it.labels);
        ZL_GROW(b->items, b->cap, b->n + 1);
        b->items[b->n++] = it;
    } else {
        free(it.labels);
    }
}

static zl_hcl_body *body(zl_hparser *p, uint32_t start, bool top)
{
    zl_hcl_body *b = new_body(start);
    for (;;) {
        zl_htok k = zl_hp_peek(p);
        if (k.kind == ZL_HT_NEWLINE) {
            zl_hp_next(p);
            continue;
        }
        if (k.kind == ZL_HT_EOF)
            break;
        if (!top && tok_is(p, k, ZL_HT_PUNCT, "}"))
            break;
        if (k.kind == ZL_HT_IDENT) {
            zl_hp_next(p);
            block_or_attr(p, b, k, top);
        } else {
            unexpected(p, k, "an attribute or a block");
        }
        if (p->failed)
            resync(p, top);
        if (k.kind == ZL_HT_BAD_COMMENT)
            break;
    }
    b->end = p->pos;
    if (b->n && b->n < b->cap) { /* as the labels: a block's few items, room for more */
        b->items = zl_xrealloc(b->items, b->n * sizeof *b->items);
        b->cap = b->n;
    }
    return b;
}

void zl_hcl_parse(zl_hcl_file *f, const char *text, size_t len)
{
    memset(f, 0, sizeof *f);
    f->text = text;
    f->len = len;
    zl_hparser p = {.f = f, .t = text, .len = len};
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        p.pos = 3;
    f->body = body(&p, 0, true);
}

void zl_hcl_free(zl_hcl_file *f)
{
    zl_arena_free(&f->nodes);
    for (size_t i = 0; i < f->ndiags; i++)
        free(f->diags[i].message);
    free(f->diags);
    free_body(f->body);
    memset(f, 0, sizeof *f);
}

const zl_hcl_item *zl_hcl_attr(const zl_hcl_body *b, const char *name)
{
    for (size_t i = 0; b && i < b->n; i++)
        if (b->items[i].expr && zl_text_eq(b->items[i].name, b->items[i].nname, name))
            return &b->items[i];
    return NULL;
}
