/* The output formats, in the order --help and messages name them. */
#include <stdio.h>
#include <string.h>

#include "lint/output/output.h"

static const zl_writer *const writers[] = {
    &zl_writer_text,
    &zl_writer_json,
    &zl_writer_sarif,
    &zl_writer_github,
    &zl_writer_checkstyle,
    &zl_writer_codeclimate,
    &zl_writer_junit,
    &zl_writer_rdjson,
};
#define NWRITERS (sizeof writers / sizeof writers[0])

const zl_writer *zl_writer_find(const char *name)
{
    for (size_t i = 0; i < NWRITERS; i++)
        if (strcmp(writers[i]->name, name) == 0)
            return writers[i];
    return NULL;
}

const char *zl_writer_names(void)
{
    static char names[128]; /* long enough for every name (tests/run-cli.sh) */
    if (!names[0])
        for (size_t i = 0, n = 0; i < NWRITERS && n < sizeof names; i++)
            n += (size_t)snprintf(names + n, sizeof names - n, "%s%s", i ? ", " : "",
                                  writers[i]->name);
    return names;
}
