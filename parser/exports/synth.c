#include "parser/exports/synth.h"

#include <stdlib.h>
#include <string.h>


struct zl_synth_pending {
    const char *rule;
    uint32_t off, len;
    bool raw; /* off and len are export offsets */
    char *message, *hint;
    char *fix_text;
    uint32_t fix_off, fix_len;
};

void zl_lstr_free(zl_lstr *s)
{
    free(s->raw);
    memset(s, 0, sizeof *s);
}

zl_lstr zl_lstr_sub(const zl_lstr *s, size_t from, size_t to)
{
    return (zl_lstr){.p = s->p + from, .n = to - from, .raw = s->raw + from};
}

void zl_synth_init(zl_synth *s, const char *real, size_t len)
{
    memset(s, 0, sizeof *s);
    s->real.text = (char *)real;
    s->real.len = len;
    s->next_raw = ZL_NONE;
    s->shares = ZL_NONE;
}

void zl_synth_share(zl_synth *s, const zl_zoneset *zs, uint32_t src)
{
    const zl_source *first = zs->srcs[src];
    s->shares = src;
    s->real.lines = first->dlines;
    s->real.nlines = first->ndlines;
}

void zl_synth_free(zl_synth *s)
{
    zl_buf_free(&s->text);
    free(s->map);
    if (s->shares == ZL_NONE)
        free(s->real.lines);
    for (size_t i = 0; i < s->ndiags; i++) {
        free(s->diags[i].message);
        free(s->diags[i].hint);
        free(s->diags[i].fix_text);
    }
    free(s->diags);
    memset(s, 0, sizeof *s);
}

/* Line and column of export offset raw. `terraform show -json` writes one
 * line of megabytes: columns are counted from the last position, forwards
 * or back, not from the start of the line each time. */
static void position(zl_synth *s, uint32_t raw, uint32_t *line, uint32_t *col)
{
    const char *t = s->real.text;
    zl_posmap *l = &s->last;
    uint32_t lo = raw < l->off ? raw : l->off, hi = raw < l->off ? l->off : raw;
    if (l->line && !memchr(t + lo, '\n', hi - lo)) {
        uint32_t chars = 0;
        for (uint32_t i = lo; i < hi; i++)
            chars += ((unsigned char)t[i] & 0xC0) != 0x80;
        l->col = raw < l->off ? l->col - chars : l->col + chars;
    } else {
        zl_source_position(&s->real, raw, &l->line, &l->col);
    }
    l->off = raw;
    *line = l->line;
    *col = l->col;
}

/* A map entry: the next byte of the text is at export offset raw. */
static void map_here(zl_synth *s, uint32_t raw)
{
    uint32_t at = raw > s->real.len ? (uint32_t)s->real.len : raw;
    zl_posmap m = {.off = zl_synth_off(s), .raw = at};
    position(s, at, &m.line, &m.col);
    if (s->nmap && s->map[s->nmap - 1].off == m.off) {
        s->map[s->nmap - 1] = m;
    } else {
        ZL_GROW(s->map, s->mcap, s->nmap + 1);
        s->map[s->nmap++] = m;
    }
    s->next_raw = raw;
}

void zl_synth_glue(zl_synth *s, const char *text)
{
    zl_buf_adds(&s->text, text);
    s->next_raw = ZL_NONE;
}

void zl_synth_mark(zl_synth *s, uint32_t raw)
{
    if (s->next_raw != raw)
        map_here(s, raw);
}

void zl_synth_put(zl_synth *s, const char *p, size_t n, uint32_t raw, uint32_t raw_len)
{
    zl_synth_mark(s, raw);
    /* Counting characters from the entry is right only while the text repeats
     * the export byte for byte on one line. */
    bool copied = n == raw_len && raw + n <= s->real.len && memcmp(p, s->real.text + raw, n) == 0;
    bool same = copied && !memchr(p, '\n', n);
    zl_posmap *m = s->nmap ? &s->map[s->nmap - 1] : NULL;
    if (copied && m && m->off + m->same == zl_synth_off(s) && m->raw + m->same == raw)
        m->same += (uint32_t)n;
    zl_buf_add(&s->text, p, n);
    s->next_raw = same ? raw + raw_len : ZL_NONE;
}

