#include "parser/exports/yaml_guard.h"

#include <stdint.h>
#include <stdlib.h>

#include "lint/util/util.h"

bool zl_yaml_depth_ok(const char *text, size_t len, const char **why, size_t *off)
{
    size_t depth = 0, indent = 0;
    bool line_start = true;
    char quote = 0;
    for (size_t i = 0; i < len; i++) {
        char c = text[i];
        if (c == '\n') {
            line_start = true;
            indent = 0;
            if (quote == '\'' || quote == '"')
                continue; /* a quoted scalar may span lines */
            continue;
        }
        if (line_start) {
            /* Leading spaces and block indicators ("- - - x") open levels. */
            if (c == ' ' || c == '-' || c == '?' || c == ':') {
                if (++indent > ZL_YAML_MAX_INDENT) {
                    *why = "YAML indented more than 4096 columns deep, which zonelint does "
                           "not read";
                    *off = i;
                    return false;
                }
                continue;
            }
            line_start = false;
        }
        if (quote) {
            if (c == '\\' && quote == '"')
                i++;
            else if (c == quote)
                quote = 0;
        } else if (c == '#' && (i == 0 || text[i - 1] == ' ' || text[i - 1] == '\t')) {
            while (i + 1 < len && text[i + 1] != '\n')
                i++; /* a comment */
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '[' || c == '{') {
            if (++depth > ZL_YAML_MAX_DEPTH) {
                *why = "YAML nested more than 256 deep, which zonelint does not read";
                *off = i;
                return false;
            }
        } else if ((c == ']' || c == '}') && depth) {
            depth--;
        }
    }
    return true;
}

/* Nodes below index i, aliases expanded, saturating at limit + 1. size[i]
 * is 0 while unknown and SIZE_MAX while being counted (a cycle). */
static size_t expanded(yaml_document_t *doc, int i, size_t *size, size_t limit)
{
    size_t *s = &size[i - 1];
    if (*s == SIZE_MAX)
        return limit + 1; /* an alias to a node that holds it */
    if (*s)
        return *s;
    *s = SIZE_MAX;
    yaml_node_t *n = yaml_document_get_node(doc, i);
    size_t total = 1;
    if (n->type == YAML_SEQUENCE_NODE) {
        for (yaml_node_item_t *it = n->data.sequence.items.start;
             it < n->data.sequence.items.top && total <= limit; it++)
            total += expanded(doc, *it, size, limit);
    } else if (n->type == YAML_MAPPING_NODE) {
        for (yaml_node_pair_t *p = n->data.mapping.pairs.start;
             p < n->data.mapping.pairs.top && total <= limit; p++)
            total += expanded(doc, p->key, size, limit) + expanded(doc, p->value, size, limit);
    }
    *s = total > limit ? limit + 1 : total;
    return *s;
}

bool zl_yaml_expansion_ok(yaml_document_t *doc, size_t limit)
{
    size_t n = (size_t)(doc->nodes.top - doc->nodes.start);
    if (n == 0)
        return true;
    size_t *size = zl_xcalloc(n, sizeof *size);
    bool ok = expanded(doc, 1, size, limit) <= limit;
    free(size);
    return ok;
}
