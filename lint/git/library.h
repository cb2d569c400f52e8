/* libgit2, initialised once for the process. Its initialisation loads the
 * system's CA certificates (about 10 ms with Debian's mbedtls build), which
 * zonelint never uses: an init and shutdown around each call paid that for
 * every file named on the command line, and a run that reads one file
 * waited for it before reading. */
#ifndef ZL_GIT_LIBRARY_H
#define ZL_GIT_LIBRARY_H

/* Start initialising on a thread of its own, beside the run's reading.
 * Called once, by the main thread, before any other call here. */
void zl_git_library_warm(void);
/* Initialise libgit2 unless done (waiting for the warming thread); it is
 * shut down at exit. */
void zl_git_library(void);
/* Wait for the warming thread, used or not: before the process exits. */
void zl_git_library_done(void);

#endif