void zl_synth_verbatim(zl_synth *s, uint32_t from, uint32_t to)
{
    while (from < to) {
        const char *nl = memchr(s->real.text + from, '\n', to - from);
        uint32_t end = nl ? (uint32_t)(nl - s->real.text) + 1 : to;
        zl_synth_put(s, s->real.text + from, end - from, from, end - from);
        from = end;
    }
}

void zl_synth_copy(zl_synth *s, const zl_lstr *v, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++)
        zl_synth_put(s, v->p + i, 1, v->raw[i], v->raw[i + 1] - v->raw[i]);
}

static void pending(zl_synth *s, const char *rule, uint32_t off, uint32_t len, bool raw,
                    char *message, char *hint)
{
    ZL_GROW(s->diags, s->dcap, s->ndiags + 1);
    s->diags[s->ndiags++] = (zl_synth_pending){rule, off, len, raw, message, hint, NULL, 0, 0};
}

void zl_synth_diag_fix(zl_synth *s, const char *rule, uint32_t off, uint32_t len, char *message,
                       char *hint, uint32_t fix_off, uint32_t fix_len, const char *fix_text)
{
    pending(s, rule, off, len, false, message, hint);
    zl_synth_pending *d = &s->diags[s->ndiags - 1];
    d->fix_text = fix_text ? zl_xstrdup(fix_text) : NULL;
    d->fix_off = fix_off;
    d->fix_len = fix_len;
}

void zl_synth_diag(zl_synth *s, const char *rule, uint32_t off, uint32_t len, char *message,
                   char *hint)
{
    pending(s, rule, off, len, false, message, hint);
}

void zl_synth_diag_raw(zl_synth *s, const char *rule, uint32_t raw, uint32_t raw_len,
                       char *message, char *hint)
{
    pending(s, rule, raw, raw_len, true, message, hint);
}

void zl_synth_carry_comments(zl_synth *s, char marker)
{
    static const char kw[] = "zonelint-"; /* -disable-line, -disable-next-line, -removed: */
    const char *text = s->real.text, *end = text + s->real.len;
    for (const char *p = text; p < end;) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        const char *stop = eol ? eol : end, *c = p;
        while (c < stop && !(*c == marker && (c == p || c[-1] == ' ' || c[-1] == '\t')))
            c++;
        size_t n = (size_t)(stop - c);
        for (size_t k = 0; c < stop && k + sizeof kw - 1 <= n; k++)
            if (memcmp(c + k, kw, sizeof kw - 1) == 0) {
                zl_synth_glue(s, ";");
                zl_synth_put(s, c + 1, n - 1, (uint32_t)(c + 1 - text), (uint32_t)n - 1);
                zl_synth_glue(s, "\n");
                break;
            }
        p = eol ? eol + 1 : end;
    }
}

/* A diagnostic about export text the records do not contain points into a
 * comment that copies that text: the map then gives its real position. */
static void place_raw_diags(zl_synth *s)
{
    for (size_t i = 0; i < s->ndiags; i++) {
        zl_synth_pending *d = &s->diags[i];
        if (!d->raw)
            continue;
        zl_synth_glue(s, "\n; ");
        uint32_t off = zl_synth_off(s), len = 0;
        const char *p = s->real.text + d->off;
        while (len < d->len && d->off + len < s->real.len && p[len] != '\n' && p[len] != '\r')
            len++;
        zl_synth_put(s, p, len, d->off, len);
        zl_synth_mark(s, d->off + len);
        d->off = off;
        d->len = len;
    }
    zl_synth_glue(s, "\n");
}

/* The deepest name every owner lies at or below, above any underscore label
 * (_domainkey, _amazonses belong to the zone, they are not it). */
