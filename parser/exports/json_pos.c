#include "parser/exports/json_pos.h"

#include "parser/exports/emit.h"

#include <stdlib.h>
#include <string.h>

static bool ws(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static void skip_ws(const zl_jdoc *d, size_t *p)
{
    while (*p < d->len && ws(d->text[*p]))
        (*p)++;
}

/* Past the string that starts at *p (its opening quote). */
static void skip_string(const zl_jdoc *d, size_t *p)
{
    size_t i = *p + 1;
    while (i < d->len && d->text[i] != '"')
        i += d->text[i] == '\\' ? 2 : 1;
    *p = i < d->len ? i + 1 : d->len;
}

static uint32_t new_node(zl_jdoc *d, size_t start)
{
    ZL_GROW(d->pos, d->cap, d->npos + 1);
    d->pos[d->npos] = (zl_jpos){.start = (uint32_t)start, .end = (uint32_t)start,
                                .key = ZL_NONE, .child = ZL_NONE, .next = ZL_NONE};
    return (uint32_t)d->npos++;
}

/* The value at *p and everything in it. jansson has accepted the text, so
 * its nesting is bounded (2048 levels); the scan still never reads past the
 * end, whatever the text. */
static uint32_t scan(zl_jdoc *d, size_t *p)
{
    skip_ws(d, p);
    uint32_t node = new_node(d, *p);
    if (*p >= d->len)
        return node;
    char c = d->text[*p];
    if (c == '{' || c == '[') {
        char close = c == '{' ? '}' : ']';
        uint32_t last = ZL_NONE;
        (*p)++;
        for (;;) {
            skip_ws(d, p);
            if (*p >= d->len || d->text[*p] == close)
                break;
            uint32_t key = ZL_NONE;
            if (c == '{') {
                key = (uint32_t)*p;
                skip_string(d, p);
                skip_ws(d, p);
                if (*p < d->len && d->text[*p] == ':')
                    (*p)++;
            }
            uint32_t child = scan(d, p);
            d->pos[child].key = key;
            if (last == ZL_NONE)
                d->pos[node].child = child;
            else
                d->pos[last].next = child;
            last = child;
            skip_ws(d, p);
            if (*p < d->len && d->text[*p] == ',')
                (*p)++;
            else
                break;
        }
        skip_ws(d, p);
        if (*p < d->len)
            (*p)++;
    } else if (c == '"') {
        skip_string(d, p);
    } else {
        while (*p < d->len && !ws(d->text[*p]) && !strchr(",]}", d->text[*p]))
            (*p)++;
        if (*p == d->pos[node].start)
            (*p)++; /* a stray byte: never loop on it */
    }
    d->pos[node].end = (uint32_t)*p;
    return node;
}

/* jansson decodes text[start, end) into d, whose positions are offsets in
 * the whole text. */
static bool decode(zl_jdoc *d, const char *text, size_t start, size_t end, size_t flags,
                   char **err, size_t *err_off)
{
    memset(d, 0, sizeof *d);
    d->text = text;
    d->len = end;
    json_error_t je;
    d->root = json_loadb(text + start, end - start, flags, &je);
    if (!d->root) {
        *err = zl_xstrdup(je.text);
        *err_off = je.position > 0 && (size_t)je.position <= end - start
                       ? start + (size_t)je.position
                       : start;
        /* jansson counts the offending token as read: point at its start. */
        if (*err_off > start && *err_off < end && !ws(text[*err_off - 1]))
            (*err_off)--;
        return false;
    }
    size_t p = start;
    scan(d, &p);
    return true;
}

bool zl_jdoc_load(zl_jdoc *d, const char *text, size_t len, char **err, size_t *err_off)
{
    size_t bom = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    return decode(d, text, bom, len, 0, err, err_off);
}

bool zl_jdoc_load_span(zl_jdoc *d, const char *text, zl_jspan v, char **err, size_t *err_off)
{
    return decode(d, text, v.start, v.end, JSON_DECODE_ANY, err, err_off);
}

void zl_jdoc_free(zl_jdoc *d)
{
    json_decref(d->root);
    free(d->pos);
    memset(d, 0, sizeof *d);
}

zl_jval zl_jdoc_root(const zl_jdoc *d)
{
    return (zl_jval){d->root, d->npos ? 0 : ZL_NONE};
}

static int hex(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static long hex4(const char *p, size_t n)
{
    if (n < 4)
        return -1;
    long v = 0;
    for (int i = 0; i < 4; i++) {
        int h = hex(p[i]);
        if (h < 0)
            return -1;
        v = v * 16 + h;
    }
    return v;
}

/* One unit of a JSON string's raw text at p (n bytes left): its length in
 * the text, the decoded bytes it gives (*out, up to 4) and their number. */
static size_t unit(const char *p, size_t n, char out[4], size_t *nout)
{
    if (p[0] != '\\' || n < 2) {
        out[0] = p[0];
        *nout = 1;
        return 1;
    }
    static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
    const char *k = strchr(from, p[1]);
    if (p[1] != 'u') {
        out[0] = k && p[1] ? to[k - from] : p[1];
        *nout = 1;
        return 2;
    }
    long cp = hex4(p + 2, n - 2);
    size_t used = 6;
    if (cp >= 0xD800 && cp < 0xDC00 && n >= 12 && p[6] == '\\' && p[7] == 'u') {
        long lo = hex4(p + 8, n - 8);
        if (lo >= 0xDC00 && lo < 0xE000) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            used = 12;
        }
    }
    if (cp < 0) {
        out[0] = '?';
        *nout = 1;
        return 2;
    }
    if (cp < 0x80) {
        out[0] = (char)cp;
        *nout = 1;
    } else if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        *nout = 2;
    } else if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        *nout = 3;
    } else {
        out[0] = (char)(0xF0 | (cp >> 18));
        out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[3] = (char)(0x80 | (cp & 0x3F));
        *nout = 4;
    }
    return used;
}

