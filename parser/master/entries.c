#include "parser/master/entries.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lint/util/parallel.h"
#include "lint/util/util.h"

#define RING 6     /* batches in flight: two held by the reader, the others lexed ahead */
/* Entries a batch holds. The ring is memory every run touches afresh: at
 * 2048 a signed zone of 20,000 records read 20 % slower than at 1024, for
 * its page faults, and the 1M-record bench gained nothing from it. */
#define BATCH 1024

typedef struct comment {
    size_t off, len;
} comment;

/* One lexed entry of a batch: the entry without its tokens, which are
 * [tok, tok + e.n) of the batch's array; its comments a range of the
 * batch's too. */
typedef struct slot {
    zl_entry e;
    size_t tok;
    size_t com, ncom; /* comments lexed while lexing it */
    bool checked;     /* still holds its check result (not yet handed over) */
    zl_layout lay;
    zl_rdata_result check;
} slot;

typedef struct batch {
    slot *s;
    size_t n, cap;
    zl_lex_tok *toks;
    size_t ntoks, tcap;
    comment *coms;
    size_t ncoms, ccap;
    size_t tail; /* comments [tail, ncoms) follow the last entry */
    bool last;   /* the text ends in this batch */
} batch;

struct zl_entries {
    const char *text;
    size_t len;
    zl_comment_fn fn;
    void *ctx;
    bool gdnsd;
    bool threaded;

    /* In place: two entries, so that the one returned before stays valid. */
    zl_lexer lx;
    zl_entry keep[2];
    unsigned flip;

    /* Ahead: the lexing thread fills batch k in ring[k % RING]. */
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t ready, space;
    batch ring[RING];
    size_t filled;   /* batches published */
    size_t released; /* batches the reader is done with */
    bool stop;
    size_t seen;                /* batches known to be published, without the lock */
    size_t cur_batch, cur_slot; /* the next entry to hand out */
    size_t prev_batch;          /* the batch of the entry handed out last */
};

static void batch_comment(void *ctx, size_t off, size_t len)
{
    batch *b = ctx;
    ZL_GROW(b->coms, b->ccap, b->ncoms + 1);
    b->coms[b->ncoms++] = (comment){off, len};
}

/* The rdata check validate.c would make later, made here while the reader
 * is busy with names: only for an entry the reader will store as a record
 * (it frees the result of one it drops). */
static void check_ahead(const char *text, const zl_entry *e, slot *s, zl_tok **rd, size_t *cap)
{
    if (e->err || e->n == 0 || zl_entry_is_directive(text, e))
        return;
    const zl_layout *l = &s->lay;
    if (!l->type || l->type_tok >= e->n || e->n > UINT16_MAX)
        return;
    size_t first = l->type_tok + 1, n = e->n - first;
    ZL_GROW(*rd, *cap, n + 1);
    for (size_t k = 0; k < n; k++)
        (*rd)[k] = zl_lex_tok_view(text, &e->toks[first + k]);
    s->check = zl_rdata_check(l->type, *rd, (unsigned)n);
    s->checked = true;
}

/* Fill batch b from the lexer; false when the text is done. */
static bool fill(zl_entries *es, zl_lexer *lx, zl_entry *e, batch *b, bool check, zl_tok **rd,
                 size_t *cap)
{
    b->n = b->ntoks = b->ncoms = 0;
    b->last = false;
    lx->ctx = b;
    while (b->n < BATCH) {
        size_t com = b->ncoms;
        if (!zl_lex_entry(lx, e)) {
            b->tail = com;
            b->last = true;
            return false;
        }
        ZL_GROW(b->s, b->cap, b->n + 1);
        slot *s = &b->s[b->n++];
        *s = (slot){.e = *e,
                    .tok = b->ntoks,
                    .com = com,
                    .ncom = b->ncoms - com,
                    .lay = zl_entry_layout(es->text, e, es->gdnsd)};
        s->e.toks = NULL; /* the lexer's own array, reused for the next entry */
        s->e.cap = 0;
        ZL_GROW(b->toks, b->tcap, b->ntoks + e->n);
        if (e->n) /* an entry that is only an error has no tokens, nor may a batch */
            memcpy(b->toks + b->ntoks, e->toks, e->n * sizeof *e->toks);
        b->ntoks += e->n;
        if (check)
            check_ahead(es->text, e, s, rd, cap);
    }
    return true;
}

