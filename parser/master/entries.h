/* The entries of one source, in text order, for the master reader.
 *
 * A large text is lexed on a second thread, which also finds each record's
 * layout and checks its rdata with ldns (rdata.h), batches ahead of the
 * reader: reading a large zone then keeps two cores busy, one lexing and
 * checking, the other interning names and storing records (which must stay
 * in one thread: name ids follow the order names are first seen). The
 * thread checks a batch only while it is three batches ahead of the reader;
 * the records it leaves, and those of a small text (lexed in place), are
 * checked after reading, on every core (validate.h). Which thread checks a
 * record changes nothing but the time.
 *
 * Either way the reader sees the same entries, and comments reach its
 * callback at the same point: while the entry holding them is fetched. */
#ifndef ZL_ENTRIES_H
#define ZL_ENTRIES_H

#include <stdbool.h>
#include <stddef.h>

#include "parser/master/layout.h"
#include "parser/master/lexer.h"
#include "parser/master/rdata.h"

typedef struct zl_read_entry {
    zl_entry e;        /* its tokens stay valid until the call after next */
    zl_layout lay;
    bool checked;      /* the rdata was checked: check holds the result */
    zl_rdata_result check; /* its message is the caller's to use or free */
} zl_read_entry;

typedef struct zl_entries zl_entries;

/* ahead: lex on a second thread (zl_entries_worth_ahead says when that
 * pays; the tests ask for it on smaller texts); gdnsd: TTLs are read as
 * gdnsd reads them (layout.h). */
zl_entries *zl_entries_open(const char *text, size_t len, bool ahead, bool gdnsd,
                            zl_comment_fn fn, void *ctx);
/* The next entry with at least one token or an error; false at the end,
 * where *out is not set. */
bool zl_entries_next(zl_entries *es, zl_read_entry *out);
/* Stops the thread (the reader may stop early) and frees what was not returned. */
void zl_entries_close(zl_entries *es);

/* Whether a text of len octets is worth lexing ahead (zl_entries_open's
 * ahead): with more than one job, from ZL_ENTRIES_AHEAD_MIN on. */
bool zl_entries_worth_ahead(size_t len);

/* The smallest text lexed ahead; below it a thread costs more than it
 * saves. The reader gains nothing from tokens lexed on another core (it
 * reads them from that core's cache: at 4 MB its records took as long as
 * lexing and reading them on one thread); the gain is the rdata checked
 * meanwhile, which pays for the thread only past some 6 MB (measured in
 * alternating runs, as after any other command: at 1 MB lexing ahead cost
 * a tenth more, at 5.8 MB the same, at 7.8 MB a tenth less). */
#define ZL_ENTRIES_AHEAD_MIN (6u * 1024u * 1024u)

#endif
