/* realpath(3), with each folder resolved once per run, for a file's
 * identity (the same file named twice, an $INCLUDE loop).
 *
 * glibc resolves a path by reading every component of it as a link, and
 * each input file's identity is taken more than once: a folder of 2,000
 * zone files cost tens of thousands of readlink calls. Here the folder part
 * of a path is resolved once and kept (the last few folders: files come
 * folder by folder), and only the last component is looked at afresh; a
 * link there is resolved whole. The working directory and the tree read
 * are taken not to change during a run, so the confinement to the
 * repository (confine.c) does not use this: a folder swapped for a link
 * after it was kept would widen a check-then-open race to the whole run. */
#ifndef ZL_REAL_PATH_H
#define ZL_REAL_PATH_H

/* The canonical absolute path of path (malloc'd), or NULL with errno set,
 * as realpath(path, NULL). Thread-safe. */
char *zl_real_path(const char *path);

/* Forget every kept folder: for a caller that changes the tree under the
 * same paths (the fuzz target rebuilds one per input). */
void zl_real_path_forget(void);

#endif
