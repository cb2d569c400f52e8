#ifndef ZL_VERSION_TEXT_H
#define ZL_VERSION_TEXT_H

#include <stdio.h>

/* Print what --version prints. */
void zl_print_version(FILE *f);

#endif
