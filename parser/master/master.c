#include "parser/master/master.h"

#include <ldns/ldns.h>
#include <stdlib.h>
#include <string.h>

#include "lint/util/parallel.h"
#include "parser/master/entries.h"
#include "parser/master/gdnsd.h"
#include "parser/master/generate.h"
#include "parser/master/name_text.h"
#include "parser/master/lexer.h"
#include "parser/master/rdata.h"
#include "parser/master/sniff.h"
#include "parser/master/suppress_comment.h"
#include "parser/master/template.h"
#include "parser/master/validate.h"

#define MAX_INCLUDE_DEPTH 32
/* Files one zone may $INCLUDE in all: a file that includes itself under
 * ever-longer relative paths would otherwise branch without end. */
#define MAX_INCLUDES 4096

/* A name parse_name read well, and the text it read it from: a zone that
 * writes every owner out (the signed root zone does) writes most of them
 * as the line before did, and reading the same text under the same origin
 * gives the same name. */
typedef struct owner_memo {
    const char *text; /* NULL: none; else in the text of source src */
    size_t len;
    uint32_t src;
    zl_name_id origin, id;
    bool absolute;
} owner_memo;

typedef struct reader {
    zl_zoneset *zs;
    zl_zone *z;
    const zl_master_opts *o;
    zl_publisher pub;
    zl_name_id zone_origin; /* the origin the zone starts with */
    zl_name_id origin;
    zl_name_id lead_origin; /* set by $ORIGIN before the first record */
    zl_name_id prev_owner;
    bool have_default_ttl, have_last_ttl;
    uint32_t default_ttl, last_ttl;
    uint16_t last_class;
    char **stack; /* identities of the files being read, for include loops */
    size_t depth, stack_cap;
    size_t includes;
    size_t bytes; /* text the zone has read, against ZL_MAX_ZONE_BYTES */
    bool full;    /* a limit was reached: the rest of the zone is not read */
    bool templated; /* the source being read has template markers */
    const zl_source *sniffed_of; /* the zone file, whose text was sniffed for gdnsd's syntax */
    zl_sniffed sniffed;
    zl_buf scratch;
    uint32_t *offs;
    size_t offs_cap;
    zl_prechecked pre; /* rdata checked while lexing ahead */
    zl_name_ahead ahead; /* the next entry's owner, looked up ahead */
    zl_name_ahead ahead_rdata; /* and its first rdata name */
    zl_suffix_memo suffixes; /* for looking names up ahead */
    owner_memo last;     /* the name parse_name read last */
} reader;

static void read_source(reader *rd, uint32_t src);

static void diag(reader *rd, uint32_t src, uint32_t off, uint32_t len, char *msg, char *hint)
{
    zl_diag_add(rd->zs, "syntax-error", src, off, len, msg, hint);
}

/* A file or expansion not read (a limit, a path outside the allowed
 * folders): the message says so and quotes none of the file. */
static void refused(reader *rd, uint32_t src, uint32_t off, uint32_t len, char *msg)
{
    zl_diag_add(rd->zs, "input-refused", src, off, len, msg,
                zl_xstrdup("see SECURITY.md for what zonelint reads and its limits"));
}

/* Count len more octets against the zone's limit; false (reported at the
 * token) once it is passed, and the zone is read no further. */
static bool budget(reader *rd, uint32_t src, const zl_lex_tok *t, size_t len)
{
    rd->bytes += len;
    if (rd->bytes <= ZL_MAX_ZONE_BYTES)
        return true;
    refused(rd, src, t->off, t->len,
            zl_xasprintf("not read: the zone's files, $INCLUDEs and $GENERATE expansions "
                         "come to more than %zu MiB, zonelint's limit",
                         ZL_MAX_ZONE_BYTES >> 20));
    rd->full = true;
    return false;
}

static const char *tok_cstr(reader *rd, const zl_source *s, const zl_lex_tok *t)
{
    zl_buf_reset(&rd->scratch);
    if (t->quoted)
        zl_buf_add(&rd->scratch, s->text + t->off + 1, t->len >= 2 ? t->len - 2 : 0);
    else
        zl_buf_add(&rd->scratch, s->text + t->off, t->len);
    return zl_buf_str(&rd->scratch);
}

