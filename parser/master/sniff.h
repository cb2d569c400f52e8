/* What a zone file's whole text tells before a record of it is read: where
 * its text ends (its first NUL byte: a binary file is read no further),
 * whether it is a template (template.h) and whether it uses syntax only
 * gdnsd reads (gdnsd.h). */
#ifndef ZL_SNIFF_H
#define ZL_SNIFF_H

#include <stdbool.h>
#include <stddef.h>

typedef struct zl_sniffed {
    size_t nul;     /* offset of the first NUL byte; len when there is none */
    bool templated; /* a template's marker ("{{", "}}", "{%", "%}") before nul */
    bool gdnsd;     /* DYNA, DYNC, $ADDR_LIMIT_V4/V6 or @Z as a word, anywhere */
} zl_sniffed;

/* One pass over the len octets of text; a large text is read in two halves
 * on two threads. */
zl_sniffed zl_sniff_master_text(const char *text, size_t len);

#endif
