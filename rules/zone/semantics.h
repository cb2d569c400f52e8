/* record-semantics, shared by its parts: rules/zone/semantics.c (hashes,
 * digests, DS placement, owner forms) and rules/zone/svcb.c (SVCB and HTTPS
 * parameters). */
#ifndef ZL_SEMANTICS_H
#define ZL_SEMANTICS_H

#include "lint/engine/lint.h"

/* The record's rdata in wire form as ldns converts it; false when it does not. */
bool zl_sem_wire(const zl_lint *l, const zl_zone *z, const zl_record *r, zl_buf *out);
/* Report record-semantics at rdata field field, at the owner for
 * ZL_SEM_OWNER (the type token when the owner is not written), or at the
 * type token when field is past the last token. */
#define ZL_SEM_OWNER 0xFEu
void zl_sem_report(zl_lint *l, const zl_zone *z, const zl_record *r, unsigned field, char *hint,
                   char *message);
/* SVCB and HTTPS key rules (RFC 9460), and those of DNS servers (RFC 9461). */
void zl_svcb_check(zl_lint *l, const zl_zone *z, const zl_record *r, const uint8_t *w, size_t n);

#endif
