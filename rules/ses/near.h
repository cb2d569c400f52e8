/* Which strings of a set may be near misses (zl_ses_diff) of a string, or
 * what a string may be a near miss of, told without comparing it with
 * every one: a near miss of a string of wn octets shares with it its first
 * or its last h octets (any case), h = ceil((wn - 3) / 2), since the two
 * differ in at most three octets of a middle between what they share; or
 * it holds the string with extra characters around it. The set is indexed
 * by the hashes of those parts. A candidate is only that: the caller asks
 * zl_ses_diff. */
#ifndef ZL_SES_NEAR_H
#define ZL_SES_NEAR_H

#include <stddef.h>
#include <stdint.h>

typedef struct zl_ses_nearset {
    const char **s; /* kept, not copied */
    size_t *len;
    size_t n, cap;
    struct zl_ses_near_index *ix; /* built when first asked */
    size_t nix;
} zl_ses_nearset;

void zl_ses_nearset_add(zl_ses_nearset *set, const char *s, size_t n);
/* The numbers of the strings that may be near misses of want, ascending,
 * each once, into *out (the caller frees it); returns how many. */
size_t zl_ses_nearset_of_want(zl_ses_nearset *set, const char *want, size_t wn, uint32_t **out);
/* The numbers of the strings found may be a near miss of, the same way. */
size_t zl_ses_nearset_of_found(zl_ses_nearset *set, const char *found, size_t fn,
                               uint32_t **out);
void zl_ses_nearset_free(zl_ses_nearset *set);

#endif
