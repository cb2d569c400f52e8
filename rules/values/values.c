/* value-whitespace and value-quoting: the debris of copy and paste. White
 * space at the ends of a value or inside a value that must be one token, and
 * quote marks that became data. */
#include "rules/values/values.h"

#include <ldns/ldns.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lint/engine/lint.h"
#include "parser/master/rdata.h"
#include "rules/rules.h"
#include "rules/values/txt.h"

const zl_rule zl_rule_value_whitespace = {
    .id = "value-whitespace",
    .severity = ZL_SEV_ERROR,
    .summary = "white space at the ends of a value, or inside a value that must be one token",
    .explanation =
        "Values pasted from a web page or an email often bring white space with them: a "
        "space after the opening quote, a line break before the closing one, a tab, a "
        "no-break or zero-width space. DNS keeps every octet, and the services that read "
        "the record compare exactly: SES does not find \" tokenvalue=\" when it looks for "
        "\"tokenvalue=\", a DKIM key with a zero-width space in it does not decode. zonelint "
        "reports white space at the start or end of a TXT value, and any white space inside "
        "a value that must be a single token: an SES verification token, a DKIM p= key, a "
        "domain-name target.",
    .hint = "delete the white space from the value",
};

const zl_rule zl_rule_value_quoting = {
    .id = "value-quoting",
    .severity = ZL_SEV_ERROR,
    .summary = "quote marks that became data, or a TXT value that lost its quotes",
    .explanation =
        "In a zone file, double quotes delimit a TXT string and are not part of it. "
        "Typographic quotes (“ ” ‘ ’) from a word processor are ordinary characters, so they "
        "end up inside the value. Escaped quotes (\"\\\"v=spf1 ...\\\"\") put literal quotes "
        "around it, the usual result of quoting a value that a tool quotes again. A domain "
        "name in quotes is not a name. And a TXT value written without quotes is split at "
        "every space into separate strings that receivers join without spaces, while a ';' "
        "in it starts a comment that silently drops the rest (as DigitalOcean exports do). "
        "zonelint reports each of these where it is.",
    .hint = "write the value once, between plain double quotes",
};

static bool starts_ci(const char *p, size_t n, const char *prefix)
{
    return zl_has_prefix_ci(p, n, prefix);
}

/* Values read by machines that must match exactly, token by token. */
typedef enum { VAL_PROSE, VAL_TOKEN, VAL_DKIM, VAL_STRUCTURED } value_kind;

static bool is_verification_token(const char *v, size_t n)
{
    const char *eq = memchr(v, '=', n);
    if (!eq)
        return false;
    static const char suffix[] = "-verification";
    size_t k = (size_t)(eq - v);
    return k > sizeof suffix - 1 && memcmp(eq - (sizeof suffix - 1), suffix,
                                           sizeof suffix - 1) == 0;
}

static value_kind classify(const zl_zoneset *zs, const zl_record *r, const char *v, size_t n)
{
    /* Skip leading blanks: a leading space must not hide what the value is. */
    size_t s;
    while (n && (s = zl_space_at(v, n)) > 0)
        v += s, n -= s;
    if (zl_owner_label_is(zs, r->owner, "_amazonses") || starts_ci(v, n, "amazonses:") ||
        is_verification_token(v, n))
        return VAL_TOKEN;
    zl_name_id parent = r->owner == ZL_NAME_ROOT ? ZL_NAME_NONE
                                                 : zl_names_parent(&zs->names, r->owner);
    if (starts_ci(v, n, "v=DKIM1") || zl_owner_label_is(zs, parent, "_domainkey"))
        return VAL_DKIM;
    if (starts_ci(v, n, "v=spf1") || starts_ci(v, n, "v=DMARC1") ||
        zl_owner_label_is(zs, r->owner, "_dmarc"))
        return VAL_STRUCTURED;
    return VAL_PROSE;
}

