#include "lint/model/token.h"

const bool zl_delim[256] = {
    [' '] = true, ['\t'] = true, ['\r'] = true, ['\n'] = true, ['\f'] = true, ['\v'] = true,
    ['('] = true, [')'] = true,   [';'] = true,  ['"'] = true,  ['\0'] = true,
};

/* Where a word may end or an escape begins: one look-up per byte in the
 * loop every token read goes through. */
static const bool word_stop[256] = {
    [' '] = true, ['\t'] = true, ['\r'] = true, ['\n'] = true, ['\f'] = true, ['\v'] = true,
    ['('] = true, [')'] = true,   [';'] = true,  ['"'] = true,  ['\0'] = true, ['\\'] = true,
};

size_t zl_token_end(const char *text, size_t len, size_t off, bool *unterminated)
{
    size_t i = off;
    *unterminated = false;
    if (i < len && text[i] == '"') {
        for (i++; i < len; i++) {
            char c = text[i];
            if (c == '\\' && i + 1 < len && text[i + 1] != '\n')
                i++;
            else if (c == '"')
                return i + 1;
            else if (c == '\n')
                break;
        }
        *unterminated = true;
        return i;
    }
    while (i < len) {
        unsigned char c = (unsigned char)text[i];
        if (!word_stop[c]) {
            i++;
            continue;
        }
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
