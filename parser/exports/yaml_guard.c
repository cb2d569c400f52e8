#include "parser/exports/yaml_guard.h"

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