/* Octets that can start a space or a typographic quote (see zl_space_at,
 * zl_smart_quote_at): values are scanned octet by octet, and a call for
 * each of the hundreds in a key costs more than the rest of the check. */
static bool may_start_space(char c)
{
    return (unsigned char)c <= ' ' || (unsigned char)c >= 0xC2;
}

static bool may_start_quote(char c)
{
    return (unsigned char)c >= 0xC2;
}

static size_t find_space(const char *p, size_t n, size_t *len)
{
    for (size_t i = 0; i < n; i++)
        if (may_start_space(p[i]) && (*len = zl_space_at(p + i, n - i)) > 0)
            return i;
    return SIZE_MAX;
}

static bool is_exotic(unsigned char c)
{
    return c < ' ' || c >= 0xC2;
}

/* Whether p holds an octet that may start a typographic quote or a space
 * other than ' ' (a control, or UTF-8 from 0xC2). Most values hold none,
 * and then the octet-by-octet scans for those are skipped. Sixteen octets
 * are tested side by side (a DKIM key has hundreds), which compilers make a
 * few vector instructions of. */
static bool has_exotic(const char *p, size_t n)
{
    unsigned char any[16] = {0};
    size_t i = 0;
    for (; i + 16 <= n; i += 16)
        for (size_t k = 0; k < 16; k++) {
            unsigned char c = (unsigned char)p[i + k];
            any[k] |= (c < ' ') | (c >= 0xC2);
        }
    uint64_t w[2];
    memcpy(w, any, sizeof w);
    if (w[0] | w[1])
        return true;
    for (; i < n; i++)
        if (is_exotic((unsigned char)p[i]))
            return true;
    return false;
}

/* find_space, knowing whether p may hold a space other than ' '. */
static size_t find_space_in(const char *p, size_t n, size_t *len, bool exotic)
{
    if (exotic)
        return find_space(p, n, len);
    const char *sp = memchr(p, ' ', n);
    *len = 1;
    return sp ? (size_t)(sp - p) : SIZE_MAX;
}

static const char *space_name(const char *p, size_t len)
{
    unsigned char c = (unsigned char)p[0];
    if (len == 1)
        return c == ' ' ? "a space" : c == '\t' ? "a tab" : "a line break";
    if (len == 2)
        return "a no-break space";
    if ((unsigned char)p[1] == 0x80 && (unsigned char)p[2] >= 0x8B && (unsigned char)p[2] <= 0x8D)
        return "a zero-width character";
    if (c == 0xEF)
        return "a zero-width no-break space (byte order mark)";
    return "a Unicode space";
}

/* The p= value of a DKIM tag list: offset and length within v. */
static bool dkim_p(const char *v, size_t n, size_t *off, size_t *len)
{
    size_t i = 0;
    while (i < n) {
        size_t s = i;
        const char *semi = memchr(v + i, ';', n - i);
        i = semi ? (size_t)(semi - v) : n;
        size_t a = s;
        while (a < i && (v[a] == ' ' || v[a] == '\t'))
            a++;
        if (i - a >= 2 && (v[a] == 'p' || v[a] == 'P') && v[a + 1] == '=') {
            size_t b = a + 2, e = i;
            while (b < e && zl_space_at(v + b, e - b))
                b += zl_space_at(v + b, e - b);
            while (e > b && zl_space_before(v + b, e - b))
                e -= zl_space_before(v + b, e - b);
            *off = b;
            *len = e - b;
            return true;
        }
        i++;
    }
    return false;
}

/* White space at the end that the record's grammar allows, so receivers
 * read the record as written: spaces or tabs after the last tag of a DKIM
 * or DMARC tag-list (RFC 6376 3.2, RFC 7489 6.4), spaces after the last
 * term of an SPF record (RFC 7208 4.6.1: record = version terms *SP). */
