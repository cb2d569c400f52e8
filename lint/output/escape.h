/* Escaping for every byte zonelint writes to a terminal or a log: what a
 * zone file, a file name or a configuration holds must never move the
 * cursor, set a window title, write the clipboard (ESC and OSC sequences),
 * start a new line that a problem matcher reads as a finding, or hand
 * invalid UTF-8 to a log viewer. The writers of text and GitHub output and
 * the messages on stderr all go through here. */
#ifndef ZL_ESCAPE_H
#define ZL_ESCAPE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "lint/util/util.h"

enum {
    ZL_ESC_KEEP_NEWLINES = 1, /* leave CR and LF to the caller (GitHub's %0A) */
};
/* Append s (n octets) with C0 and C1 controls, DEL and invalid UTF-8
 * written as \xNN (tab as \t, newline as \n); flags as above. */
void zl_escape_add(zl_buf *b, const char *s, size_t n, int flags);
/* Append a path as git's core.quotePath shows it: as is when it is plain
 * printable ASCII without '"' and '\', else in double quotes with \t, \n,
 * \", \\ and octal \ooo escapes (bytes from 0x80 up included). */
void zl_escape_path(zl_buf *b, const char *path);
/* Whether the k octets at p are one printable character: valid UTF-8, not
 * a C0 or C1 control, not DEL. */
bool zl_utf8_printable(const char *p, size_t k);

/* "zonelint: MESSAGE\n" on stderr, the message escaped. */
void zl_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