static char lower(char c)
{
    return (char)zl_ascii_lower((unsigned char)c);
}

bool zl_jkey_is(const char *text, size_t len, uint32_t q, const char *key, bool ignore_case)
{
    size_t i = q + 1, k = 0;
    while (i < len && text[i] != '"') {
        char out[4];
        size_t nout;
        i += unit(text + i, len - i, out, &nout);
        for (size_t j = 0; j < nout; j++, k++)
            if (!key[k] || (ignore_case ? lower(out[j]) != lower(key[k]) : out[j] != key[k]))
                return false;
    }
    return key[k] == '\0';
}

static bool key_is(const zl_jdoc *d, uint32_t q, const char *key, bool ignore_case)
{
    return zl_jkey_is(d->text, d->len, q, key, ignore_case);
}

zl_jval zl_jget(const zl_jdoc *d, zl_jval obj, const char *key, bool ignore_case)
{
    zl_jval none = {NULL, ZL_NONE};
    if (!json_is_object(obj.v) || obj.at == ZL_NONE)
        return none;
    uint32_t found = ZL_NONE;
    for (uint32_t c = d->pos[obj.at].child; c != ZL_NONE; c = d->pos[c].next)
        if (d->pos[c].key != ZL_NONE && key_is(d, d->pos[c].key, key, ignore_case))
            found = c;
    if (found == ZL_NONE)
        return none;
    if (!ignore_case)
        return (zl_jval){json_object_get(obj.v, key), found};
    /* The member whose key the text spells at found, in jansson's object. */
    const char *k;
    json_t *v;
    json_t *match = NULL;
    json_object_foreach(obj.v, k, v)
    {
        if (key_is(d, d->pos[found].key, k, false))
            match = v;
    }
    return match ? (zl_jval){match, found} : none;
}

bool zl_jnext(const zl_jdoc *d, zl_jval arr, size_t *i, zl_jval *out)
{
    if (!json_is_array(arr.v) || arr.at == ZL_NONE || *i >= json_array_size(arr.v))
        return false;
    uint32_t at = *i == 0 ? d->pos[arr.at].child : out->at == ZL_NONE ? ZL_NONE
                                                                        : d->pos[out->at].next;
    *out = (zl_jval){json_array_get(arr.v, *i), at};
    (*i)++;
    return true;
}

uint32_t zl_jstart(const zl_jdoc *d, zl_jval v)
{
    return v.at == ZL_NONE ? 0 : d->pos[v.at].start;
}

uint32_t zl_jlen(const zl_jdoc *d, zl_jval v)
{
    return v.at == ZL_NONE ? 0 : d->pos[v.at].end - d->pos[v.at].start;
}

bool zl_jstr(const zl_jdoc *d, zl_jval v, zl_lstr *out)
{
    memset(out, 0, sizeof *out);
    if (!json_is_string(v.v))
        return false;
    out->p = json_string_value(v.v);
    out->n = json_string_length(v.v);
    out->raw = zl_xmalloc((out->n + 1) * sizeof *out->raw);
    uint32_t start = zl_jstart(d, v), end = start + zl_jlen(d, v);
    size_t i = v.at == ZL_NONE ? 0 : start + 1, k = 0;
    while (k < out->n && i < end && i < d->len && d->text[i] != '"') {
        char bytes[4];
        size_t nout;
        size_t used = unit(d->text + i, d->len - i, bytes, &nout);
        for (size_t j = 0; j < nout && k < out->n; j++)
            out->raw[k++] = (uint32_t)i;
        i += used;
    }
    while (k < out->n) /* never expected: the scan and jansson disagree */
        out->raw[k++] = (uint32_t)i;
    out->raw[out->n] = (uint32_t)(v.at == ZL_NONE ? 0 : end > start ? end - 1 : end);
    return true;
}

void zl_jemit_number(zl_synth *s, const zl_jdoc *d, zl_jval v, long long fallback,
                     uint32_t fallback_at)
{
    if (json_is_integer(v.v))
        zl_emit_number(s, json_integer_value(v.v), zl_jstart(d, v), zl_jlen(d, v));
    else
        zl_emit_number(s, fallback, fallback_at, 0);
}
