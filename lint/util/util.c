#include "lint/util/util.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

static void out_of_memory(size_t n)
{
    fprintf(stderr, "zonelint: out of memory (asked for %zu bytes)\n", n);
    exit(2);
}

void *zl_xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        out_of_memory(n);
    return p;
}

void *zl_xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p)
        out_of_memory(n * size);
    return p;
}

void *zl_xmallocn(size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        out_of_memory(SIZE_MAX);
    return zl_xmalloc(n && size ? n * size : 1);
}

void *zl_xzeroed(size_t n, size_t size)
{
    void *p = zl_xmallocn(n, size);
    memset(p, 0, n * size);
    return p;
}

void *zl_xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        out_of_memory(n);
    return q;
}

#define HUGE_PAGE ((uintptr_t)2 << 20)

void zl_huge_pages_hint(void *p, size_t n)
{
    uintptr_t from = ((uintptr_t)p + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
    uintptr_t to = ((uintptr_t)p + n) & ~(HUGE_PAGE - 1);
#ifdef MADV_HUGEPAGE
    if (to > from)
        (void)madvise((void *)from, to - from, MADV_HUGEPAGE);
#else
    (void)from;
    (void)to;
#endif
}

char *zl_xstrdup(const char *s)
{
    return zl_xstrndup(s, strlen(s));
}

char *zl_xstrndup(const char *s, size_t n)
{
    char *p = zl_xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *zl_xasprintf(const char *fmt, ...)
{
    zl_buf b = {0};
    va_list ap;
    va_start(ap, fmt);
    zl_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    return zl_buf_take(&b);
}

void zl_grow(void **p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return;
    size_t n = *cap ? *cap : 8;
    while (n < need)
        n += n / 2 + 8;
    if (n > SIZE_MAX / elem)
        out_of_memory(SIZE_MAX);
    *p = zl_xrealloc(*p, n * elem);
    *cap = n;
}

void zl_buf_vprintf(zl_buf *b, const char *fmt, va_list ap)
{
    /* Formatted once when the text fits a line (every finding's message is
     * formatted here), twice only when it does not. */
    char line[256];
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(line, sizeof line, fmt, ap2);
    va_end(ap2);
    if (n < 0)
        return;
    if ((size_t)n < sizeof line) {
        zl_buf_add(b, line, (size_t)n);
        return;
    }
    ZL_GROW(b->data, b->cap, b->len + (size_t)n + 1);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
}

void zl_buf_printf(zl_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    zl_buf_vprintf(b, fmt, ap);
    va_end(ap);
}

const char *zl_buf_str(zl_buf *b)
{
    if (!b->data)
        zl_buf_add(b, "", 0);
    return b->data;
}

char *zl_buf_take(zl_buf *b)
{
    zl_buf_str(b);
    char *s = b->data;
    b->data = NULL;
    b->len = b->cap = 0;
    return s;
}

void zl_buf_reset(zl_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

void zl_buf_free(zl_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

/* Octets that are equal as written (the usual case) are not lowered. */
static bool same_ci(unsigned char a, unsigned char b)
{
    return a == b || zl_ascii_lower(a) == zl_ascii_lower(b);
}

/* Both walk b (prefix) once, without measuring it first: they are asked
 * of every label and value, and most answers are no at the first octet. */

bool zl_text_eq(const char *a, size_t alen, const char *b)
{
    return strlen(b) == alen && memcmp(a, b, alen) == 0;
}

bool zl_ascii_ieq(const char *a, size_t alen, const char *b)
{
    size_t i = 0;
    for (; i < alen; i++)
        if (!b[i] || !same_ci((unsigned char)a[i], (unsigned char)b[i]))
            return false;
    return b[i] == '\0';
}

bool zl_has_prefix_ci(const char *s, size_t len, const char *prefix)
{
    for (size_t i = 0; prefix[i]; i++)
        if (i >= len || !same_ci((unsigned char)s[i], (unsigned char)prefix[i]))
            return false;
    return true;
}

size_t zl_utf8_len(const unsigned char *p, size_t n)
{
    if (p[0] < 0x80)
        return 1;
    size_t k;
    uint32_t cp;
    if (p[0] >= 0xC2 && p[0] <= 0xDF)
        k = 2, cp = p[0] & 0x1F;
    else if (p[0] >= 0xE0 && p[0] <= 0xEF)
        k = 3, cp = p[0] & 0x0F;
    else if (p[0] >= 0xF0 && p[0] <= 0xF4)
        k = 4, cp = p[0] & 0x07;
    else
        return 0;
    if (k > n)
        return 0;
    for (size_t i = 1; i < k; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (p[i] & 0x3F);
    }
    if ((k == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
        (k == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
        return 0;
    return k;
}

size_t zl_utf8_valid(const char *p, size_t n)
{
    const unsigned char *u = (const unsigned char *)p;
    size_t i = 0, k;
    while (i < n && (k = zl_utf8_len(u + i, n - i)) != 0)
        i += k;
    return i;
}

char *zl_utf8_clean(const char *s)
{
    zl_buf b = {0};
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        /* Valid runs are copied whole: most text has no bad byte at all. */
        size_t run = i + zl_utf8_valid(s + i, n - i);
        zl_buf_add(&b, p + i, run - i);
        i = run;
        if (i < n) {
            zl_buf_printf(&b, "\\x%02X", p[i]);
            i++;
        }
    }
    return zl_buf_take(&b);
}

uint64_t zl_hash_bytes(const void *p, size_t n)
{
    const unsigned char *s = p;
    uint64_t h = 0xcbf29ce484222325u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ s[i]) * 0x100000001b3u;
    return h;
}

uint64_t zl_hash_text(const char *s)
{
    return zl_hash_bytes(s, strlen(s));
}

void zl_copy_text(char *dst, size_t cap, const char *s, size_t n)
{
    n = strnlen(s, n);
    if (n >= cap)
        n = cap - 1;
    memcpy(dst, s, n);
    dst[n] = '\0';
}

int zl_cmp_strings(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

void zl_sort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
    if (n > 1)
        qsort(base, n, size, cmp);
}

const char *zl_find(const char *text, size_t len, const char *needle)
{
    size_t k = strlen(needle);
    for (const char *p = text, *end = text + len; k && (size_t)(end - p) >= k; p++) {
        p = memchr(p, needle[0], (size_t)(end - p) - k + 1);
        if (!p)
            return NULL;
        /* The second octet first: a hit on the first alone is common (a
         * letter in a base64 key), a call to compare costs more than it. */
        if (k == 1 || (p[1] == needle[1] && memcmp(p + 2, needle + 2, k - 2) == 0))
            return p;
    }
    return NULL;
}

bool zl_mentions_ci(const char *text, size_t len, const char *word, size_t anchor)
{
    size_t k = strlen(word);
    if (len < k)
        return false;
    char c = word[anchor];
    bool letter = c >= 'a' && c <= 'z';
    for (int pass = 0; pass < (letter ? 2 : 1); pass++) {
        char want = pass ? (char)(c - 'a' + 'A') : c;
        const char *end = text + len - (k - anchor - 1);
        for (const char *p = text + anchor; p < end && (p = memchr(p, want, (size_t)(end - p)));
             p++)
            if (zl_has_prefix_ci(p - anchor, k, word))
                return true;
    }
    return false;
}
