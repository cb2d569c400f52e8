#include "parser/master/gdnsd.h"

#include <stdint.h>
#include <string.h>

#include "lint/util/util.h"
#include "parser/master/origin.h"
#include "parser/master/rdata.h"

static bool blank(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '(' || c == ')';
}

/* Whether the 128 offsets from p (and the octet after them) hold a
 * followed by b: an octet XOR a, ORed with the next XOR b, is zero there;
 * the least of them is kept in 16 lanes side by side, which compilers make
 * a few vector instructions of. */
#define PAIR_BLOCK 128
static bool pair_in_block(const unsigned char *p, unsigned char a, unsigned char b)
{
    unsigned char least[16];
    memset(least, 0xFF, sizeof least);
    for (size_t j = 0; j < PAIR_BLOCK; j += 16)
        for (size_t k = 0; k < 16; k++) {
            unsigned char d = (unsigned char)((p[j + k] ^ a) | (p[j + k + 1] ^ b));
            least[k] = d < least[k] ? d : least[k];
        }
    const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    uint64_t w[2];
    memcpy(w, least, sizeof w);
    return (((w[0] - ones) & ~w[0]) | ((w[1] - ones) & ~w[1])) & highs;
}

/* The first offset in [i, to) where the stem (sl octets) starts in text,
 * or to. memchr finds its first octet, rare in most zone files; where it is
 * not (a 'Y' every 64 octets of base64 keys), memchr stopping at each costs
 * more than reading the file, and once it has stopped more than every 256
 * octets the stem is looked for by its first two octets, PAIR_BLOCK offsets
 * at a time. */
static size_t find_stem(const char *text, size_t len, size_t i, size_t to, const char *stem,
                        size_t sl)
{
    const unsigned char *u = (const unsigned char *)text;
    size_t start = i, stops = 0;
    for (;; i++) {
        if (sl == 1 || stops < 8 || i - start >= stops * 256) {
            const char *p = i < to ? memchr(text + i, stem[0], to - i) : NULL;
            if (!p)
                return to;
            i = (size_t)(p - text);
            if (sl > 1 && (i + 1 >= len || text[i + 1] != stem[1])) {
                stops++;
                continue;
            }
        } else {
            while (i + PAIR_BLOCK <= to && i + PAIR_BLOCK < len &&
                   !pair_in_block(u + i, (unsigned char)stem[0], (unsigned char)stem[1]))
                i += PAIR_BLOCK;
            while (i < to && i + 1 < len && (text[i] != stem[0] || text[i + 1] != stem[1]))
                i++;
            if (i >= to)
                return to;
        }
        if (i + sl > len)
            return to;
        if (sl == 1 || memcmp(text + i + 2, stem + 2, sl - 2) == 0)
            return i;
    }
}

/* word, or word with its last byte replaced by alt, as a whole
 * white-space-bounded token starting in [from, to) of text; before is the
 * one other byte allowed to precede it. It is looked for from the byte at
 * skip, where the words differ from one another, once for both forms. */
static bool has_token(const char *text, size_t len, size_t from, size_t to, const char *word,
                      char alt, size_t skip, char before)
{
    size_t k = strlen(word), sl = k - skip - 1;
    if (len < k)
        return false;
    size_t end = to + skip < len ? to + skip : len;
    for (size_t at = from + skip; (at = find_stem(text, len, at, end, word + skip, sl)) < end;
         at++) {
        size_t i = at - skip;
        if (i + k > len)
            break;
        char last = text[i + k - 1];
        if ((last == word[k - 1] || last == alt) && memcmp(text + i, word, skip) == 0 &&
            (i == 0 || blank(text[i - 1]) || text[i - 1] == before) &&
            (i + k == len || blank(text[i + k])))
            return true;
    }
    return false;
}

/* The scan covers the whole file before a record is read, so it must cost a
 * fraction of reading it: the three words are looked for a chunk at a time,
 * so that a large zone comes from memory once for them, not three times. */
#define CHUNK 65536

bool zl_gdnsd_like(const char *text, size_t len)
{
    for (size_t off = 0; off < len; off += CHUNK) {
        size_t to = len - off < CHUNK ? len : off + CHUNK;
        if (has_token(text, len, off, to, "DYNA", 'C', 1, ' ') ||
            has_token(text, len, off, to, "$ADDR_LIMIT_V4", '6', 5, ' ') ||
            has_token(text, len, off, to, "@Z", 'Z', 0, '.'))
            return true;
    }
    return false;
}

zl_name_id zl_gdnsd_zone_of(zl_names *names, const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t n = strlen(base);
    return n ? zl_origin_intern(names, base, n) : ZL_NAME_NONE;
}

bool zl_gdnsd_zone_relative(const char *p, size_t n, size_t *prefix)
{
    if (n == 2 && p[0] == '@' && p[1] == 'Z') {
        *prefix = 0;
        return true;
    }
    if (n > 3 && memcmp(p + n - 3, ".@Z", 3) == 0) {
        *prefix = n - 3;
        return true;
    }
    return false;
}

bool zl_gdnsd_dynamic_type(const char *p, size_t n)
{
    return zl_ascii_ieq(p, n, "DYNA") || zl_ascii_ieq(p, n, "DYNC");
}

bool zl_gdnsd_directive(const char *p, size_t n)
{
    return zl_ascii_ieq(p, n, "$ADDR_LIMIT_V4") || zl_ascii_ieq(p, n, "$ADDR_LIMIT_V6");
}

bool zl_gdnsd_ttl(const char *p, size_t n, uint32_t *ttl, const char **why)
{
    const char *slash = memchr(p, '/', n);
    uint32_t limit;
    if (!slash)
        return zl_parse_ttl(p, n, ttl, why);
    size_t k = (size_t)(slash - p);
    return zl_parse_ttl(p, k, ttl, why) && zl_parse_ttl(slash + 1, n - k - 1, &limit, why);
}
