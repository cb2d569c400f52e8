/* --diff's findings about the change itself, which keep a pull request from
 * switching its own gate off: gate-config-changed when it edits the
 * configuration, suppression-added for each zonelint-disable comment it
 * adds. They are added after suppression comments are applied, so no
 * comment can silence them. */
#ifndef ZL_GATE_H
#define ZL_GATE_H

#include "lint/engine/lint.h"

/* config_changed: the configuration's path, or NULL; base_name names BASE
 * in the message. renamed maps a base path to the path it has now (NULL
 * when the change deleted it). */
void zl_gate_report(zl_lint *l, const zl_zoneset *base, const char *config_changed,
                    const char *base_name, const char *(*renamed)(void *ctx, const char *path),
                    void *ctx);

#endif
