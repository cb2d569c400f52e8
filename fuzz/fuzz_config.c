/* libFuzzer target for the configuration loader: arbitrary bytes as
 * .zonelint.json must never crash, hang or leak, and an error must name the
 * file and quote no more than a short piece of the text. What loads is asked
 * the questions the command line asks of it. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lint/config/config.h"

static const char *const paths[] = {"db.example.com", "zones/a.zone", "zones/archive/x.db",
                                    "lan.hosts", "../outside.zone", "-"};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    zl_config cfg;
    char *err = NULL;
    if (zl_config_parse("dir/.zonelint.json", (const char *)data, size, &cfg, &err)) {
        for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
            (void)zl_config_zone_for(&cfg, paths[i]);
            (void)zl_config_ignored(&cfg, paths[i]);
            (void)zl_config_is_zone_file(&cfg, paths[i]);
        }
    } else {
        if (!err || strncmp(err, "dir/.zonelint.json", 18) != 0)
            abort(); /* an error names the file */
        if (strlen(err) > 1024)
            abort(); /* and echoes no long value */
    }
    free(err);
    zl_config_free(&cfg);
    return 0;
}
