#include "lint/cli/rule_list.h"

#include <jansson.h>

#include "lint/engine/registry.h"

bool zl_list_rules(FILE *f, bool json)
{
    if (!json) {
        for (size_t i = 0; i < zl_nrules; i++)
            fprintf(f, "%-26s %-8s %s\n", zl_rules[i]->id,
                    zl_severity_name(zl_rules[i]->severity), zl_rules[i]->summary);
        return !ferror(f);
    }
    json_t *list = json_array();
    for (size_t i = 0; i < zl_nrules; i++) {
        const zl_rule *r = zl_rules[i];
        json_array_append_new(list, json_pack("{s:s,s:s,s:s,s:s,s:s}", "id", r->id, "severity",
                                              zl_severity_name(r->severity), "summary",
                                              r->summary, "explanation", r->explanation,
                                              "hint", r->hint));
    }
    int rc = json_dumpf(list, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII);
    fputc('\n', f);
    json_decref(list);
    return rc == 0 && !ferror(f);
}
