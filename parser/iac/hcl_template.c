/* Templates: quoted strings and heredocs, with ${ interpolations } and
 * %{ if }/%{ for } directives, and the ~ strip markers beside them. Literal
 * text is kept as a span of the file; escapes are decoded when evaluated. */
#include <string.h>

#include "lint/util/util.h"
#include "parser/iac/hcl_parser.h"

typedef enum { END_QUOTE, END_HEREDOC, END_ELSE, END_ENDIF, END_ENDFOR, END_BAD } tpl_end;

typedef struct tpl {
    bool quoted;
    const char *marker; /* heredoc: the closing word */
    uint32_t nmarker;
} tpl;

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static void literal(zl_hparser *p, zl_hx *parts, uint32_t from, uint32_t to, const tpl *t)
{
    if (p->strip_next) {
        while (from < to && is_space(p->t[from]))
            from++;
        p->strip_next = false;
    }
    if (from >= to)
        return;
    zl_hx *lit = zl_hp_node(p, ZL_HX_LITERAL, from);
    lit->end = to;
    lit->flags = t->quoted ? ZL_HX_QUOTED : 0;
    zl_hp_kid(p, parts, lit);
}

/* "${~": the literal before loses its trailing white space. */
static void strip_before(zl_hx *parts, const char *text)
{
    if (!parts->nkids || parts->kids[parts->nkids - 1]->kind != ZL_HX_LITERAL)
        return;
    zl_hx *lit = parts->kids[parts->nkids - 1];
    while (lit->end > lit->start && is_space(text[lit->end - 1]))
        lit->end--;
}

/* After "${" or "%{": an optional "~", then the parser reads tokens. */
static void open_tag(zl_hparser *p, zl_hx *parts)
{
    p->pos += 2;
    if (p->pos < p->len && p->t[p->pos] == '~') {
        p->pos++;
        strip_before(parts, p->t);
    }
    p->has_la = false;
}

/* "}" or "~}" closing a tag; template text resumes after it. */
static bool close_tag(zl_hparser *p)
{
    if (zl_hp_punct(p, "~")) {
        zl_hp_next(p);
        p->strip_next = true;
    }
    zl_htok k = zl_hp_peek(p);
    if (!zl_hp_punct(p, "}")) {
        zl_hp_error(p, k.start, k.end - k.start, "expected '}' closing the template tag");
        return false;
    }
    zl_hp_next(p);
    return true;
}

/* At a line start of a heredoc: is this the closing marker's line? */
static bool heredoc_end(const zl_hparser *p, uint32_t i, const tpl *t, uint32_t *after)
{
    while (i < p->len && (p->t[i] == ' ' || p->t[i] == '\t'))
        i++;
    if (i + t->nmarker > p->len || memcmp(p->t + i, t->marker, t->nmarker) != 0)
        return false;
    i += t->nmarker;
    while (i < p->len && (p->t[i] == ' ' || p->t[i] == '\t' || p->t[i] == '\r'))
        i++;
    if (i < p->len && p->t[i] != '\n')
        return false;
    *after = i;
    return true;
}

static tpl_end parts(zl_hparser *p, zl_hx *out, const tpl *t);

static zl_hx *new_template(zl_hparser *p, uint32_t start, const tpl *t)
{
    zl_hx *n = zl_hp_node(p, ZL_HX_TEMPLATE, start);
    if (!t->quoted)
        n->flags |= ZL_HX_HEREDOC;
    return n;
}

static bool word(zl_hparser *p, zl_htok k, const char *w)
{
    return k.kind == ZL_HT_IDENT && zl_text_eq(p->t + k.start, k.end - k.start, w);
}

/* %{ if COND } ... [%{ else } ...] %{ endif } */
static void directive_if(zl_hparser *p, zl_hx *out, uint32_t start, const tpl *t)
{
    zl_hx *n = zl_hp_node(p, ZL_HX_TPL_IF, start);
    zl_hp_skip_nl(p, 1);
    zl_hp_kid(p, n, zl_hp_expr(p));
    zl_hp_kid(p, out, n);
    bool closed = !p->failed && close_tag(p);
    zl_hp_skip_nl(p, -1);
    if (!closed)
        return;
    zl_hx *then = new_template(p, p->pos, t);
    tpl_end e = parts(p, then, t);
    zl_hp_kid(p, n, then);
    if (e == END_ELSE) {
        zl_hx *other = new_template(p, p->pos, t);
        e = parts(p, other, t);
        zl_hp_kid(p, n, other);
    } else {
        zl_hp_kid(p, n, NULL);
    }
    if (e != END_ENDIF)
        zl_hp_error(p, start, 2, "%%{ if } without its %%{ endif }");
    n->end = p->pos;
}

/* %{ for [k,] v in COLL } ... %{ endfor } */
static void directive_for(zl_hparser *p, zl_hx *out, uint32_t start, const tpl *t)
{
    zl_hx *n = zl_hp_node(p, ZL_HX_TPL_FOR, start);
    zl_hp_kid(p, out, n);
    zl_hp_skip_nl(p, 1);
    zl_htok a = zl_hp_next(p);
    if (a.kind == ZL_HT_IDENT) {
        n->name2 = p->t + a.start;
        n->nname2 = a.end - a.start;
        if (zl_hp_punct(p, ",")) {
            zl_hp_next(p);
            zl_htok b = zl_hp_next(p);
            n->name = n->name2;
            n->nname = n->nname2;
            n->name2 = p->t + b.start;
            n->nname2 = b.end - b.start;
            if (b.kind != ZL_HT_IDENT)
                zl_hp_error(p, b.start, b.end - b.start, "expected a variable name");
        }
    } else {
        zl_hp_error(p, a.start, a.end - a.start, "expected a variable name after 'for'");
    }
    if (!p->failed && !word(p, zl_hp_next(p), "in"))
        zl_hp_error(p, a.start, a.end - a.start, "expected 'in' in the template for");
    if (!p->failed)
        zl_hp_kid(p, n, zl_hp_expr(p));
    bool closed = !p->failed && close_tag(p);
    zl_hp_skip_nl(p, -1);
    if (!closed)
        return;
    zl_hx *body = new_template(p, p->pos, t);
    if (parts(p, body, t) != END_ENDFOR)
        zl_hp_error(p, start, 2, "%%{ for } without its %%{ endfor }");
    zl_hp_kid(p, n, body);
    n->end = p->pos;
}

