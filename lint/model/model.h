/* The record model every reader produces and every rule reads.
 *
 * A zone set holds the name table, the source texts and the zones. A record
 * does not copy its text: it keeps the offsets of its tokens in the source it
 * came from, so the text as written (trailing dot or not, quotes, escapes)
 * is always at hand, and positions are computed only for findings.
 *
 * Provider exports (JSON, YAML) are turned into master-file text by their
 * readers; such a source carries a position map from that text back to the
 * line and column of the value in the export, so rules never need to know
 * which format a record came from. */
#ifndef ZL_MODEL_H
#define ZL_MODEL_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lint/model/names.h"
#include "lint/model/publisher.h"

#define ZL_NONE UINT32_MAX

/* Text offset -> real position, for sources whose text was synthesised. */
typedef struct zl_posmap {
    uint32_t off;  /* offset in the synthesised text */
    uint32_t line; /* 1-based line in the real file */
    uint32_t col;  /* 1-based column in the real file */
    uint32_t raw;  /* offset in the real file */
    /* The text's bytes [off, off + same) repeat the real file's bytes
     * [raw, raw + same): only there can a fix edit the real file. */
    uint32_t same;
} zl_posmap;

/* How the replacement text of a fix is written into a source's real file. */
typedef enum zl_fix_text {
    ZL_FIX_TEXT_NONE = 0, /* fixes cannot be placed (generated text, say) */
    ZL_FIX_TEXT_MASTER,   /* the file is master-file text: as it is */
    ZL_FIX_TEXT_JSON,     /* inside a JSON string: escaped */
    ZL_FIX_TEXT_YAML,     /* inside a YAML scalar: only characters no style treats apart */
} zl_fix_text;

/* A `; zonelint-disable-line R` or `; zonelint-disable-next-line R` comment. */
typedef struct zl_suppression {
    uint32_t line;      /* the line the suppression applies to */
    uint32_t at_line;   /* the line the comment is on */
    uint32_t col;       /* column of the rule list, for messages */
    uint32_t off, len;  /* the rule list's octets in the source text */
    char *rules;        /* comma-separated rule ids as written */
} zl_suppression;

typedef struct zl_source {
    char *path;       /* as shown in findings */
    char *text;       /* master-file text the tokens point into, NUL-terminated */
    size_t mapped;    /* text is a mapping of this length (zl_fs_unmap), or 0: on the heap */
    size_t len;
    uint32_t *lines;  /* offset of each line of text; built when first needed */
    uint32_t nlines;
    _Atomic bool lines_ready; /* lines is built: checks on several threads ask */
    /* For synthesised text: the real file (shown under findings) and the map. */
    char *display;
    size_t display_len;
    uint32_t *dlines;
    uint32_t ndlines;
    bool display_shared; /* display and dlines are an earlier source's (another zone
                          * of the same export): not freed with this one */
    zl_posmap *map;
    size_t nmap;
    /* For $GENERATE expansions: the source whose lines are shown (the one
     * holding the $GENERATE line), instead of a copy of its text. */
    const struct zl_source *display_of;
    zl_fix_text fix_text; /* for sources with a map; plain files are master text */

    uint32_t parent;  /* source that $INCLUDEd this one, or ZL_NONE */
    char *identity;   /* the file itself, however reached (zl_fs): of an $INCLUDEd file, and of
                       * a master file given as input; NULL for stdin and exports */
    uint32_t zone;    /* index of the zone it belongs to */
    uint32_t nrecords;
    zl_name_id origin; /* origin in effect where the source starts */
    zl_suppression *supp;
    size_t nsupp, supp_cap;
    /* Names of `zonelint-removed: NAME` comments: SES records removed there
     * on purpose (lower case, without the final dot; relative or absolute). */
    char **removed_ok;
    size_t nremoved_ok, removed_ok_cap;
} zl_source;

enum {
    ZL_REC_OWNER_WRITTEN = 1 << 0, /* token 0 is the owner; else inherited */
    ZL_REC_TTL_WRITTEN = 1 << 1,
    ZL_REC_CLASS_WRITTEN = 1 << 2,
    ZL_REC_CLASS_FIRST = 1 << 3, /* the class was written before the TTL */
    ZL_REC_BAD_RDATA = 1 << 4,   /* reported as syntax-error; rules skip it */
    ZL_REC_GENERIC = 1 << 5,     /* rdata in RFC 3597 \# form */
    ZL_REC_OWNER_AT = 1 << 6,    /* owner written as @ */
    ZL_REC_WIDE = 1 << 7,        /* token offsets kept whole in zone->wide */
};

/* 24 octets: a million-record zone must fit in a few times its own size.
 * The source and origin of a record are kept per run of records (segments),
 * and its tokens (and the end of the last one) as 16-bit distances from its
 * first token. */
