/* Reading YAML documents (yaml_pos.h): nodes, keys (with merges), and each
 * scalar byte's offset in the file. Loading is yaml_load.c. */
#include "parser/exports/yaml_pos.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "lint/util/util.h"

zl_ynode zl_yroot(const zl_ydoc *d, size_t i)
{
    const zl_ydocument *doc = &d->docs[i];
    return (zl_ynode){doc, doc->n ? &doc->nodes[0] : NULL};
}

bool zl_yis(zl_ynode n, yaml_node_type_t type)
{
    return n.n && n.n->type == type;
}

static zl_ynode node(zl_ynode in, int index)
{
    return (zl_ynode){in.doc, &in.doc->nodes[index - 1]};
}

size_t zl_ycount(zl_ynode n)
{
    if (zl_yis(n, YAML_SEQUENCE_NODE))
        return (size_t)(n.n->data.sequence.items.top - n.n->data.sequence.items.start);
    if (zl_yis(n, YAML_MAPPING_NODE))
        return (size_t)(n.n->data.mapping.pairs.top - n.n->data.mapping.pairs.start);
    return 0;
}

zl_ynode zl_yitem(zl_ynode seq, size_t i)
{
    return node(seq, seq.n->data.sequence.items.start[i]);
}

zl_ynode zl_ykey(zl_ynode map, size_t i)
{
    return node(map, map.n->data.mapping.pairs.start[i].key);
}

zl_ynode zl_yvalue(zl_ynode map, size_t i)
{
    return node(map, map.n->data.mapping.pairs.start[i].value);
}

/* Merges (<<: *anchor, or a list of them) nest at most this deep: far more
 * than configurations use, and a bound on a crafted document. */
#define MERGE_DEPTH 8

static zl_ynode get(zl_ynode map, const char *key, size_t k, int depth)
{
    zl_ynode found = {map.doc, NULL}, merge = {map.doc, NULL};
    for (size_t i = 0; zl_yis(map, YAML_MAPPING_NODE) && i < zl_ycount(map); i++) {
        zl_ynode kn = zl_ykey(map, i);
        if (!zl_yis(kn, YAML_SCALAR_NODE))
            continue;
        if (kn.n->data.scalar.length == k && memcmp(kn.n->data.scalar.value, key, k) == 0)
            found = zl_yvalue(map, i);
        else if (kn.n->data.scalar.length == 2 && memcmp(kn.n->data.scalar.value, "<<", 2) == 0)
            merge = zl_yvalue(map, i);
    }
    if (found.n || !merge.n || depth >= MERGE_DEPTH)
        return found;
    /* YAML's merge key: the keys of the merged mappings, the first one that
     * has the key winning, as YAML loaders (and so octoDNS) read them. */
    if (zl_yis(merge, YAML_MAPPING_NODE))
        return get(merge, key, k, depth + 1);
    for (size_t i = 0; zl_yis(merge, YAML_SEQUENCE_NODE) && i < zl_ycount(merge); i++) {
        found = get(zl_yitem(merge, i), key, k, depth + 1);
        if (found.n)
            break;
    }
    return found;
}

zl_ynode zl_yget(zl_ynode map, const char *key)
{
    return get(map, key, strlen(key), 0);
}

uint32_t zl_ystart(zl_ynode n)
{
    return n.n ? (uint32_t)n.n->start_mark.index : 0;
}

uint32_t zl_ylen(zl_ynode n)
{
    return n.n ? (uint32_t)(n.n->end_mark.index - n.n->start_mark.index) : 0;
}

static bool ws(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Bytes a double-quoted escape at p gives, and (in *raw) its length. */
static size_t escape(const char *p, size_t left, size_t *raw)
{
    char e = left > 1 ? p[1] : 0;
    size_t hexdigits = e == 'x' ? 2 : e == 'u' ? 4 : e == 'U' ? 8 : 0;
    *raw = 2 + hexdigits;
    if (*raw > left)
        *raw = left;
    if (hexdigits) {
        char buf[9] = {0};
        memcpy(buf, p + 2, *raw - 2);
        unsigned long cp = strtoul(buf, NULL, 16);
        return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    }
    return e == 'N' || e == '_' ? 2 : e == 'L' || e == 'P' ? 3 : 1;
}

bool zl_yscalar(const zl_ydoc *d, zl_ynode n, zl_lstr *out)
{
    memset(out, 0, sizeof *out);
    if (!zl_yis(n, YAML_SCALAR_NODE))
        return false;
    const zl_ynode_data *s = n.n;
    out->p = (const char *)s->data.scalar.value;
    out->n = s->data.scalar.length;
    out->raw = zl_xmalloc((out->n + 1) * sizeof *out->raw);
    yaml_scalar_style_t style = s->data.scalar.style;
    size_t r = s->start_mark.index, end = s->end_mark.index;
    if (end > d->len)
        end = d->len;
    if (style == YAML_SINGLE_QUOTED_SCALAR_STYLE || style == YAML_DOUBLE_QUOTED_SCALAR_STYLE) {
        r++;
        if (end > r)
            end--;
    } else if (style == YAML_LITERAL_SCALAR_STYLE || style == YAML_FOLDED_SCALAR_STYLE) {
        const char *nl = memchr(d->text + r, '\n', end > r ? end - r : 0);
        r = nl ? (size_t)(nl - d->text) + 1 : end;
    }
    /* Walk the text beside the value: equal bytes advance both; escapes,
     * doubled quotes and folded line breaks advance the text further. */
    const char *t = d->text;
    for (size_t j = 0; j < out->n;) {
        char c = out->p[j];
        if (style == YAML_DOUBLE_QUOTED_SCALAR_STYLE && r < end && t[r] == '\\') {
            if (r + 1 < end && (t[r + 1] == '\n' || t[r + 1] == '\r')) {
                for (r += 2; r < end && ws(t[r]); r++)
                    ;
                continue;
            }
            size_t raw;
            size_t k = escape(t + r, end - r, &raw);
            for (; k && j < out->n; k--)
                out->raw[j++] = (uint32_t)r;
            r += raw;
            continue;
        }
        if (style == YAML_SINGLE_QUOTED_SCALAR_STYLE && c == '\'' && r + 1 < end &&
            t[r] == '\'' && t[r + 1] == '\'') {
            out->raw[j++] = (uint32_t)r;
            r += 2;
            continue;
        }
        while (r < end && t[r] != c && ws(t[r]) && !ws(c))
            r++;
        out->raw[j++] = (uint32_t)(r < end ? r : end);
        if (r < end && (t[r] == c || ws(t[r])))
            for (r++; ws(c) && r < end && ws(t[r]) && (j == out->n || t[r] != out->p[j]); r++)
                ;
    }
    out->raw[out->n] = (uint32_t)end;
    return true;
}

bool zl_yint(zl_ynode n, long long *out)
{
    if (!zl_yis(n, YAML_SCALAR_NODE) || n.n->data.scalar.length == 0 ||
        n.n->data.scalar.length > 20)
        return false;
    char buf[24];
    memcpy(buf, n.n->data.scalar.value, n.n->data.scalar.length);
    buf[n.n->data.scalar.length] = '\0';
    char *e;
    errno = 0;
    long long v = strtoll(buf, &e, 10);
    if (*e || errno || buf[0] == ' ')
        return false;
    *out = v;
    return true;
}
