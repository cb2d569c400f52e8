/* Fingerprints of findings for the formats that track an alert across
 * commits (SARIF, Code Climate): made from the finding's path and key (rule,
 * owner, type, value), not its line, so a finding follows its record when
 * lines move, and from which of the equal ones it is. */
#ifndef ZL_FINGERPRINT_H
#define ZL_FINGERPRINT_H

#include "lint/engine/finding.h"

/* For each finding, how many earlier findings share its path and key
 * (free() the array). */
unsigned *zl_fingerprint_occurrences(const zl_findings *fs);
/* The SHA-256, in hex, of the shown path, the key and the occurrence. */
void zl_fingerprint(const char *path, const char *key, unsigned occurrence, char hex[65]);

#endif
