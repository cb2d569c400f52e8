/* --version: zonelint's version and the versions of the libraries it runs
 * with (as they report themselves at run time, which is what a bug report
 * needs: a distribution may update a shared library under the binary). */
#include "lint/cli/version_text.h"

#include <jansson.h>
#include <ldns/ldns.h>
#include <yaml.h>

#include "lint/engine/version.h"
#include "lint/git/libgit2.h"

void zl_print_version(FILE *f)
{
    fprintf(f, "zonelint %s\n", zl_version);
    fprintf(f, "libraries: ldns %s, jansson %s, ", ldns_version(), jansson_version_str());
    const char *why;
    int major = 0, minor = 0, rev = 0;
    if (zl_libgit2_try(&why) && git_libgit2_version(&major, &minor, &rev) == 0)
        fprintf(f, "libgit2 %d.%d.%d", major, minor, rev);
    else
        fprintf(f, "libgit2 cannot be loaded (%s)", why ? why : "its version call failed");
    fprintf(f, ", libyaml %s\n", yaml_get_version_string());
}
