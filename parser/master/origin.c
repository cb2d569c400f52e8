#include "parser/master/origin.h"

#include <ldns/ldns.h>
#include <stdlib.h>
#include <string.h>

#include "lint/io/fs.h"
#include "lint/model/tld.h"
#include "lint/util/util.h"

static bool host_chars(const char *s, size_t n)
{
    if (n == 0 || s[0] == '.' || s[n - 1] == '.')
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '-' || c == '_' || c == '.';
        if (!ok || (c == '.' && s[i + 1] == '.'))
            return false;
    }
    return true;
}

static bool ends_with(const char *s, size_t n, const char *suffix)
{
    size_t k = strlen(suffix);
    return n > k && strcmp(s + n - k, suffix) == 0;
}

char *zl_origin_from_filename(const char *path)
{
    const char *base = zl_path_base(path);
    size_t n = strlen(base);
    if (ends_with(base, n, ".signed"))
        n -= 7;
    const char *name = base;
    bool pattern = true;
    if (n > 3 && strncmp(base, "db.", 3) == 0)
        name += 3, n -= 3;
    else if (ends_with(base, n, ".zone"))
        n -= 5;
    else if (ends_with(base, n, ".db"))
        n -= 3;
    else
        pattern = false;
    if (!host_chars(name, n))
        return NULL;
    if (!pattern) {
        /* A bare file name: only when it reads as a domain under a real TLD. */
        const char *dot = NULL;
        for (size_t i = 0; i < n; i++)
            if (name[i] == '.')
                dot = name + i;
        if (!dot || !zl_is_tld(dot + 1, (size_t)(name + n - dot - 1)))
            return NULL;
    }
    char *origin = zl_xasprintf("%.*s.", (int)n, name);
    ldns_rdf *rdf = NULL;
    if (ldns_str2rdf_dname(&rdf, origin) != LDNS_STATUS_OK) {
        free(origin);
        origin = NULL;
    }
    ldns_rdf_deep_free(rdf);
    return origin;
}

zl_name_id zl_origin_intern(zl_names *names, const char *text, size_t n)
{
    char *abs = n && text[n - 1] == '.' ? zl_xstrndup(text, n)
                                        : zl_xasprintf("%.*s.", (int)n, text);
    ldns_rdf *rdf = NULL;
    zl_name_id id = ZL_NAME_NONE;
    if (ldns_str2rdf_dname(&rdf, abs) == LDNS_STATUS_OK && rdf)
        id = zl_names_add_wire(names, ZL_NAME_ROOT, ldns_rdf_data(rdf), ldns_rdf_size(rdf));
    ldns_rdf_deep_free(rdf);
    free(abs);
    return id;
}
