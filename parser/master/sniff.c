#include "parser/master/sniff.h"

#include <pthread.h>
#include <stdint.h>
#include <string.h>

#include "lint/util/parallel.h"

/* A thread costs some 50 us; reading 1 MiB costs some 0.1 ms. */
#define SNIFF_APART ((size_t)1 << 20)

static bool blank(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '(' || c == ')';
}

/* word (n octets, its last one word's or alt) is at i of text as a whole
 * token: after a blank, the start or before, and before a blank or the end. */
static bool word_at(const char *t, size_t len, size_t i, const char *word, size_t n, char alt,
                    char before)
{
    return i + n <= len && memcmp(t + i, word, n - 1) == 0 &&
           (t[i + n - 1] == word[n - 1] || t[i + n - 1] == alt) &&
           (i == 0 || blank(t[i - 1]) || t[i - 1] == before) && (i + n == len || blank(t[i + n]));
}

/* Every finding starts at one of these octets: a NUL, a brace (each marker
 * holds one), '$', '@', or a 'D' before 'Y'. They are rare in zone files,
 * base64 keys included, so the text is tested 64 octets at a time by
 * arithmetic on 16 octets side by side, which compilers make a few vector
 * instructions of; the octets of a block that passes are then looked at one
 * by one. Reads p[0..BLOCK]. */
#define BLOCK 64
static bool block_may_hold(const unsigned char *p)
{
    unsigned char any[16] = {0};
    for (size_t j = 0; j < BLOCK; j += 16)
        for (size_t k = 0; k < 16; k++) {
            unsigned char c = p[j + k], next = p[j + k + 1];
            any[k] |= (c == 0) | (c == '{') | (c == '}') | (c == '$') | (c == '@') |
                      ((c == 'D') & (next == 'Y'));
        }
    uint64_t w[2];
    memcpy(w, any, sizeof w);
    return (w[0] | w[1]) != 0;
}

/* What [from, to) of the len octets of text holds; nul is SIZE_MAX when
 * it holds no NUL, and templated counts markers before its NUL only. */
typedef struct part {
    const char *text;
    size_t len, from, to;
    zl_sniffed found;
} part;

static void look_at(part *p, size_t i)
{
    const char *t = p->text;
    size_t len = p->len;
    zl_sniffed *f = &p->found;
    bool before_nul = f->nul == SIZE_MAX;
    switch (t[i]) {
    case '\0':
        if (before_nul)
            f->nul = i;
        break;
    case '{':
        f->templated |= before_nul && i + 1 < len && (t[i + 1] == '{' || t[i + 1] == '%');
        break;
    case '}':
        f->templated |= before_nul && i > 0 && (t[i - 1] == '}' || t[i - 1] == '%');
        break;
    case '$':
        f->gdnsd |= word_at(t, len, i, "$ADDR_LIMIT_V4", 14, '6', ' ');
        break;
    case '@':
        f->gdnsd |= word_at(t, len, i, "@Z", 2, 'Z', '.');
        break;
    case 'D':
        f->gdnsd |= word_at(t, len, i, "DYNA", 4, 'C', ' ');
        break;
    default:
        break;
    }
}

static void *scan(void *arg)
{
    part *p = arg;
    const unsigned char *u = (const unsigned char *)p->text;
    p->found = (zl_sniffed){.nul = SIZE_MAX};
    size_t i = p->from;
    /* Past the first NUL only gdnsd's words are looked for. */
    for (; i + BLOCK < p->len && i + BLOCK <= p->to; i += BLOCK) {
        if (p->found.gdnsd && p->found.nul != SIZE_MAX)
            return NULL;
        if (block_may_hold(u + i))
            for (size_t k = i; k < i + BLOCK; k++)
                look_at(p, k);
    }
    for (; i < p->to; i++)
        look_at(p, i);
    return NULL;
}

zl_sniffed zl_sniff_master_text(const char *text, size_t len)
{
    size_t half = len / 2;
    part first = {text, len, 0, half, {0}}, second = {text, len, half, len, {0}};
    pthread_t other;
    bool apart = len >= SNIFF_APART && zl_jobs() > 1 &&
                 pthread_create(&other, NULL, scan, &second) == 0;
    scan(&first);
    if (apart)
        pthread_join(other, NULL);
    else
        scan(&second);
    const zl_sniffed *a = &first.found, *b = &second.found;
    size_t nul = a->nul != SIZE_MAX ? a->nul : b->nul != SIZE_MAX ? b->nul : len;
    return (zl_sniffed){.nul = nul,
                      .templated = a->templated || (a->nul == SIZE_MAX && b->templated),
                      .gdnsd = a->gdnsd || b->gdnsd};
}