static bool grammar_allows_end_space(value_kind kind, const char *v, size_t n, size_t w)
{
    size_t s = 0;
    while (s < n && (v[s] == ' ' || v[s] == '\t'))
        s++;
    bool spf = starts_ci(v + s, n - s, "v=spf1");
    if (kind != VAL_DKIM && !spf && !starts_ci(v + s, n - s, "v=DMARC1"))
        return false;
    for (size_t i = n - w; i < n; i++)
        if (v[i] != ' ' && (spf || v[i] != '\t'))
            return false;
    return true;
}

/* Octets [pos, pos + len) of the joined value, as a place in one token. */
static zl_value_at in_value(const zl_record *r, const size_t *starts, unsigned n, size_t pos,
                            size_t len)
{
    unsigned k = zl_txt_string_at(starts, n, pos);
    return (zl_value_at){zl_record_rd(r) + k, pos - starts[k], len, NULL};
}

static size_t ql_at(const char *val, size_t len, size_t pos)
{
    return zl_smart_quote_at(val + pos, len - pos);
}

static zl_value_at whole(unsigned tok)
{
    return (zl_value_at){tok, ZL_WHOLE_TOKEN, 0, NULL};
}

/* Whether a problem of rule needs its hint, message and fix; when it does
 * not, the sink hears of it bare (a file may hold one on every line). */
static bool wants(const zl_value_sink *sink, const zl_rule *rule)
{
    if (sink->details && sink->details(sink->ctx, rule))
        return true;
    sink->fn(sink->ctx, rule, (zl_value_at){0}, NULL, NULL);
    return false;
}

/* A fix of one edit: bytes [from, to) of the record's source become text. */
static zl_fix *fix_bytes(const zl_zone *z, const zl_record *r, zl_fix_safety safety,
                         uint32_t from, uint32_t to, const char *text)
{
    zl_fix *f = zl_fix_new(safety);
    zl_fix_replace(f, zl_record_src(z, r), from, to - from, text);
    return f;
}

/* where with a fix replacing its octets by text, when they lie inside one
 * string of the value (end: that string's decoded length). */
static zl_value_at fixed(const zl_zoneset *zs, const zl_zone *z, const zl_record *r,
                         zl_value_at where, size_t end, zl_fix_safety safety, const char *text)
{
    if (where.at + where.len > end)
        return where;
    zl_tok t = zl_record_tok(zs, z, r, where.tok);
    uint32_t from = zl_tok_raw_offset(&t, where.at);
    uint32_t to = zl_tok_raw_offset(&t, where.at + where.len);
    /* Written as an escape (\032), the octets were meant: only a person can
     * say they should go. */
    if (memchr(t.p + from, '\\', to - from))
        safety = ZL_FIX_UNSAFE;
    where.fix = fix_bytes(z, r, safety, t.off + from, t.off + to, text);
    return where;
}

/* Decoded length of string k of the value. */
static size_t string_end(const size_t *starts, unsigned n, size_t len, unsigned k)
{
    return (k + 1 < n ? starts[k + 1] : len) - starts[k];
}

/* in_value, with a fix that replaces the octets by text. */
static zl_value_at in_value_fixed(const zl_zoneset *zs, const zl_zone *z, const zl_record *r,
                                  const size_t *starts, unsigned n, size_t len, size_t pos,
                                  size_t plen, zl_fix_safety safety, const char *text)
{
    zl_value_at w = in_value(r, starts, n, pos, plen);
    unsigned k = w.tok - zl_record_rd(r);
    return fixed(zs, z, r, w, string_end(starts, n, len, k), safety, text);
}

/* True when the rdata tokens [a, b] are on one line: replacing them then
 * replaces no comment or line break. */
static bool one_line(const zl_zoneset *zs, const zl_zone *z, const zl_record *r, unsigned a,
                     unsigned b)
{
    zl_tok s = zl_record_rdata(zs, z, r, a), e = zl_record_rdata(zs, z, r, b);
    return !memchr(s.p, '\n', e.off + e.len - s.off);
}