static void *lex_ahead(void *arg)
{
    zl_entries *es = arg;
    zl_lexer lx;
    zl_lexer_init(&lx, es->text, es->len, batch_comment, NULL);
    zl_entry e = {0};
    zl_tok *rd = NULL;
    size_t cap = 0;
    for (size_t k = 0;; k++) {
        pthread_mutex_lock(&es->mu);
        while (k - es->released >= RING && !es->stop)
            pthread_cond_wait(&es->space, &es->mu);
        bool stop = es->stop;
        /* Unless the reader has two batches in reserve, it may soon wait:
         * this one is only lexed, and validation checks its rdata after
         * reading. */
        bool check = k - es->released >= 3;
        pthread_mutex_unlock(&es->mu);
        if (stop)
            break;
        bool more = fill(es, &lx, &e, &es->ring[k % RING], check, &rd, &cap);
        pthread_mutex_lock(&es->mu);
        es->filled = k + 1;
        pthread_cond_signal(&es->ready);
        pthread_mutex_unlock(&es->mu);
        if (!more)
            break;
    }
    zl_entry_free(&e);
    free(rd);
    return NULL;
}

bool zl_entries_worth_ahead(size_t len)
{
    return zl_jobs() > 1 && len >= ZL_ENTRIES_AHEAD_MIN;
}

zl_entries *zl_entries_open(const char *text, size_t len, bool ahead, bool gdnsd,
                            zl_comment_fn fn, void *ctx)
{
    zl_entries *es = zl_xcalloc(1, sizeof *es);
    es->gdnsd = gdnsd;
    es->text = text;
    es->len = len;
    es->fn = fn;
    es->ctx = ctx;
    zl_lexer_init(&es->lx, text, len, fn, ctx);
    if (!ahead)
        return es;
    pthread_mutex_init(&es->mu, NULL);
    pthread_cond_init(&es->ready, NULL);
    pthread_cond_init(&es->space, NULL);
    es->threaded = pthread_create(&es->thread, NULL, lex_ahead, es) == 0;
    if (!es->threaded) {
        /* No thread to be had: lex in place, as for a small text. */
        pthread_mutex_destroy(&es->mu);
        pthread_cond_destroy(&es->ready);
        pthread_cond_destroy(&es->space);
    }
    return es;
}

static void replay(const zl_entries *es, const batch *b, size_t from, size_t to)
{
    for (size_t c = from; c < to && es->fn; c++)
        es->fn(es->ctx, b->coms[c].off, b->coms[c].len);
}

static bool next_ahead(zl_entries *es, zl_read_entry *out)
{
    /* Entries before the one handed out last are done with, and so are
     * their batches. */
    if (es->released < es->prev_batch) {
        pthread_mutex_lock(&es->mu);
        es->released = es->prev_batch;
        pthread_cond_signal(&es->space);
        pthread_mutex_unlock(&es->mu);
    }
    for (;;) {
        if (es->seen <= es->cur_batch) {
            pthread_mutex_lock(&es->mu);
            while (es->filled <= es->cur_batch)
                pthread_cond_wait(&es->ready, &es->mu);
            es->seen = es->filled;
            pthread_mutex_unlock(&es->mu);
        }
        batch *b = &es->ring[es->cur_batch % RING];
        if (es->cur_slot < b->n) {
            slot *s = &b->s[es->cur_slot++];
            replay(es, b, s->com, s->com + s->ncom);
            out->e = s->e;
            out->e.toks = b->toks ? b->toks + s->tok : NULL;
            out->lay = s->lay;
            out->checked = s->checked;
            out->check = s->check;
            s->checked = false;
            es->prev_batch = es->cur_batch;
            return true;
        }
        if (b->last) {
            replay(es, b, b->tail, b->ncoms);
            b->tail = b->ncoms; /* once */
            return false;
        }
        es->cur_batch++;
        es->cur_slot = 0;
    }
}

/* Every field of *out is set when an entry is handed out, and none is
 * zeroed first: zeroing the whole entry (a string instruction) was a third
 * of this call, once per entry. */
bool zl_entries_next(zl_entries *es, zl_read_entry *out)
{
    if (es->threaded)
        return next_ahead(es, out);
    zl_entry *e = &es->keep[es->flip];
    es->flip ^= 1u;
    if (!zl_lex_entry(&es->lx, e))
        return false;
    out->e = *e;
    out->lay = zl_entry_layout(es->text, e, es->gdnsd);
    out->checked = false;
    out->check = (zl_rdata_result){0};
    return true;
}

void zl_entries_close(zl_entries *es)
{
    if (es->threaded) {
        pthread_mutex_lock(&es->mu);
        es->stop = true;
        pthread_cond_signal(&es->space);
        pthread_mutex_unlock(&es->mu);
        pthread_join(es->thread, NULL);
        for (size_t k = 0; k < RING; k++) {
            batch *b = &es->ring[k];
            for (size_t i = 0; i < b->n; i++)
                if (b->s[i].checked)
                    free(b->s[i].check.message);
            free(b->s);
            free(b->toks);
            free(b->coms);
        }
        pthread_mutex_destroy(&es->mu);
        pthread_cond_destroy(&es->ready);
        pthread_cond_destroy(&es->space);
    }
    zl_entry_free(&es->keep[0]);
    zl_entry_free(&es->keep[1]);
    free(es);
}
