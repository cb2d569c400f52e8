/* Paths as CI systems want them: relative to the top of the repository,
 * whatever the working directory and however the file was named. */
#include <stdlib.h>
#include <string.h>

#include "lint/io/fs.h"
#include "lint/output/output.h"
#include "lint/util/util.h"

char *zl_report_path(const zl_report *r, const char *path)
{
    if (!r->root || !r->cwd || path[0] == '<')
        return zl_xstrdup(path); /* "<stdin>", or paths git gave */
    char *joined = path[0] == '/' ? zl_xstrdup(path) : zl_xasprintf("%s%s", r->cwd, path);
    char *norm = zl_path_normalize(joined);
    free(joined);
    size_t n = strlen(r->root);
    if (strncmp(norm, r->root, n) == 0 && norm[n]) {
        char *rel = zl_xstrdup(norm + n);
        free(norm);
        return rel;
    }
    free(norm);
    return zl_xstrdup(path); /* outside the repository: as given */
}