static tpl_end directive(zl_hparser *p, zl_hx *out, const tpl *t)
{
    uint32_t start = p->pos;
    open_tag(p, out);
    zl_htok k = zl_hp_next(p);
    static const struct {
        const char *w;
        tpl_end e;
    } ends[] = {{"else", END_ELSE}, {"endif", END_ENDIF}, {"endfor", END_ENDFOR}};
    for (size_t i = 0; i < sizeof ends / sizeof ends[0]; i++)
        if (word(p, k, ends[i].w))
            return close_tag(p) ? ends[i].e : END_BAD;
    if (++p->depth > ZL_HCL_MAX_DEPTH) {
        zl_hp_error(p, start, 2, "template directives nested too deeply");
    } else if (word(p, k, "if")) {
        directive_if(p, out, start, t);
    } else if (word(p, k, "for")) {
        directive_for(p, out, start, t);
    } else {
        zl_hp_error(p, k.start, k.end - k.start,
                    "expected if, for, else, endif or endfor after %%{");
    }
    p->depth--;
    return p->failed ? END_BAD : END_QUOTE; /* END_QUOTE: go on */
}

static void interpolation(zl_hparser *p, zl_hx *out)
{
    open_tag(p, out);
    zl_hp_skip_nl(p, 1);
    zl_hp_kid(p, out, zl_hp_expr(p));
    if (!p->failed)
        close_tag(p);
    zl_hp_skip_nl(p, -1);
}

/* Template text from p->pos to its end (closing quote, heredoc marker,
 * or a directive keyword that closes an enclosing directive). */
static tpl_end parts(zl_hparser *p, zl_hx *out, const tpl *t)
{
    uint32_t i = p->pos, lit = i;
    bool line_start = !t->quoted;
    while (!p->failed) {
        if (line_start) {
            uint32_t after;
            if (heredoc_end(p, i, t, &after)) {
                literal(p, out, lit, i, t);
                p->pos = after;
                p->has_la = false;
                return END_HEREDOC;
            }
            line_start = false;
        }
        if (i >= p->len || (t->quoted && p->t[i] == '\n')) {
            zl_hp_error(p, out->start, 1, t->quoted ? "a string that is not closed with '\"'"
                                                    : "a heredoc without its closing line");
            p->pos = i;
            p->has_la = false;
            return END_BAD;
        }
        char c = p->t[i];
        if (t->quoted && c == '"') {
            literal(p, out, lit, i, t);
            p->pos = i + 1;
            p->has_la = false;
            return END_QUOTE;
        }
        if (t->quoted && c == '\\' && i + 1 < p->len && p->t[i + 1] != '\n') {
            i += 2;
            continue;
        }
        if ((c == '$' || c == '%') && i + 2 < p->len && p->t[i + 1] == c && p->t[i + 2] == '{') {
            i += 3; /* $${ and %%{ stand for ${ and %{ */
            continue;
        }
        if ((c == '$' || c == '%') && i + 1 < p->len && p->t[i + 1] == '{') {
            literal(p, out, lit, i, t);
            p->pos = i;
            if (c == '$') {
                interpolation(p, out);
            } else {
                tpl_end e = directive(p, out, t);
                if (e != END_QUOTE)
                    return e;
            }
            i = lit = p->pos;
            continue;
        }
        if (c == '\n')
            line_start = true;
        i++;
    }
    return END_BAD;
}

/* The template text of n from offset from, to the end wanted (END_QUOTE
 * or END_HEREDOC); a directive keyword that closes nothing is an error at
 * [err, err + err_len). */
static void template_body(zl_hparser *p, zl_hx *n, const tpl *t, uint32_t from, tpl_end wanted,
                          uint32_t err, uint32_t err_len)
{
    p->pos = from;
    p->has_la = false;
    int saved = p->skip_nl;
    p->skip_nl = 0;
    p->strip_next = false;
    tpl_end e = parts(p, n, t);
    p->skip_nl = saved;
    p->has_la = false;
    if (e != wanted && e != END_BAD)
        zl_hp_error(p, err, err_len, "a template directive closes nothing that was opened");
    n->end = p->pos;
}

zl_hx *zl_hp_quoted(zl_hparser *p, uint32_t start)
{
    tpl t = {.quoted = true};
    zl_hx *n = new_template(p, start, &t);
    template_body(p, n, &t, start + 1, END_QUOTE, start, 1);
    return n;
}

zl_hx *zl_hp_heredoc(zl_hparser *p, zl_htok open)
{
    uint32_t m = open.start + 2;
    bool indented = p->t[m] == '-';
    m += indented;
    uint32_t me = m;
    while (me < p->len && zl_hcl_id_char((unsigned char)p->t[me]))
        me++;
    tpl t = {.quoted = false, .marker = p->t + m, .nmarker = me - m};
    zl_hx *n = new_template(p, open.start, &t);
    if (indented)
        n->flags |= ZL_HX_INDENTED;
    template_body(p, n, &t, open.end, END_HEREDOC, open.start, 2);
    return n;
}
