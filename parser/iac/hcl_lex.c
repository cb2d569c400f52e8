#include "parser/iac/hcl_lex.h"

#include <string.h>

int zl_hcl_id_start(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
}

int zl_hcl_id_char(unsigned char c)
{
    return zl_hcl_id_start(c) || (c >= '0' && c <= '9') || c == '-';
}

static int digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Operators, longest first so that "==" is not read as "=" "=". */
static const char *const puncts[] = {
    "...", "==", "!=", "<=", ">=", "&&", "||", "=>", "{", "}", "[", "]", "(", ")", ",",
    ".",   "=",  "<",  ">",  "!",  "+",  "-",  "*",  "/", "%", "?", ":", "~",
};

zl_htok zl_hcl_lex(const char *t, size_t len, uint32_t pos)
{
    size_t i = pos;
    for (;;) {
        while (i < len && (t[i] == ' ' || t[i] == '\t' || t[i] == '\r'))
            i++;
        if (i < len && (t[i] == '#' || (t[i] == '/' && i + 1 < len && t[i + 1] == '/'))) {
            while (i < len && t[i] != '\n')
                i++;
        } else if (i + 1 < len && t[i] == '/' && t[i + 1] == '*') {
            const char *close = NULL;
            for (size_t k = i + 2; k + 1 < len && !close; k++)
                if (t[k] == '*' && t[k + 1] == '/')
                    close = t + k;
            if (!close)
                return (zl_htok){ZL_HT_BAD_COMMENT, (uint32_t)i, (uint32_t)len};
            i = (size_t)(close - t) + 2;
        } else {
            break;
        }
    }
    zl_htok k = {ZL_HT_EOF, (uint32_t)i, (uint32_t)i};
    if (i >= len)
        return k;
    unsigned char c = (unsigned char)t[i];
    size_t j = i + 1;
    if (c == '\n') {
        k.kind = ZL_HT_NEWLINE;
    } else if (zl_hcl_id_start(c)) {
        while (j < len && zl_hcl_id_char((unsigned char)t[j]))
            j++;
        k.kind = ZL_HT_IDENT;
    } else if (digit((char)c)) {
        while (j < len && digit(t[j]))
            j++;
        if (j + 1 < len && t[j] == '.' && digit(t[j + 1]))
            for (j++; j < len && digit(t[j]); j++)
                ;
        if (j < len && (t[j] == 'e' || t[j] == 'E')) {
            size_t e = j + 1;
            if (e < len && (t[e] == '+' || t[e] == '-'))
                e++;
            if (e < len && digit(t[e]))
                for (j = e; j < len && digit(t[j]); j++)
                    ;
        }
        k.kind = ZL_HT_NUMBER;
    } else if (c == '"') {
        k.kind = ZL_HT_OQUOTE;
    } else if (c == '<' && j < len && t[j] == '<') {
        size_t m = j + 1;
        if (m < len && t[m] == '-')
            m++;
        size_t id = m;
        while (m < len && zl_hcl_id_char((unsigned char)t[m]))
            m++;
        size_t e = m;
        while (e < len && (t[e] == ' ' || t[e] == '\t' || t[e] == '\r'))
            e++;
        if (m > id && zl_hcl_id_start((unsigned char)t[id]) && e < len && t[e] == '\n') {
            k.kind = ZL_HT_HEREDOC;
            j = e + 1;
        } else {
            k.kind = ZL_HT_PUNCT; /* "<" then "<": the parser reports it */
        }
    } else {
        k.kind = ZL_HT_BAD;
        for (size_t p = 0; p < sizeof puncts / sizeof puncts[0]; p++) {
            size_t n = strlen(puncts[p]);
            if (i + n <= len && memcmp(t + i, puncts[p], n) == 0) {
                k.kind = ZL_HT_PUNCT;
                j = i + n;
                break;
            }
        }
    }
    k.end = (uint32_t)j;
    return k;
}