static void note_no_origin(reader *rd, uint32_t src, uint32_t off)
{
    if (rd->z->no_origin_src == ZL_NONE) {
        rd->z->no_origin_src = src;
        rd->z->no_origin_off = off;
    }
}

/* A name as written: "@", absolute, or relative to the current origin.
 * *absolute (may be NULL) tells whether it was written with its final dot. */
static zl_name_id parse_name(reader *rd, uint32_t src, const zl_lex_tok *t, const char **why,
                             bool *absolute)
{
    const zl_source *s = rd->zs->srcs[src];
    if (t->quoted) {
        *why = "a name cannot be written in quotes";
        return ZL_NAME_NONE;
    }
    zl_name_id origin = rd->origin;
    size_t len = t->len, prefix;
    if (zl_publisher_is_gdnsd(rd->pub) && zl_gdnsd_zone_relative(s->text + t->off, len, &prefix)) {
        if (prefix == 0) {
            if (absolute)
                *absolute = false;
            if (rd->zone_origin == ZL_NAME_NONE)
                *why = "'@Z' stands for the zone's origin, which is not known here";
            return rd->zone_origin;
        }
        origin = rd->zone_origin;
        len = prefix;
    }
    const char *text = s->text + t->off;
    owner_memo *m = &rd->last;
    if (m->text && m->src == src && m->origin == origin && m->len == len && len == t->len &&
        memcmp(m->text, text, len) == 0) {
        if (absolute)
            *absolute = m->absolute;
        return m->id;
    }
    zl_name_read n = zl_name_from_text_ahead(&rd->zs->names, origin, text, len, &rd->ahead);
    if (n.needs_origin) {
        note_no_origin(rd, src, t->off);
        *why = t->len == 1 && s->text[t->off] == '@'
                   ? "'@' stands for the origin, which is not known here"
                   : n.why;
    } else if (n.why) {
        *why = n.why;
    }
    bool abs = n.absolute && !(t->len == 1 && s->text[t->off] == '@');
    if (absolute)
        *absolute = abs;
    if (!n.why && !n.needs_origin && n.id != ZL_NAME_NONE && len == t->len)
        *m = (owner_memo){.text = text, .len = len, .src = src, .origin = origin, .id = n.id,
                          .absolute = abs};
    return n.id;
}

static bool expect_args(reader *rd, uint32_t src, const zl_entry *e, size_t min, size_t max,
                        const char *what)
{
    size_t args = e->n - 1;
    const zl_lex_tok *d = &e->toks[0];
    if (args < min) {
        diag(rd, src, d->off, d->len,
             zl_xasprintf("%.*s needs %s", (int)d->len, rd->zs->srcs[src]->text + d->off, what),
             NULL);
        return false;
    }
    if (args > max) {
        const zl_lex_tok *x = &e->toks[max + 1];
        diag(rd, src, x->off, x->len,
             zl_xasprintf("unexpected '%.*s' after %.*s", (int)(x->len > 60 ? 60 : x->len),
                          rd->zs->srcs[src]->text + x->off, (int)d->len,
                          rd->zs->srcs[src]->text + d->off),
             NULL);
        return false;
    }
    return true;
}

static void set_origin(reader *rd, zl_name_id id)
{
    rd->origin = id;
    if (rd->z->nrecs == 0)
        rd->lead_origin = id;
}