/* Typographic quotes used as quotes around the whole value: as the opening
 * and closing marks of unquoted words on one line of a master file
 * (requote), they become plain quotes; elsewhere they go. NULL when the value
 * is not so. */
static zl_fix *smart_quote_fix(const zl_zoneset *zs, const zl_zone *z, const zl_record *r,
                               unsigned n, bool requote)
{
    zl_tok a = zl_record_rdata(zs, z, r, 0), b = zl_record_rdata(zs, z, r, n - 1);
    size_t an, bn;
    const char *ai = zl_tok_inner(&a, &an), *bi = zl_tok_inner(&b, &bn);
    size_t open = zl_smart_quote_at(ai, an);
    size_t close = bn >= 3 && zl_smart_quote_at(bi + bn - 3, 3) == 3 ? 3 : 0;
    if (!open || !close || a.quoted != b.quoted || (n == 1 && open + close > an) ||
        !one_line(zs, z, r, 0, n - 1))
        return NULL;
    for (unsigned i = 0; i < n; i++)
        if (zl_record_rdata(zs, z, r, i).quoted != a.quoted)
            return NULL;
    uint32_t src = zl_record_src(z, r);
    uint32_t o = (uint32_t)(ai - zl_record_rdata(zs, z, r, 0).p) + a.off;
    uint32_t c = (uint32_t)(bi + bn - 3 - b.p) + b.off;
    const char *mark = requote ? "\"" : "";
    zl_fix *f = zl_fix_new(ZL_FIX_SAFE);
    zl_fix_replace(f, src, o, (uint32_t)open, mark);
    zl_fix_replace(f, src, c, 3, mark);
    return f;
}

/* Escaped quotes just inside the plain ones of the first and last string
 * ("\"v=spf1 -all\""): both go. */
static zl_fix *escaped_quotes_fix(const zl_zoneset *zs, const zl_zone *z, const zl_record *r,
                                  unsigned n)
{
    zl_tok a = zl_record_rdata(zs, z, r, 0), b = zl_record_rdata(zs, z, r, n - 1);
    if (!a.quoted || !b.quoted || a.len < 4 || b.len < 4 || (n == 1 && a.len < 6) ||
        memcmp(a.p + 1, "\\\"", 2) != 0 || memcmp(b.p + b.len - 3, "\\\"", 2) != 0 ||
        (b.len >= 5 && b.p[b.len - 4] == '\\'))
        return NULL;
    zl_fix *f = zl_fix_new(ZL_FIX_SAFE);
    zl_fix_replace(f, zl_record_src(z, r), a.off + 1, 2, "");
    zl_fix_replace(f, zl_record_src(z, r), b.off + b.len - 3, 2, "");
    return f;
}

/* The words of an unquoted value on one line, as one quoted string. */
static zl_fix *quote_words_fix(const zl_zoneset *zs, const zl_zone *z, const zl_record *r,
                               unsigned n, const char *quoted)
{
    if (!one_line(zs, z, r, 0, n - 1))
        return NULL;
    zl_tok a = zl_record_rdata(zs, z, r, 0), b = zl_record_rdata(zs, z, r, n - 1);
    return fix_bytes(z, r, ZL_FIX_SAFE, a.off, b.off + b.len, quoted);
}


/* The words of an unquoted value, reported with the value quoted whole. */
static void report_words(const zl_zoneset *zs, const zl_zone *z, const zl_record *r,
                         const zl_tok *tok, unsigned n, unsigned first_unquoted,
                         const zl_value_sink *sink)
{
    zl_buf q = {0};
    for (unsigned i = 0; i < n; i++) {
        size_t il;
        const char *in = zl_tok_inner(&tok[i], &il);
        zl_buf_add(&q, i ? " " : "\"", 1);
        zl_buf_add(&q, in, il);
    }
    zl_buf_addc(&q, '"');
    zl_value_at at = whole(zl_record_rd(r) + first_unquoted);
    at.fix = quote_words_fix(zs, z, r, n, zl_buf_str(&q));
    sink->fn(sink->ctx, &zl_rule_value_quoting, at,
             zl_xasprintf("quote the value: %s", zl_buf_str(&q)),
             zl_xasprintf("TXT value without quotes: its %u words become separate strings, "
                          "joined without spaces",
                          n));
    zl_buf_free(&q);
}

