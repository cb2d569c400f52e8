/* Small helpers shared by every layer: checked allocation, a growable
 * string buffer and a growable array. Allocation failure is fatal: a linter
 * that runs out of memory cannot give a trustworthy answer. */
#ifndef ZL_UTIL_H
#define ZL_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include <string.h>

void *zl_xmalloc(size_t n);
void *zl_xcalloc(size_t n, size_t size);
/* n elements of size, not set (the product checked, as calloc does). */
void *zl_xmallocn(size_t n, size_t size);
/* n zeroed elements, written through: for a table that is read before it
 * is written (probed, or updated in place). calloc's fresh pages map the
 * shared zero page when first read, so the first write to each costs a
 * second fault, a copy, and a TLB flush on every thread of the process. */
void *zl_xzeroed(size_t n, size_t size);
void *zl_xrealloc(void *p, size_t n);
/* Ask for huge pages on the 2 MiB extents of the block [p, p + n): for a
 * large table probed at random, on 4 KiB pages nearly every probe also
 * misses the TLB. A hint the kernel may decline: only the time depends on it. */
void zl_huge_pages_hint(void *p, size_t n);
char *zl_xstrdup(const char *s);
char *zl_xstrndup(const char *s, size_t n);
char *zl_xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Grow *p (of *cap elements of size elem) so it holds at least need. */
void zl_grow(void **p, size_t *cap, size_t need, size_t elem);
#define ZL_GROW(arr, cap, need)                                                               \
    do {                                                                                      \
        if ((size_t)(need) > (cap))                                                           \
            zl_grow((void **)&(arr), &(cap), (need), sizeof *(arr));                          \
    } while (0)

typedef struct zl_buf {
    char *data;
    size_t len;
    size_t cap;
} zl_buf;

/* Inline: output and key building append a few characters at a time (the
 * JSON report of 100k findings makes four million appends). */
static inline void zl_buf_add(zl_buf *b, const void *p, size_t n)
{
    ZL_GROW(b->data, b->cap, b->len + n + 1);
    if (n)
        memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
}
static inline void zl_buf_addc(zl_buf *b, char c)
{
    ZL_GROW(b->data, b->cap, b->len + 2);
    b->data[b->len++] = c;
    b->data[b->len] = '\0';
}
static inline void zl_buf_adds(zl_buf *b, const char *s)
{
    zl_buf_add(b, s, strlen(s));
}
/* Room for n more octets at the end: write them at the pointer returned,
 * then zl_buf_used(b, n). Output composed a few octets at a time grows the
 * buffer once per piece this way, not once per octet. */
static inline char *zl_buf_room(zl_buf *b, size_t n)
{
    ZL_GROW(b->data, b->cap, b->len + n + 1);
    return b->data + b->len;
}
static inline void zl_buf_used(zl_buf *b, size_t n)
{
    b->len += n;
    b->data[b->len] = '\0';
}
/* v in decimal. */
static inline void zl_buf_add_uint(zl_buf *b, uint64_t v)
{
    char digits[20];
    size_t n = 0;
    do
        digits[n++] = (char)('0' + v % 10);
    while ((v /= 10) != 0);
    char *p = zl_buf_room(b, n);
    for (size_t i = 0; i < n; i++)
        p[i] = digits[n - 1 - i];
    zl_buf_used(b, n);
}
void zl_buf_printf(zl_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void zl_buf_vprintf(zl_buf *b, const char *fmt, va_list ap);
/* The contents as a NUL-terminated string (never NULL). */
const char *zl_buf_str(zl_buf *b);
/* Hand the string to the caller and reset the buffer. */
char *zl_buf_take(zl_buf *b);
void zl_buf_reset(zl_buf *b);
void zl_buf_free(zl_buf *b);

/* Length of the valid UTF-8 sequence at p (at most n bytes), 0 when it is
 * invalid: overlong forms, surrogates and values above U+10FFFF included. */
size_t zl_utf8_len(const unsigned char *p, size_t n);
/* Length of the longest valid UTF-8 prefix of the n bytes at p (n when they
 * are all valid). */
size_t zl_utf8_valid(const char *p, size_t n);
/* s with every byte that is not part of valid UTF-8 written as \xNN, so the
 * result can go into JSON (caller frees). */
char *zl_utf8_clean(const char *s);

/* FNV-1a (64 bits) of n octets, and of a NUL-terminated text, for tables
 * kept in memory. */
uint64_t zl_hash_bytes(const void *p, size_t n);
uint64_t zl_hash_text(const char *s);
/* snprintf(dst, cap, "%.*s", n, s) without the printf machinery (cap > 0):
 * it runs for every SES-like record and every finding's key. */
void zl_copy_text(char *dst, size_t cap, const char *s, size_t n);
/* qsort, for n elements at base, n 0 and base NULL included (which qsort
 * itself must not be given). */
void zl_sort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *));
/* qsort's and bsearch's comparison of two strings, given pointers to them
 * (an array of char * sorted in strcmp order). */
int zl_cmp_strings(const void *a, const void *b);
/* The first occurrence of needle in the len octets at text, or NULL. */
const char *zl_find(const char *text, size_t len, const char *needle);
/* Whether word (lower case) stands anywhere in text, in any case. The scan
 * runs on memchr for the word's byte at anchor (both cases of a letter):
 * name a byte that is rare in the texts searched ('z' of "amazonses"). */
bool zl_mentions_ci(const char *text, size_t len, const char *word, size_t anchor);

/* Whether the alen octets at a are the string b: exactly, or in ASCII case. */
bool zl_text_eq(const char *a, size_t alen, const char *b);
bool zl_ascii_ieq(const char *a, size_t alen, const char *b);
bool zl_has_prefix_ci(const char *s, size_t len, const char *prefix);
static inline int zl_ascii_lower(int c)
{
    return (c >= 'A' && c <= 'Z') ? c + 32 : c;
}

#endif