static void do_include(reader *rd, uint32_t src, const zl_entry *e)
{
    zl_source *s = rd->zs->srcs[src];
    const zl_lex_tok *ft = &e->toks[1];
    char *rel = zl_xstrdup(tok_cstr(rd, s, ft));
    char *path = zl_path_beside(s->path, rel);
    free(rel);

    zl_name_id inc_origin = rd->origin;
    if (e->n == 3) {
        const char *why = NULL;
        inc_origin = parse_name(rd, src, &e->toks[2], &why, NULL);
        if (why) {
            diag(rd, src, e->toks[2].off, e->toks[2].len,
                 zl_xasprintf("bad $INCLUDE origin: %s", why), NULL);
            free(path);
            return;
        }
    }
    const zl_fs *fs = rd->o->fs;
    char *id = fs->identity(fs, path);
    for (size_t i = 0; i < rd->depth; i++) {
        if (strcmp(rd->stack[i], id) == 0) {
            diag(rd, src, ft->off, ft->len,
                 zl_xasprintf("$INCLUDE loop: %s is already being read", path),
                 zl_xstrdup("remove the $INCLUDE that leads back to a file being read"));
            free(id);
            free(path);
            return;
        }
    }
    if (rd->includes >= MAX_INCLUDES) {
        diag(rd, src, ft->off, ft->len,
             zl_xasprintf("more than %d $INCLUDEs in one zone", MAX_INCLUDES), NULL);
        free(id);
        free(path);
        return;
    }
    rd->includes++;
    if (rd->depth >= MAX_INCLUDE_DEPTH) {
        diag(rd, src, ft->off, ft->len,
             zl_xasprintf("$INCLUDE nested more than %d deep", MAX_INCLUDE_DEPTH), NULL);
        free(id);
        free(path);
        return;
    }
    char *data = NULL, *err = NULL;
    size_t len = 0;
    /* A file already included (by this zone or another) is not read again. */
    const zl_source *again = zl_zoneset_find_identity(rd->zs, id);
    zl_read_result got = ZL_READ_OK;
    if (again) {
        len = again->len;
        data = zl_xstrndup(again->text, len);
    } else {
        got = fs->read(fs, path, &data, &len, &err);
    }
    if (got == ZL_READ_REFUSED) {
        refused(rd, src, ft->off, ft->len,
                zl_xasprintf("$INCLUDE \"%.*s\" is not read: %s",
                             (int)(ft->len > 200 ? 200 : ft->len), s->text + ft->off,
                             zl_read_reason(err, path)));
    } else if (got == ZL_READ_FAILED) {
        diag(rd, src, ft->off, ft->len, zl_xasprintf("cannot read $INCLUDE file: %s", err),
             zl_xstrdup("$INCLUDE paths are relative to the including file"));
    }
    if (got != ZL_READ_OK || !budget(rd, src, ft, len)) {
        rd->z->scope = ZL_SCOPE_PART; /* its records, SOA and NS included, are not read */
        free(err);
        free(data);
        free(id);
        free(path);
        return;
    }
    /* A file several zones include is shown under the path it was first
     * read by, so that its findings are one finding, under one path. */
    uint32_t inc = zl_zoneset_add_source(rd->zs, again ? again->path : path, data, len);
    rd->zs->srcs[inc]->parent = src;
    zl_zoneset_set_identity(rd->zs, inc, zl_xstrdup(id));
    free(path);

    zl_name_id saved_origin = rd->origin, saved_owner = rd->prev_owner;
    rd->origin = inc_origin;
    ZL_GROW(rd->stack, rd->stack_cap, rd->depth + 1);
    rd->stack[rd->depth++] = id;
    read_source(rd, inc);
    free(rd->stack[--rd->depth]);
    /* RFC 1035 5.1: an included file never changes the parent's origin. */
    rd->origin = saved_origin;
    rd->prev_owner = saved_owner;
}

/* Read a $GENERATE expansion as a source of its own. Each generated token
 * points at the template token it comes from, and the lines shown under
 * findings are those of the file holding the $GENERATE. */
static void generated(reader *rd, uint32_t src, const zl_entry *e, zl_generate_result *g)
{
    zl_source *s = rd->zs->srcs[src];
    size_t per = e->n - 2;
    zl_posmap *at = zl_xmalloc(per * sizeof *at);
    for (size_t k = 0; k < per; k++)
        zl_source_position(s, e->toks[k + 2].off, &at[k].line, &at[k].col);
    uint32_t gen = zl_zoneset_add_source(rd->zs, s->path, g->text, g->len);
    zl_source *gs = rd->zs->srcs[gen];
    gs->parent = src;
    gs->map = zl_xmalloc((g->nstarts ? g->nstarts : 1) * sizeof *gs->map);
    for (size_t i = 0; i < g->nstarts; i++) {
        const zl_posmap *t = &at[i % per];
        gs->map[i] = (zl_posmap){.off = g->starts[i], .line = t->line, .col = t->col};
    }
    free(at);
    gs->nmap = g->nstarts;
    gs->display_of = s->display_of ? s->display_of : s;
    g->text = NULL;
    zl_generate_free(g);
    read_source(rd, gen);
}

