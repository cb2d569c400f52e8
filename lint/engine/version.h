/* The program's version, set when it is built (the Makefile's VERSION:
 * a v-tag, or the newest release of CHANGELOG.md). */
#ifndef ZL_VERSION_H
#define ZL_VERSION_H

extern const char zl_version[];

#endif
