#include "parser/exports/octodns_config.h"

#include <stdlib.h>
#include <string.h>

#include "lint/util/util.h"
#include "parser/exports/yaml_pos.h"

/* Where octoDNS repositories keep their configuration, from the zone file. */
static const char *const places[] = {
    "config.yaml",    "production.yaml",    "config/production.yaml",    "octodns.yaml",
    "../config.yaml", "../production.yaml", "../config/production.yaml", "../octodns.yaml",
};

static bool scalar_is(zl_ynode n, const char *s)
{
    return zl_yis(n, YAML_SCALAR_NODE) && n.n->data.scalar.length == strlen(s) &&
           memcmp(n.n->data.scalar.value, s, strlen(s)) == 0;
}

static bool is_true(zl_ynode n)
{
    return scalar_is(n, "true") || scalar_is(n, "True") || scalar_is(n, "yes");
}

/* A target that writes zone files, where a name without its final dot is
 * relative to the zone. */
static bool appends_zone(zl_ynode provider)
{
    zl_ynode cls = zl_yget(provider, "class");
    if (!zl_yis(cls, YAML_SCALAR_NODE))
        return false;
    const char *c = (const char *)cls.n->data.scalar.value;
    return strstr(c, "octodns_bind.") || strstr(c, "BindProvider") ||
           strstr(c, "ZoneFileProvider") || strstr(c, "Rfc2136Provider");
}

static bool read_config(const zl_ydoc *d, const char *zone, zl_octo_config *out)
{
    zl_ynode root = d->n ? zl_yroot(d, 0) : (zl_ynode){0};
    zl_ynode providers = zl_yget(root, "providers"), zones = zl_yget(root, "zones");
    if (!zl_yis(providers, YAML_MAPPING_NODE) || !zl_yis(zones, YAML_MAPPING_NODE))
        return false;
    zl_ynode z = zl_yget(zones, zone);
    if (!z.n)
        z = zl_yget(zones, "*");
    if (!z.n)
        return false;
    out->found = true;
    out->lenient = is_true(zl_yget(z, "lenient"));
    zl_ynode targets = zl_yget(z, "targets");
    for (size_t i = 0; zl_yis(targets, YAML_SEQUENCE_NODE) && i < zl_ycount(targets); i++) {
        zl_ynode t = zl_yitem(targets, i);
        if (!zl_yis(t, YAML_SCALAR_NODE) || out->appending)
            continue;
        const char *name = (const char *)t.n->data.scalar.value;
        if (appends_zone(zl_yget(providers, name)))
            out->appending = zl_xstrdup(name);
    }
    return true;
}

void zl_octo_config_find(const zl_fs *fs, const char *path, const char *zone,
                         zl_octo_config *out)
{
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < sizeof places / sizeof places[0] && !out->found; i++) {
        char *p = zl_path_beside(path, places[i]);
        char *text = NULL, *err = NULL;
        size_t len = 0, off = 0;
        if (zl_fs_probe(fs, p, &text, &len, &err) == ZL_READ_OK) {
            zl_ydoc d;
            char *why = NULL;
            if (zl_ydoc_load(&d, text, len, &why, &off))
                read_config(&d, zone, out);
            zl_ydoc_free(&d);
            free(why);
        }
        free(text);
        free(err);
        free(p);
    }
}

void zl_octo_config_free(zl_octo_config *c)
{
    free(c->appending);
    memset(c, 0, sizeof *c);
}