typedef struct zl_record {
    uint32_t start;    /* offset of the first token in the record's source */
    uint32_t tok;      /* the other tokens and the end: in zone->deltas, or zone->wide */
    zl_name_id owner;
    uint32_t ttl;
    uint16_t ntok;
    uint16_t type;
    uint16_t rclass;
    uint8_t flags;
    bool owner_absolute; /* the owner was written with its final dot */
} zl_record;

/* Index of the first rdata token, of the type token, of the TTL token
 * (ZL_NO_TOK when the TTL was not written). */
#define ZL_NO_TOK 0xFFu
static inline unsigned zl_record_rd(const zl_record *r)
{
    return 1u + !!(r->flags & ZL_REC_OWNER_WRITTEN) + !!(r->flags & ZL_REC_TTL_WRITTEN) +
           !!(r->flags & ZL_REC_CLASS_WRITTEN);
}
static inline unsigned zl_record_i_type(const zl_record *r)
{
    return zl_record_rd(r) - 1;
}
static inline unsigned zl_record_i_ttl(const zl_record *r)
{
    if (!(r->flags & ZL_REC_TTL_WRITTEN))
        return ZL_NO_TOK;
    return !!(r->flags & ZL_REC_OWNER_WRITTEN) +
           ((r->flags & ZL_REC_CLASS_FIRST) && (r->flags & ZL_REC_CLASS_WRITTEN));
}

/* A run of records read from one source with one origin. */
typedef struct zl_segment {
    uint32_t first; /* index of its first record */
    uint32_t src;
    zl_name_id origin;
} zl_segment;

/* A diagnostic found while reading (syntax errors, format-specific issues):
 * the readers record them here and rules/input/syntax.c turns them into findings. */
typedef struct zl_diag {
    const char *rule;  /* rule id, e.g. "syntax-error" */
    uint32_t src;      /* ZL_NONE for a file-level problem of path */
    uint32_t off;
    uint32_t len;
    char *path;        /* for file-level diagnostics */
    char *message;
    char *hint;
    /* A certain correction the reader knows: bytes [fix_off, fix_off +
     * fix_len) of the text become fix_text (NULL: none). */
    char *fix_text;
    uint32_t fix_off, fix_len;
} zl_diag;

/* How much of a zone a file holds: see lint/model/scope.h. */
typedef enum zl_scope {
    ZL_SCOPE_ZONE = 0, /* a master file read as a whole zone */
    ZL_SCOPE_EXPORT,   /* every record of a zone whose provider owns its SOA and NS */
    ZL_SCOPE_PART,     /* some records: an $INCLUDEd fragment, a change set, an IaC plan */
} zl_scope;

typedef struct zl_zone {
    char *path;         /* the file as given on the command line */
    const char *format; /* "bind", "route53", ... */
    zl_publisher publisher; /* who publishes it: how its text is meant */
    zl_scope scope;     /* how much of its zone it holds (lint/model/scope.h) */
    zl_name_id apex;    /* ZL_NAME_NONE until known */
    zl_name_id origin;  /* the origin the file started with */
    uint32_t src;       /* its top-level source */
    /* First place a relative name was read while no origin was known. */
    uint32_t no_origin_src;
    uint32_t no_origin_off;
    zl_record *recs;
    size_t nrecs, rcap;
    zl_name_id *names; /* per record: its first rdata name, interned when read */
    uint16_t *deltas; /* token offsets, then the last token's end, minus the start */
    size_t ndeltas, dcap;
    uint32_t *wide;   /* the same, whole, for records that reach 64 KiB past their start */
    size_t nwide, wcap;
    zl_segment *segs;
    size_t nsegs, segcap;
} zl_zone;

typedef struct zl_zoneset {
    zl_names names;
    zl_source **srcs;
    size_t nsrcs, scap;
    /* The sources by identity (zl_zoneset_set_identity): open addressing,
     * a source's index + 1 in each used slot, the first source of each. */
    uint32_t *by_identity;
    size_t identity_slots, nidentities;
    zl_zone **zones;
    size_t nzones, zcap;
    zl_diag *diags;
    size_t ndiags, dcap;
} zl_zoneset;

void zl_zoneset_init(zl_zoneset *zs);
void zl_zoneset_free(zl_zoneset *zs);

/* Take ownership of text (len bytes followed by a NUL) as a new source. */
uint32_t zl_zoneset_add_source(zl_zoneset *zs, const char *path, char *text, size_t len);
/* Give source src its identity (taken over). */
void zl_zoneset_set_identity(zl_zoneset *zs, uint32_t src, char *identity);
/* The first source given that identity, or NULL: a lookup, not a walk over
 * the sources ($INCLUDE asks at every include of a tree of thousands). */
