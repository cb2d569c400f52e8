/* "Did you mean": the known word closest to a mistyped one. */
#ifndef ZL_SUGGEST_H
#define ZL_SUGGEST_H

#include <stddef.h>

/* Among the n candidates, the one closest to word by edit distance
 * (insertions, deletions, substitutions, swaps of neighbours), when it is
 * close enough to be a slip: at most a third of word's length, and at most
 * 3; else NULL. */
const char *zl_suggest(const char *word, const char *const *candidates, size_t n);
/* The rule id closest to word, or NULL. */
const char *zl_suggest_rule(const char *word);

#endif