static void directive(reader *rd, uint32_t src, const zl_entry *e)
{
    zl_source *s = rd->zs->srcs[src];
    const zl_lex_tok *d = &e->toks[0];
    const char *name = s->text + d->off;
    const char *why = NULL;

    if (zl_publisher_is_gdnsd(rd->pub) && zl_gdnsd_directive(name, d->len)) {
        return; /* limits how many addresses an answer holds: no data */
    } else if (zl_ascii_ieq(name, d->len, "$ORIGIN")) {
        if (!expect_args(rd, src, e, 1, 1, "a domain name"))
            return;
        zl_name_id id = parse_name(rd, src, &e->toks[1], &why, NULL);
        if (why)
            diag(rd, src, e->toks[1].off, e->toks[1].len,
                 zl_xasprintf("bad $ORIGIN: %s", why), NULL);
        else
            set_origin(rd, id);
    } else if (zl_ascii_ieq(name, d->len, "$TTL")) {
        if (!expect_args(rd, src, e, 1, 1, "a TTL"))
            return;
        uint32_t ttl;
        if (!zl_parse_ttl(s->text + e->toks[1].off, e->toks[1].len, &ttl, &why)) {
            diag(rd, src, e->toks[1].off, e->toks[1].len,
                 zl_xasprintf("bad $TTL '%.*s': %s", (int)e->toks[1].len,
                              s->text + e->toks[1].off, why),
                 NULL);
            return;
        }
        rd->default_ttl = ttl;
        rd->have_default_ttl = true;
    } else if (zl_ascii_ieq(name, d->len, "$INCLUDE")) {
        if (expect_args(rd, src, e, 1, 2, "a file name"))
            do_include(rd, src, e);
    } else if (zl_ascii_ieq(name, d->len, "$GENERATE")) {
        size_t left = rd->bytes < ZL_MAX_ZONE_BYTES ? ZL_MAX_ZONE_BYTES - rd->bytes : 0;
        uint32_t recs_left = rd->z->nrecs < ZL_MAX_ZONE_RECORDS
                                 ? ZL_MAX_ZONE_RECORDS - (uint32_t)rd->z->nrecs
                                 : 0;
        zl_generate_result g = zl_generate_expand(s->text, e->toks, e->n, left, recs_left);
        if (g.error) {
            if (g.refused)
                refused(rd, src, g.error_off, g.error_len, g.error);
            else
                diag(rd, src, g.error_off, g.error_len, g.error, NULL);
            g.error = NULL;
            rd->full = g.refused;
            zl_generate_free(&g);
            return;
        }
        rd->bytes += g.len;
        generated(rd, src, e, &g);
    } else {
        diag(rd, src, d->off, d->len,
             zl_xasprintf("unknown directive '%.*s'", (int)(d->len > 40 ? 40 : d->len), name),
             zl_xstrdup("known directives: $ORIGIN, $TTL, $INCLUDE, $GENERATE"));
    }
}

/* Whether the rdata of the type holds names found by position: not HIP's,
 * whose first field takes three tokens. */
static bool names_by_position(uint16_t type)
{
    return zl_type_has_names(type) && type != LDNS_RR_TYPE_HIP;
}

/* The first rdata field from k on (of n) that holds a name, or n. */
static size_t name_field_from(uint16_t type, size_t k, size_t n)
{
    while (k < n && !zl_rdata_field_is_name(type, (unsigned)k))
        k++;
    return k;
}

/* The text of a name token (between its quotes when it has them, which
 * the rdata check reports). */
static const char *name_token_text(const zl_source *s, const zl_lex_tok *t, size_t *len)
{
    zl_tok v = zl_lex_tok_view(s->text, t);
    return zl_tok_inner(&v, len);
}

/* Intern the names in the rdata now, while reading is single-threaded:
 * rules then only look names up. Bad names are left to the rdata check.
 * Returns the first of them (zl_record_name), read through what was looked
 * up ahead for it. */