/* A typographic quote at smart_pos of the value. */
static void report_smart_quote(const zl_zoneset *zs, const zl_zone *z, const zl_record *r,
                               const zl_txt_view *view, unsigned unquoted, bool edge_smart,
                               size_t smart_pos, const zl_value_sink *sink)
{
    const char *val = view->value.data;
    size_t len = view->value.len;
    unsigned n = view->n;
    const size_t *starts = view->starts;
    /* Plain quotes quote only where the value is written unquoted in a
     * master file; anywhere else they would be data too. */
    bool requote = unquoted && edge_smart && strcmp(z->format, "bind") == 0;
    zl_value_at at = in_value(r, starts, n, smart_pos, ql_at(val, len, smart_pos));
    at.fix = smart_pos == 0 ? smart_quote_fix(zs, z, r, n, requote) : NULL;
    sink->fn(sink->ctx, &zl_rule_value_quoting, at,
             zl_xstrdup(requote ? "replace the typographic quotes with plain double quotes (\")"
                                : "delete the typographic quotes (plain ones in their place "
                                  "would be data too)"),
             zl_xasprintf("typographic quote %.*s in the value: it is data, not quoting",
                          (int)zl_smart_quote_at(val + smart_pos, len - smart_pos),
                          val + smart_pos));
}

