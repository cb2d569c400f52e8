/* libgit2, initialised once for the process. Its initialisation loads the
 * system's CA certificates (about 10 ms with Debian's mbedtls build), which
 * zonelint never uses: an init and shutdown around each call paid that for
 * every file named on the command line. */
#ifndef ZL_GIT_LIBRARY_H
#define ZL_GIT_LIBRARY_H

/* Initialise libgit2 unless done; it is shut down at exit. */
void zl_git_library(void);

#endif
