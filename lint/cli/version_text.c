/* --version: zonelint's version and the versions of the libraries it runs
 * with (as they report themselves at run time, which is what a bug report
 * needs: a distribution may update a shared library under the binary). */
#include "lint/cli/version_text.h"

#include <git2.h>
#include <jansson.h>
#include <ldns/ldns.h>
#include <yaml.h>

#include "lint/engine/version.h"

void zl_print_version(FILE *f)
{
    int major = 0, minor = 0, rev = 0;
    git_libgit2_version(&major, &minor, &rev);
    fprintf(f, "zonelint %s\n", zl_version);
    fprintf(f, "libraries: ldns %s, jansson %s, libgit2 %d.%d.%d, libyaml %s\n", ldns_version(),
            jansson_version_str(), major, minor, rev, yaml_get_version_string());
}