static zl_name_id intern_rdata_names(reader *rd, uint32_t src, uint16_t type,
                                     const zl_lex_tok *toks, size_t n)
{
    const zl_source *s = rd->zs->srcs[src];
    zl_names *names = &rd->zs->names;
    zl_name_id first = ZL_NAME_NONE;
    if (!names_by_position(type))
        return first;
    size_t k0 = name_field_from(type, 0, n);
    for (size_t k = k0; k < n; k = name_field_from(type, k + 1, n)) {
        size_t len;
        const char *text = name_token_text(s, &toks[k], &len);
        if (k == k0 && rd->ahead_rdata.text == text)
            first = zl_name_from_text_ahead(names, rd->origin, text, len, &rd->ahead_rdata).id;
        else if (k == k0)
            first = zl_name_from_text_memo(names, &rd->suffixes, rd->origin, text, len).id;
        else
            zl_name_from_text_memo(names, &rd->suffixes, rd->origin, text, len);
    }
    return first;
}

/* A file that starts with its SOA under an absolute owner and sets no
 * origin is a zone named in the server's configuration (named.conf,
 * nsd.conf): the zone is the SOA's owner, whatever the file is called. */
static void soa_origin(reader *rd, uint32_t src, const zl_record *r)
{
    if (rd->o->origin_forced || src != rd->z->src || rd->z->nrecs != 0 ||
        rd->lead_origin != ZL_NAME_NONE || !r->owner_absolute)
        return;
    rd->origin = rd->zone_origin = r->owner;
    rd->z->origin = r->owner;
}

/* Store entry e as a record; false when it is not one (a diagnostic says
 * why, or a template stands for it). */
