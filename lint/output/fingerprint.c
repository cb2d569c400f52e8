#include "lint/output/fingerprint.h"

#include <ldns/ldns.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lint/util/util.h"

void zl_fingerprint(const char *path, const char *key, unsigned occurrence, char hex[65])
{
    char *data = zl_xasprintf("%s\n%s\n%u", path, key, occurrence);
    unsigned char digest[LDNS_SHA256_DIGEST_LENGTH];
    ldns_sha256((unsigned char *)data, (unsigned)strlen(data), digest);
    free(data);
    for (size_t i = 0; i < sizeof digest; i++)
        snprintf(hex + 2 * i, 3, "%02x", digest[i]);
}

static const zl_findings *sort_base;

static int cmp_path_key(const void *pa, const void *pb)
{
    const zl_finding *a = &sort_base->v[*(const size_t *)pa];
    const zl_finding *b = &sort_base->v[*(const size_t *)pb];
    int c = strcmp(a->path, b->path);
    if (!c)
        c = strcmp(a->key, b->key);
    return c ? c : (a < b ? -1 : a > b);
}

unsigned *zl_fingerprint_occurrences(const zl_findings *fs)
{
    unsigned *occ = zl_xcalloc(fs->n + 1, sizeof *occ);
    size_t *order = zl_xmalloc((fs->n + 1) * sizeof *order);
    for (size_t i = 0; i < fs->n; i++)
        order[i] = i;
    sort_base = fs;
    qsort(order, fs->n, sizeof *order, cmp_path_key);
    for (size_t i = 1; i < fs->n; i++) {
        const zl_finding *a = &fs->v[order[i - 1]], *b = &fs->v[order[i]];
        if (strcmp(a->path, b->path) == 0 && strcmp(a->key, b->key) == 0)
            occ[order[i]] = occ[order[i - 1]] + 1;
    }
    sort_base = NULL;
    free(order);
    return occ;
}