static zl_name_id guess_apex(const zl_zoneset *zs, const zl_zone *z)
{
    const zl_names *names = &zs->names;
    zl_name_id apex = ZL_NAME_NONE;
    for (size_t i = 0; i < z->nrecs; i++) {
        zl_name_id o = z->recs[i].owner;
        if (apex == ZL_NAME_NONE) {
            apex = o;
            continue;
        }
        unsigned da = zl_names_depth(names, apex), dn = zl_names_depth(names, o);
        zl_name_id a = zl_names_ancestor(names, apex, da < dn ? da : dn);
        zl_name_id b = zl_names_ancestor(names, o, da < dn ? da : dn);
        while (a != b) {
            a = zl_names_parent(names, a);
            b = zl_names_parent(names, b);
        }
        apex = a;
    }
    for (zl_name_id n = apex; n != ZL_NAME_NONE && n != ZL_NAME_ROOT;
         n = zl_names_parent(names, n)) {
        size_t len;
        const uint8_t *label = zl_names_label(names, n, &len);
        if (len && label[0] == '_')
            apex = zl_names_parent(names, n);
    }
    return apex == ZL_NAME_ROOT ? ZL_NAME_NONE : apex;
}

/* Where a fix can write into the export: the formats whose values zonelint
 * knows how to write back (master text copied verbatim, JSON strings, YAML
 * scalars); elsewhere no fix is offered. */
static zl_fix_text fix_text(const char *format)
{
    static const struct {
        const char *format;
        zl_fix_text how;
    } known[] = {
        {"route53", ZL_FIX_TEXT_JSON},         {"route53-changes", ZL_FIX_TEXT_JSON},
        {"octodns", ZL_FIX_TEXT_YAML},         {"cloudflare-bind", ZL_FIX_TEXT_MASTER},
        {"azure-zone", ZL_FIX_TEXT_MASTER},
    };
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
        if (strcmp(known[i].format, format) == 0)
            return known[i].how;
    return ZL_FIX_TEXT_NONE;
}

zl_zone *zl_synth_read(zl_synth *s, zl_zoneset *zs, const char *path, const char *format,
                       const zl_master_opts *o)
{
    place_raw_diags(s);
    size_t len = s->text.len;
    uint32_t src = zl_zoneset_add_source(zs, path, zl_buf_take(&s->text), len);
    zl_source *src_p = zs->srcs[src];
    if (s->shares != ZL_NONE) {
        const zl_source *first = zs->srcs[s->shares];
        src_p->display = first->display;
        src_p->dlines = first->dlines;
        src_p->display_shared = true;
    } else {
        src_p->display = zl_xstrndup(s->real.text, s->real.len);
        if (!s->real.lines)
            s->real.lines = zl_line_table(s->real.text, s->real.len, &s->real.nlines);
        src_p->dlines = s->real.lines;
    }
    src_p->display_len = s->real.len;
    src_p->ndlines = s->real.nlines;
    s->real.lines = NULL;
    src_p->map = s->map;
    src_p->nmap = s->nmap;
    src_p->fix_text = fix_text(format);
    s->map = NULL;
    s->nmap = s->mcap = 0;

    zl_zone *z = zl_read_master_source(zs, path, src, o);
    z->format = format;
    for (size_t i = 0; i < s->ndiags; i++) {
        zl_synth_pending *d = &s->diags[i];
        zl_diag_add(zs, d->rule, src, d->off, d->len, d->message, d->hint);
        zs->diags[zs->ndiags - 1].fix_text = d->fix_text;
        zs->diags[zs->ndiags - 1].fix_off = d->fix_off;
        zs->diags[zs->ndiags - 1].fix_len = d->fix_len;
        d->fix_text = NULL;
    }
    s->ndiags = 0;
    if (z->apex == ZL_NAME_NONE)
        z->apex = guess_apex(zs, z);
    if (s->skipped)
        z->scope = ZL_SCOPE_PART; /* a name may exist that the zone read lacks */
    zl_synth_free(s);
    return z;
}