static bool add_record(reader *rd, uint32_t src, const zl_entry *e, const zl_layout *lay)
{
    zl_source *s = rd->zs->srcs[src];
    zl_zone *z = rd->z;
    const char *why = NULL;
    zl_record r = {0};

    if (rd->templated && zl_template_entry(s->text, e)) {
        /* The records the template makes are not read: the zone is held in
         * part. The owner, when it is written plainly, still carries to the
         * records that continue it. */
        z->scope = ZL_SCOPE_PART;
        zl_entry head = {.toks = e->toks, .n = 1};
        if (!e->blank_start && !zl_template_entry(s->text, &head)) {
            zl_name_id owner = parse_name(rd, src, &e->toks[0], &why, NULL);
            if (!why)
                rd->prev_owner = owner;
        }
        return false;
    }
    if (e->blank_start) {
        r.owner = rd->prev_owner;
        if (r.owner == ZL_NAME_NONE) {
            diag(rd, src, e->toks[0].off, e->toks[0].len,
                 zl_xstrdup("no owner name: the line starts with white space, so it "
                            "continues the previous owner, but there is none"),
                 zl_xstrdup("write the owner name at the start of the line"));
            return false;
        }
    } else {
        r.owner = parse_name(rd, src, &e->toks[0], &why, &r.owner_absolute);
        if (why) {
            diag(rd, src, e->toks[0].off, e->toks[0].len,
                 zl_xasprintf("bad owner name '%.*s': %s",
                              (int)(e->toks[0].len > 80 ? 80 : e->toks[0].len),
                              s->text + e->toks[0].off, why),
                 NULL);
            return false;
        }
        r.flags |= ZL_REC_OWNER_WRITTEN;
        if (e->toks[0].len == 1 && s->text[e->toks[0].off] == '@')
            r.flags |= ZL_REC_OWNER_AT;
        rd->prev_owner = r.owner;
    }

    uint32_t ttl = 0;
    bool have_ttl = lay->ttl_tok != ZL_LAYOUT_NONE, have_class = lay->class_tok != ZL_LAYOUT_NONE;
    if (have_ttl && lay->ttl_why) {
        const zl_lex_tok *t = &e->toks[lay->ttl_tok];
        diag(rd, src, t->off, t->len,
             zl_xasprintf("bad TTL '%.*s': %s", (int)(t->len > 40 ? 40 : t->len),
                          s->text + t->off, lay->ttl_why),
             NULL);
        return false;
    }
    if (have_ttl)
        ttl = lay->ttl;
    if (have_class) {
        r.rclass = lay->rclass;
        if (lay->class_first)
            r.flags |= ZL_REC_CLASS_FIRST;
    }
    size_t i = lay->type_tok;
    if (i >= e->n) {
        const zl_lex_tok *t = &e->toks[e->n - 1];
        diag(rd, src, t->off, t->len, zl_xstrdup("record type missing"), NULL);
        return false;
    }
    const zl_lex_tok *tt = &e->toks[i];
    r.type = lay->type;
    if (r.type == 0 && zl_publisher_is_gdnsd(rd->pub) &&
        zl_gdnsd_dynamic_type(s->text + tt->off, tt->len)) {
        /* A plugin answers: there is no data here to check, but the name
         * exists, so the zone read holds only part of its names. */
        z->scope = ZL_SCOPE_PART;
        return false;
    }
    if (r.type == 0) {
        diag(rd, src, tt->off, tt->len,
             zl_xasprintf("unknown record type '%.*s'", (int)(tt->len > 40 ? 40 : tt->len),
                          s->text + tt->off),
             zl_xstrdup("types unknown to zonelint can be written as TYPEnnn \\# LENGTH HEX "
                        "(RFC 3597)"));
        return false;
    }
    if (e->n > UINT16_MAX) {
        diag(rd, src, tt->off, tt->len,
             zl_xasprintf("record has %zu fields, more than zonelint reads", e->n), NULL);
        return false;
    }
    size_t first_rd = i + 1;
    size_t nrd = e->n - first_rd;
    if (r.type == LDNS_RR_TYPE_SOA)
        soa_origin(rd, src, &r);
    zl_name_id name = intern_rdata_names(rd, src, r.type, e->toks + first_rd, nrd);

    /* TTL: written, else $TTL, else the previous record's (RFC 1035), else
     * for the SOA its own minimum field (RFC 2308's fallback). */
    if (have_ttl) {
        r.flags |= ZL_REC_TTL_WRITTEN;
    } else if (rd->have_default_ttl) {
        ttl = rd->default_ttl;
    } else if (rd->have_last_ttl) {
        ttl = rd->last_ttl;
    } else if (r.type == LDNS_RR_TYPE_SOA && nrd == 7 &&
               zl_parse_ttl(s->text + e->toks[first_rd + 6].off, e->toks[first_rd + 6].len,
                            &ttl, &why)) {
        /* ttl is the SOA minimum */
    } else {
        diag(rd, src, e->toks[0].off, e->toks[0].len,
             zl_xstrdup("no TTL: the record has none, and no $TTL or earlier record gives one"),
             zl_xstrdup("add $TTL at the top of the file, or a TTL to this record"));
    }
    r.ttl = ttl;
    rd->last_ttl = ttl;
    rd->have_last_ttl = true;
    if (have_class) {
        r.flags |= ZL_REC_CLASS_WRITTEN;
        rd->last_class = r.rclass;
    } else {
        r.rclass = rd->last_class;
    }
    if (z->nrecs >= ZL_MAX_ZONE_RECORDS) {
        refused(rd, src, e->toks[0].off, e->toks[0].len,
                zl_xasprintf("not read: the zone holds %u records, zonelint's limit; the "
                             "rest of it is not read",
                             ZL_MAX_ZONE_RECORDS));
        rd->full = true;
        return false;
    }
    r.ntok = (uint16_t)e->n;
    ZL_GROW(rd->offs, rd->offs_cap, e->n + 1);
    for (size_t k = 0; k < e->n; k++)
        rd->offs[k] = e->toks[k].off;
    rd->offs[e->n] = e->toks[e->n - 1].off + e->toks[e->n - 1].len;
    zl_zone_add_record(z, &r, src, rd->origin, rd->offs, name);
    s->nrecords++;
    return true;
}

/* A record entry, with the rdata check made while it was lexed ahead, if
 * it was: noted for the record stored, dropped with an entry that is none. */
static void record(reader *rd, uint32_t src, zl_read_entry *re)
{
    if (!add_record(rd, src, &re->e, &re->lay) || !re->checked) {
        free(re->check.message);
        return;
    }
    zl_prechecked_add(&rd->pre, rd->zs, rd->z, (uint32_t)(rd->z->nrecs - 1), &re->check);
}

typedef struct comment_ctx {
    reader *rd;
    uint32_t src;
} comment_ctx;

static void on_comment(void *ctx, size_t off, size_t len)
{
    comment_ctx *c = ctx;
    zl_suppress_comment(c->rd->zs->srcs[c->src], (uint32_t)off, (uint32_t)len);
}