const zl_source *zl_zoneset_find_identity(const zl_zoneset *zs, const char *identity);
zl_zone *zl_zoneset_add_zone(zl_zoneset *zs, const char *path, const char *format);
/* A zone no longer in zs->zones (joined into another one, say). */
void zl_zone_free(zl_zone *z);

void zl_diag_add(zl_zoneset *zs, const char *rule, uint32_t src, uint32_t off, uint32_t len,
                 char *message, char *hint);
void zl_diag_file(zl_zoneset *zs, const char *rule, const char *path, char *message,
                  char *hint);

/* Line starts of a text; *n receives the count. */
uint32_t *zl_line_table(const char *text, size_t len, uint32_t *n);

/* 1-based line and column (in characters) of a text offset, in the real file. */
void zl_source_position(const zl_source *s, uint32_t off, uint32_t *line, uint32_t *col);
/* Line and column of off + len, given those of off (the end of a span). */
void zl_source_span_end(const zl_source *s, uint32_t off, uint32_t len, uint32_t line, uint32_t col,
                        uint32_t *end_line, uint32_t *end_col);
/* The text of a 1-based line of the real file, without its line break. */
const char *zl_source_line(const zl_source *s, uint32_t line, size_t *len);

/* Tokens of a record. */
typedef struct zl_tok {
    const char *p; /* first byte, the quote included for a quoted string */
    uint32_t off;
    uint32_t len;
    bool quoted;
} zl_tok;

/* Append a record read from source src with the given origin; offs are the
 * offsets of its r->ntok tokens and then the end of the last one, name its
 * first rdata name (ZL_NAME_NONE when it has none or it is not a valid name). */
void zl_zone_add_record(zl_zone *z, const zl_record *r, uint32_t src, zl_name_id origin,
                        const uint32_t *offs, zl_name_id name);
/* The first domain name in a record's rdata (the target of a CNAME, NS, MX,
 * SRV or DNAME), as zl_rdata_name_lookup would find it, without the lookup. */
static inline zl_name_id zl_record_name(const zl_zone *z, const zl_record *r)
{
    return z->names[r - z->recs];
}
uint32_t zl_record_src(const zl_zone *z, const zl_record *r);
/* The origin relative names in the record's rdata are read against. */
zl_name_id zl_record_origin(const zl_zone *z, const zl_record *r);
/* 1-based line of the record's first token. */
uint32_t zl_record_line(const zl_zoneset *zs, const zl_zone *z, const zl_record *r);

zl_tok zl_record_tok(const zl_zoneset *zs, const zl_zone *z, const zl_record *r, unsigned i);

/* A check walks a zone's records in order and reads their text, each
 * record's far from the last one it read and so seldom in the cache: it
 * asks for the text of the record ZL_AHEAD places on (of the given type, or
 * any when type is 0) while it works on record i, which hides most of the
 * wait (a third of a check that reads TXT records' text). seg is the walk's
 * own place in z's segments, 0 at the start; i only grows. */
#define ZL_AHEAD 32
static inline void zl_record_prefetch(const zl_zoneset *zs, const zl_zone *z, size_t *seg,
                                      size_t i, uint16_t type)
{
    size_t at = i + ZL_AHEAD;
    if (at >= z->nrecs || (type && z->recs[at].type != type))
        return;
    while (*seg + 1 < z->nsegs && z->segs[*seg + 1].first <= at)
        ++*seg;
    __builtin_prefetch(zs->srcs[z->segs[*seg].src]->text + z->recs[at].start);
}
static inline unsigned zl_record_nrdata(const zl_record *r)
{
    return (unsigned)r->ntok - zl_record_rd(r);
}
static inline zl_tok zl_record_rdata(const zl_zoneset *zs, const zl_zone *z,
                                     const zl_record *r, unsigned i)
{
    return zl_record_tok(zs, z, r, zl_record_rd(r) + i);
}
/* Offset just past the record's last token. */
uint32_t zl_record_end(const zl_zone *z, const zl_record *r);

/* The content of a token with quotes removed and \X, \DDD escapes decoded. */
void zl_tok_decode(const zl_tok *t, zl_buf *out);
/* Offset in the token's text (from its first byte, the quote included) of
 * octet `decoded` of its decoded content: escapes take 2 or 4 bytes. */
uint32_t zl_tok_raw_offset(const zl_tok *t, size_t decoded);
/* The bytes between the quotes (or the whole bare token), escapes kept. */
static inline const char *zl_tok_inner(const zl_tok *t, size_t *len)
{
    if (t->quoted) {
        *len = t->len >= 2 ? t->len - 2 : 0;
        return t->p + 1;
    }
    *len = t->len;
    return t->p;
}

/* Type mnemonic ("TXT", "TYPE65280") into buf. */
const char *zl_type_name(uint16_t type, char *buf, size_t cap);

#endif
