#ifndef ZL_COLOR_H
#define ZL_COLOR_H

#include <stdbool.h>

/* Whether text output to file descriptor fd gets colour, for --color
 * WHEN: always, never, or auto: FORCE_COLOR or CLICOLOR_FORCE (set, not
 * empty, not 0) turn it on; otherwise NO_COLOR (set, not empty) and
 * TERM=dumb turn it off, and it is on only on a terminal. */
bool zl_use_color(const char *when, int fd);

#endif