/* The first rdata name of an entry lexed ahead, looked up ahead like its
 * owner (intern_rdata_names interns it). */
static zl_name_ahead rdata_ahead(reader *rd, const zl_source *s, const zl_read_entry *re)
{
    const zl_layout *l = &re->lay;
    if (re->e.err || !names_by_position(l->type) || l->type_tok + 1 >= re->e.n)
        return (zl_name_ahead){0};
    const zl_lex_tok *rdata = re->e.toks + l->type_tok + 1;
    size_t n = re->e.n - l->type_tok - 1, k = name_field_from(l->type, 0, n);
    if (k == n)
        return (zl_name_ahead){0};
    size_t len;
    const char *text = name_token_text(s, &rdata[k], &len);
    return zl_names_look_ahead(&rd->zs->names, &rd->suffixes, rd->origin, text, len);
}

/* The owner of an entry lexed ahead, or the name of an $ORIGIN: a zone
 * generated with an $ORIGIN before each record interns a new name there. */
static zl_name_ahead owner_ahead(reader *rd, const zl_source *s, const zl_read_entry *re)
{
    const zl_entry *e = &re->e;
    if (e->err || e->blank_start || e->n == 0)
        return (zl_name_ahead){0};
    const zl_lex_tok *t = &e->toks[0];
    if (zl_entry_is_directive(s->text, e)) {
        if (e->n != 2 || !zl_ascii_ieq(s->text + t->off, t->len, "$ORIGIN"))
            return (zl_name_ahead){0};
        t = &e->toks[1];
    }
    return zl_names_look_ahead(&rd->zs->names, &rd->suffixes, rd->origin, s->text + t->off,
                               t->len);
}

/* A large zone file's name table starts with room for its first eighth at
 * about a name per 48 octets (zl_read_master_source). The zone shows its own
 * rate in its first eighth and half: the room follows it, so that the table
 * is rehashed about once instead of at each doubling (each rehash touches
 * the whole table). *at is the next offset to look from. */
#define FOLLOW_RATE_FROM ((size_t)1 << 20)
static void follow_name_rate(zl_names *names, const zl_source *s, size_t off, size_t before,
                             size_t *at)
{
    if (off < *at)
        return;
    double rate = (double)(names->n - before) / (double)off;
    zl_names_reserve(names, names->n + (size_t)(rate * (double)(s->len - off)));
    *at = *at < s->len / 2 ? s->len / 2 : SIZE_MAX;
}

static void read_source(reader *rd, uint32_t src)
{
    zl_source *s = rd->zs->srcs[src];
    size_t names_before = rd->zs->names.n;
    size_t rate_at = s->len >= FOLLOW_RATE_FROM ? s->len / 8 : SIZE_MAX;
    s->zone = (uint32_t)(rd->zs->nzones - 1);
    s->origin = rd->origin;
    size_t len;
    bool outer_templated = rd->templated;
    zl_sniffed sn = rd->sniffed_of == s ? rd->sniffed : zl_sniff_master_text(s->text, s->len);
    rd->templated = sn.templated;
    len = sn.nul;
    if (len < s->len) {
        diag(rd, src, (uint32_t)len, 1,
             zl_xstrdup("NUL byte: this is binary data, not a zone file; the rest of the "
                        "file is not read"),
             NULL);
    }

    comment_ctx cc = {rd, src};
    zl_entries *es = zl_entries_open(s->text, len, zl_entries_worth_ahead(len),
                                     zl_publisher_is_gdnsd(rd->pub), on_comment, &cc);
    /* One entry of lookahead: while an entry is processed, its successor's
     * owner and first rdata name are looked up as far as they can be
     * (name_text.h). */
    zl_read_entry e, next;
    zl_name_ahead upcoming = {0}, upcoming_rdata = {0};
    bool more = zl_entries_next(es, &next);
    while (more) {
        e = next;
        rd->ahead = upcoming;
        rd->ahead_rdata = upcoming_rdata;
        more = zl_entries_next(es, &next);
        upcoming = more ? owner_ahead(rd, s, &next) : (zl_name_ahead){0};
        upcoming_rdata = more ? rdata_ahead(rd, s, &next) : (zl_name_ahead){0};
        if (rd->full) {
            free(e.check.message);
            break;
        }
        if (e.e.n)
            follow_name_rate(&rd->zs->names, s, e.e.toks[0].off, names_before, &rate_at);
        if (e.e.err)
            diag(rd, src, (uint32_t)e.e.err_off, (uint32_t)e.e.err_len, zl_xstrdup(e.e.err), NULL);
        else if (zl_entry_is_directive(s->text, &e.e))
            directive(rd, src, &e.e);
        else
            record(rd, src, &e);
    }
    if (more)
        free(next.check.message);
    zl_entries_close(es);
    rd->templated = outer_templated;
}