static void check_txt(const zl_zoneset *zs, const zl_zone *z, const zl_record *r,
                      const zl_txt_view *view, const zl_value_sink *sink)
{
    const zl_source *s = zs->srcs[zl_record_src(z, r)];
    unsigned n = view->n;
    if (n == 0)
        return;
    unsigned unquoted = 0, first_unquoted = 0;
    const zl_tok *tok = view->tok;
    const size_t *starts = view->starts;
    for (unsigned i = 0; i < n; i++) {
        zl_tok t = tok[i];
        if (!t.quoted && unquoted++ == 0)
            first_unquoted = i;
        if (i + 1 < n) {
            zl_tok u = tok[i + 1];
            if (t.off + t.len == u.off && (t.quoted || u.quoted) &&
                wants(sink, &zl_rule_value_quoting)) {
                zl_value_at at = whole(zl_record_rd(r) + i + 1);
                at.fix = fix_bytes(z, r, ZL_FIX_SAFE, u.off, u.off, " ");
                sink->fn(sink->ctx, &zl_rule_value_quoting, at,
                         zl_xstrdup("put a space between the strings"),
                         zl_xasprintf("strings run together without a space: %.*s%.*s",
                                      (int)(t.len > 30 ? 30 : t.len), t.p,
                                      (int)(u.len > 30 ? 30 : u.len), u.p));
            }
        }
    }
    const char *val = view->value.data;
    size_t len = view->value.len;
    value_kind kind = classify(zs, r, val, len);

    /* Words between typographic quotes: the quotes are the cause, reported below. */
    zl_tok first_tok = tok[0], last_tok = tok[n - 1];
    bool smart_edges = zl_smart_quote_at(first_tok.p, first_tok.len) > 0 ||
                       (last_tok.len >= 3 &&
                        zl_smart_quote_at(last_tok.p + last_tok.len - 3, 3) == 3);
    if (unquoted && n >= 2 && !smart_edges) {
        if (wants(sink, &zl_rule_value_quoting))
            report_words(zs, z, r, tok, n, first_unquoted, sink);
    } else if (unquoted) {
        /* An unquoted value followed by "; tag=...": the ';' began a comment. */
        zl_tok last = tok[n - 1];
        const char *p = last.p + last.len, *end = s->text + s->len;
        while (p < end && (*p == ' ' || *p == '\t'))
            p++;
        if (p < end && *p == ';') {
            const char *q = p + 1;
            while (q < end && (*q == ' ' || *q == '\t'))
                q++;
            const char *w = q;
            while (q < end && ((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z')))
                q++;
            if (q > w && q < end && *q == '=' && q - w <= 8 &&
                wants(sink, &zl_rule_value_quoting)) {
                const char *eol = memchr(p, '\n', (size_t)(end - p));
                size_t rest = eol ? (size_t)(eol - p) : (size_t)(end - p);
                while (rest && (p[rest - 1] == '\r' || p[rest - 1] == ' '))
                    rest--;
                zl_value_at at = whole(zl_record_rd(r) + n - 1);
                if (n == 1 && !memchr(p, '"', rest) && !memchr(p, '\\', rest)) {
                    char *all = zl_xasprintf("\"%.*s%.*s\"", (int)last.len, last.p, (int)rest, p);
                    at.fix = fix_bytes(z, r, ZL_FIX_SAFE, last.off,
                                       (uint32_t)(p + rest - s->text), all);
                    free(all);
                }
                sink->fn(sink->ctx, &zl_rule_value_quoting, at,
                         zl_xasprintf("quote the whole value: \"%.*s%.*s\"", (int)last.len, last.p,
                                      (int)rest, p),
                         zl_xasprintf("TXT value without quotes: the ';' after \"%.*s\" starts a "
                                      "comment, so the rest of the value is lost",
                                      (int)(last.len > 40 ? 40 : last.len), last.p));
            }
        }
    }

    /* Quote marks that are data. */
    size_t ql = 0;
    bool edge_smart = (ql = zl_smart_quote_at(val, len)) > 0;
    for (size_t k = 1; !edge_smart && k <= 3 && k <= len; k++)
        edge_smart = zl_smart_quote_at(val + len - k, k) == k;
    bool exotic = has_exotic(val, len);
    size_t smart_pos = SIZE_MAX;
    for (size_t i = 0; exotic && i < len && smart_pos == SIZE_MAX; i++)
        if (may_start_quote(val[i]) && zl_smart_quote_at(val + i, len - i))
            smart_pos = i;
    if (smart_pos != SIZE_MAX && (edge_smart || kind != VAL_PROSE)) {
        if (wants(sink, &zl_rule_value_quoting))
            report_smart_quote(zs, z, r, view, unquoted, edge_smart, smart_pos, sink);
    } else if (len >= 1 && (val[0] == '"' || val[len - 1] == '"') &&
               wants(sink, &zl_rule_value_quoting)) {
        zl_value_at at = in_value(r, starts, n, val[0] == '"' ? 0 : len - 1, 1);
        at.fix = escaped_quotes_fix(zs, z, r, n);
        sink->fn(sink->ctx, &zl_rule_value_quoting, at,
                 zl_xstrdup("remove the escaped quotes (\\\"): the outer quotes are enough"),
                 zl_xstrdup("literal quote marks are part of the value (escaped as \\\")"));
    } else if (len >= 2 && val[0] == '\'' && val[len - 1] == '\'' &&
               wants(sink, &zl_rule_value_quoting)) {
        sink->fn(sink->ctx, &zl_rule_value_quoting, whole(zl_record_rd(r)),
                 zl_xstrdup("use double quotes: single quotes do not quote in a zone file"),
                 zl_xstrdup("single quotes around the value are part of it"));
    }

    /* White space at the ends of the joined value. */
    size_t w = zl_space_at(val, len);
    if (w) {
        if (wants(sink, &zl_rule_value_whitespace))
            sink->fn(sink->ctx, &zl_rule_value_whitespace,
                     in_value_fixed(zs, z, r, starts, n, len, 0, w, ZL_FIX_SAFE, ""),
                     zl_xstrdup("delete the white space after the opening quote"),
                     zl_xasprintf("the value starts with %s", space_name(val, w)));
    } else if ((w = zl_space_before(val, len)) > 0 &&
               !grammar_allows_end_space(kind, val, len, w)) {
        if (wants(sink, &zl_rule_value_whitespace))
            sink->fn(sink->ctx, &zl_rule_value_whitespace,
                     in_value_fixed(zs, z, r, starts, n, len, len - w, w, ZL_FIX_SAFE, ""),
                     zl_xstrdup("delete the white space before the closing quote"),
                     zl_xasprintf("the value ends with %s", space_name(val + len - w, w)));
    } else {
        /* White space inside a value that must be one token. */
        size_t off = 0, tlen = len, sl = 0, at;
        bool one_token = kind == VAL_TOKEN || (kind == VAL_DKIM && dkim_p(val, len, &off, &tlen));
        const char *what = kind == VAL_TOKEN ? "the verification token" : "the DKIM p= key";
        if (one_token && (at = find_space_in(val + off, tlen, &sl, exotic)) != SIZE_MAX) {
            if (wants(sink, &zl_rule_value_whitespace))
                sink->fn(sink->ctx, &zl_rule_value_whitespace,
                         in_value_fixed(zs, z, r, starts, n, len, off + at, sl, ZL_FIX_SAFE, ""),
                         zl_xstrdup("delete the white space: the value must be one unbroken token"),
                         zl_xasprintf("%s inside %s", space_name(val + off + at, sl), what));
        } else if (exotic && kind != VAL_PROSE) {
            /* Plain spaces separate terms; anything else is paste debris. */
            for (at = 0; at < len; at += sl ? sl : 1) {
                sl = may_start_space(val[at]) ? zl_space_at(val + at, len - at) : 0;
                if (sl && val[at] != ' ') {
                    /* A plain space is likely meant, deleting it is as likely. */
                    if (wants(sink, &zl_rule_value_whitespace))
                        sink->fn(sink->ctx, &zl_rule_value_whitespace,
                                 in_value_fixed(zs, z, r, starts, n, len, at, sl,
                                                ZL_FIX_UNSAFE, " "),
                                 zl_xstrdup("replace it with a plain space, or delete it"),
                                 zl_xasprintf("%s inside the value", space_name(val + at, sl)));
                    break;
                }
            }
        }
    }
}

static void check_names(const zl_zoneset *zs, const zl_zone *z, const zl_record *r,
                        const zl_value_sink *sink)
{
    for (unsigned i = 0; i < zl_record_nrdata(r); i++) {
        if (!zl_rdata_field_is_name(r->type, i))
            continue;
        zl_tok t = zl_record_rdata(zs, z, r, i);
        /* A bare name without escapes (the usual one) is its own text. */
        zl_buf d = {0};
        const char *dv = t.p;
        size_t dn = t.len;
        if (t.quoted || memchr(t.p, '\\', t.len)) {
            zl_tok_decode(&t, &d);
            dv = d.data ? d.data : "";
            dn = d.len;
        }
        size_t sl, at = find_space_in(dv, dn, &sl, has_exotic(dv, dn));
        if (t.quoted && wants(sink, &zl_rule_value_quoting)) {
            zl_buf bare = {0};
            for (size_t k = 0; k < t.len - (t.len >= 2 ? 2 : 0); k++) {
                char c = t.p[1 + k];
                if (c != ' ' && c != '\t')
                    zl_buf_addc(&bare, c);
            }
            zl_value_at where = whole(zl_record_rd(r) + i);
            if (at == SIZE_MAX && bare.len && t.len >= 2 && !memchr(t.p, '\\', t.len))
                where.fix = fix_bytes(z, r, ZL_FIX_SAFE, t.off, t.off + t.len, zl_buf_str(&bare));
            sink->fn(sink->ctx, &zl_rule_value_quoting, where,
                     zl_xasprintf("write the name without quotes: %s", zl_buf_str(&bare)),
                     zl_xstrdup("domain name in quotes: the quotes are not part of a name"));
            zl_buf_free(&bare);
        }
        if (at != SIZE_MAX && wants(sink, &zl_rule_value_whitespace))
            sink->fn(sink->ctx, &zl_rule_value_whitespace,
                     fixed(zs, z, r, (zl_value_at){zl_record_rd(r) + i, at, sl, NULL}, dn,
                           ZL_FIX_SAFE, ""),
                     zl_xstrdup("delete the white space from the name"),
                     zl_xasprintf("%s inside the domain name", space_name(dv + at, sl)));
        zl_buf_free(&d);
    }
}

void zl_value_problems(const zl_zoneset *zs, const zl_zone *z, const zl_record *r,
                       const zl_value_sink *sink)
{
    if (r->flags & (ZL_REC_BAD_RDATA | ZL_REC_GENERIC))
        return;
    if (zl_is_txt_type(r->type)) {
        zl_txt_view v = {0};
        zl_txt_view_read(&v, zs, z, r);
        check_txt(zs, z, r, &v, sink);
        zl_txt_view_free(&v);
    } else if (zl_type_has_names(r->type)) {
        check_names(zs, z, r, sink);
    }
}

void zl_value_problems_txt(const zl_zoneset *zs, const zl_zone *z, const zl_record *r,
                           const zl_txt_view *v, const zl_value_sink *sink)
{
    if (!(r->flags & (ZL_REC_BAD_RDATA | ZL_REC_GENERIC)))
        check_txt(zs, z, r, v, sink);
}

typedef struct report_ctx {
    zl_lint *l;
    const zl_zone *z;
    const zl_record *r;
} report_ctx;

static void report(void *vctx, const zl_rule *rule, zl_value_at where, char *hint,
                   char *message)
{
    report_ctx *c = vctx;
    if (!message)
        return; /* a problem whose finding would be dropped (details) */
    if (where.at == ZL_WHOLE_TOKEN) {
        zl_report_tok_fix(c->l, rule, c->z, c->r, where.tok, hint, where.fix, "%s", message);
    } else {
        zl_tok t = zl_record_tok(c->l->zs, c->z, c->r, where.tok);
        uint32_t from = zl_tok_raw_offset(&t, where.at);
        uint32_t to = zl_tok_raw_offset(&t, where.at + where.len);
        zl_report_span_fix(c->l, rule, zl_record_src(c->z, c->r), t.off + from, to - from,
                           c->z, c->r, hint, where.fix, "%s", message);
    }
    free(message);
}

/* A finding the report would drop whatever its place (its rule off, or
 * silenced on the record's line) is not built. */
static bool details(void *vctx, const zl_rule *rule)
{
    const report_ctx *c = vctx;
    return zl_lint_would_report(c->l, rule, c->z, c->r);
}

static void run(zl_lint *l)
{
    zl_txt_view v = {0};
    for (size_t k = 0; k < l->zs->nzones; k++) {
        const zl_zone *z = l->zs->zones[k];
        size_t seg = 0;
        for (size_t i = 0; i < z->nrecs; i++) {
            const zl_record *r = &z->recs[i];
            zl_record_prefetch(l->zs, z, &seg, i, 0);
            report_ctx c = {l, z, r};
            zl_value_sink sink = {report, details, &c};
            if (zl_is_txt_type(r->type) && !(r->flags & (ZL_REC_BAD_RDATA | ZL_REC_GENERIC))) {
                zl_txt_view_read(&v, l->zs, z, r);
                zl_value_problems_txt(l->zs, z, r, &v, &sink);
            } else {
                zl_value_problems(l->zs, z, r, &sink);
            }
        }
    }
    zl_txt_view_free(&v);
}

static const zl_rule *const rules[] = {&zl_rule_value_whitespace, &zl_rule_value_quoting, NULL};
const zl_check zl_check_values = {.family = "values", .run = run, .rules = rules};
