/* realpath(3), with each folder resolved once per run.
 *
 * glibc resolves a path by reading every component of it as a link, and
 * each input file is resolved several times (its identity, the confined
 * read, the gdnsd configuration beside it): a folder of 2,000 zone files
 * cost 60,000 readlink calls, half the run. Here the folder part of a path is
 * resolved once and kept (the last few folders: files come folder by
 * folder), and only the last component is looked at afresh; a link there
 * is resolved whole. The working directory and the tree read are taken not
 * to change during a run. */
#ifndef ZL_REAL_PATH_H
#define ZL_REAL_PATH_H

/* The canonical absolute path of path (malloc'd), or NULL with errno set,
 * as realpath(path, NULL). Thread-safe. */
char *zl_real_path(const char *path);

#endif