/* The apex: --origin when given, else the owner of the SOA, else the
 * $ORIGIN that precedes every record, else the origin of the file name. */
static zl_name_id find_apex(const reader *rd)
{
    if (rd->o->origin_forced)
        return rd->o->origin;
    for (size_t i = 0; i < rd->z->nrecs; i++)
        if (rd->z->recs[i].type == LDNS_RR_TYPE_SOA)
            return rd->z->recs[i].owner;
    if (rd->lead_origin != ZL_NAME_NONE && !zl_publisher_is_gdnsd(rd->pub))
        return rd->lead_origin;
    return rd->zone_origin;
}

zl_zone *zl_read_master_text(zl_zoneset *zs, const char *path, char *text, size_t len,
                             const zl_master_opts *o)
{
    return zl_read_master_source(zs, path, zl_zoneset_add_source(zs, path, text, len), o);
}

zl_zone *zl_read_master_source(zl_zoneset *zs, const char *path, uint32_t src,
                               const zl_master_opts *o)
{
    zl_zone *z = zl_zoneset_add_zone(zs, path, "bind");
    z->src = src;
    const zl_source *s = zs->srcs[src];
    zl_sniffed sniffed = zl_sniff_master_text(s->text, s->len);
    z->publisher = o->publisher != ZL_PUB_AUTO ? o->publisher
                   : sniffed.gdnsd             ? ZL_PUB_GDNSD
                                               : ZL_PUB_BIND;
    zl_name_id origin = o->origin;
    /* gdnsd serves a zone file under its own name, even one label (wmnet). */
    if (zl_publisher_is_gdnsd(z->publisher) && !o->origin_forced && origin == ZL_NAME_NONE)
        origin = zl_gdnsd_zone_of(&zs->names, path);
    z->origin = origin;
    /* About one new name per 48 octets of a zone of short records: growing
     * the name table step by step would rehash it a dozen times. A large
     * zone gets room for its first eighth at that rate, and then for the rest
     * at its own (follow_name_rate): a zone of keys or signatures holds a
     * name per few hundred octets, and room for all of it at 48 was memory
     * zeroed and never used (40 ms of a 44 MB zone of DKIM keys). */
    size_t len = zs->srcs[src]->len;
    zl_names_reserve(&zs->names, zs->names.n + (len >= FOLLOW_RATE_FROM ? len / 8 : len) / 48);
    reader rd = {.zs = zs,
                 .z = z,
                 .o = o,
                 .pub = z->publisher,
                 .zone_origin = origin,
                 .origin = origin,
                 .lead_origin = ZL_NAME_NONE,
                 .prev_owner = ZL_NAME_NONE,
                 .last_class = LDNS_RR_CLASS_IN};
    ZL_GROW(rd.stack, rd.stack_cap, 1);
    rd.stack[rd.depth++] = o->fs->identity(o->fs, path);
    rd.bytes = zs->srcs[src]->len;
    rd.sniffed_of = s;
    rd.sniffed = sniffed;
    read_source(&rd, src);
    free(rd.stack[--rd.depth]);
    z->apex = find_apex(&rd);
    zl_validate_rdata(zs, z, &rd.pre);
    free(rd.stack);
    free(rd.offs);
    zl_buf_free(&rd.scratch);
    return z;
}

bool zl_read_master_file(zl_zoneset *zs, const char *path, const zl_master_opts *o,
                         zl_zone **out, char **err)
{
    char *data = NULL;
    size_t len = 0;
    if (o->fs->read(o->fs, path, &data, &len, err) != ZL_READ_OK)
        return false;
    *out = zl_read_master_text(zs, path, data, len, o);
    return true;
}
