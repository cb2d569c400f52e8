/* Master-file text synthesised from a provider export, with a position map.
 *
 * A reader of a JSON or YAML export writes the records it finds as master-file
 * text and hands that text to the master reader, so every rule works on it
 * unchanged. Each piece of the text is written together with the place in the
 * export it stands for; the source then keeps the export as its display text
 * and the map (zl_posmap) from text offsets to the export's lines and columns,
 * so that findings point at the value in the export, not at line 1. */
#ifndef ZL_SYNTH_H
#define ZL_SYNTH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lint/model/model.h"
#include "parser/master/master.h"

/* A decoded string and where each of its bytes came from in the export: a
 * JSON string "\u00e9" decodes to two bytes that both stand for its escape. */
typedef struct zl_lstr {
    const char *p;  /* decoded bytes (not owned) */
    size_t n;
    uint32_t *raw;  /* n + 1 export offsets: one per byte, then the value's end */
} zl_lstr;

void zl_lstr_free(zl_lstr *s);
/* [from, to) of s as a string view with the same offsets (nothing copied). */
zl_lstr zl_lstr_sub(const zl_lstr *s, size_t from, size_t to);

typedef struct zl_synth_pending zl_synth_pending;

typedef struct zl_synth {
    zl_buf text;
    zl_posmap *map;
    size_t nmap, mcap;
    zl_source real;    /* a view of the export, for its line table */
    uint32_t next_raw; /* where the next byte continues the current map entry */
    zl_posmap last;    /* the last export position computed (off is its offset) */
    zl_synth_pending *diags;
    size_t ndiags, dcap;
    /* A record of the zone was read but not written (an alias, an ignored
     * record): the zone read holds only part of its names. */
    bool skipped;
    /* The source of an earlier zone of the same export (zl_synth_share), or
     * ZL_NONE. */
    uint32_t shares;
} zl_synth;

/* Start text for the export real (len bytes); real must outlive the synth. */
void zl_synth_init(zl_synth *s, const char *real, size_t len);
/* One more zone of an export that holds several (dnscontrol's domains, a
 * plan's hosted zones): it shares the copy of the file and its line table
 * with the zone read from it into source src, right after init. A copy
 * each made a file of 8,000 domains take minutes and gigabytes. */
void zl_synth_share(zl_synth *s, const zl_zoneset *zs, uint32_t src);
void zl_synth_free(zl_synth *s);

/* Offset of the next byte of the text. */
static inline uint32_t zl_synth_off(const zl_synth *s)
{
    return (uint32_t)s->text.len;
}
/* Text that stands for nothing in the export (separators, TTLs, classes). */
void zl_synth_glue(zl_synth *s, const char *text);
/* n bytes that stand for the export's bytes [raw, raw + raw_len). */
void zl_synth_put(zl_synth *s, const char *p, size_t n, uint32_t raw, uint32_t raw_len);
/* What follows stands for export offset raw (the end of a value, say). */
void zl_synth_mark(zl_synth *s, uint32_t raw);
/* The export's own text [from, to), copied (BIND-style exports). */
void zl_synth_verbatim(zl_synth *s, uint32_t from, uint32_t to);
/* Bytes [from, to) of v, each standing for its own place. */
void zl_synth_copy(zl_synth *s, const zl_lstr *v, size_t from, size_t to);

/* Suppression comments of the export (a YAML "# zonelint-disable-line RULE")
 * copied as master-file comments, so that they apply on their own lines. */
void zl_synth_carry_comments(zl_synth *s, char marker);

/* A problem found while synthesising, of the given rule: at text offsets, or
 * at export offsets for something the text does not contain. */
void zl_synth_diag(zl_synth *s, const char *rule, uint32_t off, uint32_t len, char *message,
                   char *hint);
/* The same with a certain fix: text bytes [fix_off, fix_off + fix_len)
 * become fix_text (copied; NULL for none). */
void zl_synth_diag_fix(zl_synth *s, const char *rule, uint32_t off, uint32_t len, char *message,
                       char *hint, uint32_t fix_off, uint32_t fix_len, const char *fix_text);
void zl_synth_diag_raw(zl_synth *s, const char *rule, uint32_t raw, uint32_t raw_len,
                       char *message, char *hint);

/* Read the text as a zone of the given format: the source shows the export,
 * the diagnostics are added, the export's own checks run. When no SOA,
 * $ORIGIN or --origin gives the apex, it is guessed from the owners. The
 * synth is freed. */
zl_zone *zl_synth_read(zl_synth *s, zl_zoneset *zs, const char *path, const char *format,
                       const zl_master_opts *o);

#endif
