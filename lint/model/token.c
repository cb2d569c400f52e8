#include "lint/model/token.h"

#include <stdint.h>
#include <string.h>

const bool zl_delim[256] = {
    [' '] = true, ['\t'] = true, ['\r'] = true, ['\n'] = true, ['\f'] = true, ['\v'] = true,
    ['('] = true, [')'] = true,   [';'] = true,  ['"'] = true,  ['\0'] = true,
};

const bool zl_word_stop[256] = {
    [' '] = true, ['\t'] = true, ['\r'] = true, ['\n'] = true, ['\f'] = true, ['\v'] = true,
    ['('] = true, [')'] = true,   [';'] = true,  ['"'] = true,  ['\0'] = true, ['\\'] = true,
};

/* Whether one of the 8 octets at p is a quote, a backslash or a line
 * break: a zero octet in the word XORed with each (the borrow test, exact
 * for whether there is one). */
static bool special8(const char *p)
{
    const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    uint64_t w;
    memcpy(&w, p, 8);
    uint64_t q = w ^ (ones * '"'), b = w ^ (ones * '\\'), n = w ^ (ones * '\n');
    return (((q - ones) & ~q) | ((b - ones) & ~b) | ((n - ones) & ~n)) & highs;
}

/* The end of a quoted string whose text starts at i: after the closing
 * quote, or at the line break or end of text that leaves it unterminated.
 * A backslash takes the next byte unless that is a line break. Long strings
 * (DKIM keys) are searched with memchr, a window at a time so that a string
 * never closed costs only the distance to its line break. */
static size_t quoted_end(const char *text, size_t len, size_t i, bool *unterminated)
{
    /* The first 32 octets a word at a time, past words with none of the
     * three; an octet at a time in a word with one. */
    for (size_t short_end = len - i < 32 ? len : i + 32; i < short_end; i++) {
        if (i + 8 <= short_end && !special8(text + i)) {
            i += 7;
            continue;
        }
        char c = text[i];
        if (c == '\\' && i + 1 < len && text[i + 1] != '\n')
            i++;
        else if (c == '"')
            return i + 1;
        else if (c == '\n')
            goto open;
    }
    while (i < len) {
        size_t w = len - i < 512 ? len - i : 512;
        const char *q = memchr(text + i, '"', w);
        size_t stop = q ? (size_t)(q - text) : i + w;
        const char *nl = memchr(text + i, '\n', stop - i);
        if (nl)
            stop = (size_t)(nl - text);
        const char *bs = memchr(text + i, '\\', stop - i);
        if (bs) {
            i = (size_t)(bs - text);
            i += i + 1 < len && text[i + 1] != '\n' ? 2 : 1;
        } else if (nl) {
            i = stop;
            goto open;
        } else if (q) {
            return stop + 1;
        } else {
            i = stop;
        }
    }
open:
    *unterminated = true;
    return i;
}

size_t zl_token_end(const char *text, size_t len, size_t off, bool *unterminated)
{
    size_t i = off;
    *unterminated = false;
    if (i < len && text[i] == '"')
        return quoted_end(text, len, i + 1, unterminated);
    while ((i = zl_word_scan(text, len, i)) < len) {
        unsigned char c = (unsigned char)text[i];
        if (c == '\\') {
            /* An escape takes the next byte, delimiters included; a backslash
             * before a line break or the end stays alone (and is rejected by
             * the rdata check as a bad escape). */
            if (i + 1 < len && text[i + 1] != '\n' && text[i + 1] != '\0')
                i += 2;
            else
                i++;
            continue;
        }
        if (c == '"' && i > off) {
            /* key="value" (SVCB parameters): a quoted part inside a word
             * belongs to the word. */
            for (i++; i < len && text[i] != '"' && text[i] != '\n'; i++)
                if (text[i] == '\\' && i + 1 < len && text[i + 1] != '\n')
                    i++;
            if (i >= len || text[i] != '"') {
                *unterminated = true;
                return i;
            }
            i++;
            continue;
        }
        if (zl_is_delim(c))
            break;
        i++;
    }
    return i;
}

size_t zl_token_end_before(const char *text, size_t len, size_t off, size_t next)
{
    /* Back over the blanks before the next token: when only spaces and tabs
     * part the two (no line break, parenthesis or comment) and the byte
     * before them is a plain one (not an escape or a delimiter), the token
     * ends there. A quote there ends it too, unless it is the token's first
     * byte: a string not closed by it would run past the next token's
     * start, which no token does. Else it is read forward. */
    size_t j = next;
    while (j > off + 1 && (text[j - 1] == ' ' || text[j - 1] == '\t'))
        j--;
    unsigned char last = (unsigned char)text[j - 1];
    if (j < next && (!zl_word_stop[last] || (last == '"' && j - 1 > off)))
        return j;
    bool unterminated;
    return zl_token_end(text, len, off, &unterminated);
}
