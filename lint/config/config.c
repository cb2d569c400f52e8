#include "lint/config/config.h"

#include <fnmatch.h>
#include <jansson.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lint/io/fs.h"
#include "lint/engine/registry.h"
#include "lint/util/util.h"

/* "key" must be a string, when present. */
static bool opt_string(json_t *obj, const char *key, char **out, const char *where,
                       char **err)
{
    json_t *v = json_object_get(obj, key);
    *out = NULL;
    if (!v)
        return true;
    if (!json_is_string(v)) {
        *err = zl_xasprintf("%s: \"%s\" must be a string", where, key);
        return false;
    }
    *out = zl_xstrdup(json_string_value(v));
    return true;
}

static bool string_list(json_t *v, char ***out, size_t *n, const char *where, char **err)
{
    if (json_is_string(v)) {
        *out = zl_xmalloc(sizeof **out);
        (*out)[0] = zl_xstrdup(json_string_value(v));
        *n = 1;
        return true;
    }
    if (!json_is_array(v)) {
        *err = zl_xasprintf("%s must be a string or an array of strings", where);
        return false;
    }
    *n = json_array_size(v);
    *out = zl_xcalloc(*n ? *n : 1, sizeof **out);
    for (size_t i = 0; i < *n; i++) {
        json_t *s = json_array_get(v, i);
        if (!json_is_string(s)) {
            *err = zl_xasprintf("%s[%zu] must be a string", where, i);
            return false;
        }
        (*out)[i] = zl_xstrdup(json_string_value(s));
    }
    return true;
}

/* "publisher": one of zl_publisher_list. */
static bool publisher_value(json_t *v, zl_publisher *out, const char *where, char **err)
{
    if (json_is_string(v) && zl_publisher_parse(json_string_value(v), out))
        return true;
    *err = zl_xasprintf("%s\"publisher\" must be one of %s", where, zl_publisher_list);
    return false;
}

static bool opt_publisher(json_t *obj, zl_publisher *out, const char *where, char **err)
{
    json_t *v = json_object_get(obj, "publisher");
    if (!v)
        return true;
    char *at = zl_xasprintf("%s: ", where);
    bool ok = publisher_value(v, out, at, err);
    free(at);
    return ok;
}

static bool load_zones(json_t *v, zl_config *cfg, char **err)
{
    if (!json_is_array(v)) {
        *err = zl_xstrdup("\"zones\" must be an array");
        return false;
    }
    cfg->nzones = json_array_size(v);
    cfg->zones = zl_xcalloc(cfg->nzones ? cfg->nzones : 1, sizeof *cfg->zones);
    for (size_t i = 0; i < cfg->nzones; i++) {
        json_t *e = json_array_get(v, i);
        zl_zone_pattern *z = &cfg->zones[i];
        if (json_is_string(e)) {
            z->pattern = zl_xstrdup(json_string_value(e));
            continue;
        }
        char where[32];
        snprintf(where, sizeof where, "zones[%zu]", i);
        if (!json_is_object(e) || !opt_string(e, "path", &z->pattern, where, err) ||
            !opt_string(e, "origin", &z->origin, where, err) ||
            !opt_string(e, "format", &z->format, where, err) ||
            !opt_publisher(e, &z->publisher, where, err))
            return false;
        if (!z->pattern) {
            *err = zl_xasprintf("%s needs \"path\" (a file name or a pattern)", where);
            return false;
        }
    }
    return true;
}

static bool load_rules(json_t *v, zl_config *cfg, char **err)
{
    if (!json_is_object(v)) {
        *err = zl_xstrdup("\"rules\" must be an object of rule ids and severities");
        return false;
    }
    cfg->rules = zl_xcalloc(json_object_size(v) + 1, sizeof *cfg->rules);
    const char *key;
    json_t *val;
    json_object_foreach(v, key, val)
    {
        zl_severity sev;
        if (!zl_rule_find(key)) {
            *err = zl_xasprintf("\"rules\": unknown rule \"%s\" (see zonelint --list-rules)",
                                key);
            return false;
        }
        if (!json_is_string(val) || !zl_severity_parse(json_string_value(val), &sev)) {
            *err = zl_xasprintf("\"rules\": \"%s\" must be \"error\", \"warning\", \"note\" "
                                "or \"off\"",
                                key);
            return false;
        }
        cfg->rules[cfg->nrules++] = (zl_rule_setting){zl_xstrdup(key), sev};
    }
    return true;
}

static bool load_ses(json_t *v, zl_config *cfg, char **err)
{
    if (!json_is_array(v)) {
        *err = zl_xstrdup("\"ses\" must be an array of identities");
        return false;
    }
    cfg->nses = json_array_size(v);
    cfg->ses = zl_xcalloc(cfg->nses ? cfg->nses : 1, sizeof *cfg->ses);
    for (size_t i = 0; i < cfg->nses; i++) {
        json_t *e = json_array_get(v, i);
        zl_ses_identity_cfg *s = &cfg->ses[i];
        char where[32];
        snprintf(where, sizeof where, "ses[%zu]", i);
        if (!json_is_object(e)) {
            *err = zl_xasprintf("%s must be an object", where);
            return false;
        }
        if (!opt_string(e, "identity", &s->identity, where, err) ||
            !opt_string(e, "region", &s->region, where, err))
            return false;
        json_t *ex = json_object_get(e, "expect");
        char w2[48];
        snprintf(w2, sizeof w2, "%s.expect", where);
        if (!ex) {
            *err = zl_xasprintf("%s needs \"expect\": the SES data file(s)", where);
            return false;
        }
        if (!string_list(ex, &s->expect, &s->nexpect, w2, err))
            return false;
    }
    return true;
}

bool zl_config_load(const char *path, zl_config *cfg, char **err)
{
    memset(cfg, 0, sizeof *cfg);
    json_error_t je;
    json_t *root = json_load_file(path, JSON_REJECT_DUPLICATES, &je);
    if (!root) {
        *err = zl_xasprintf("%s:%d:%d: %s", path, je.line, je.column, je.text);
        return false;
    }
    cfg->path = zl_xstrdup(path);
    const char *slash = strrchr(path, '/');
    cfg->dir = slash ? zl_xstrndup(path, (size_t)(slash - path)) : zl_xstrdup(".");
    char *msg = NULL;
    bool ok = json_is_object(root);
    if (!ok)
        msg = zl_xstrdup("the configuration must be a JSON object");
    const char *key;
    json_t *val;
    if (ok) {
        json_object_foreach(root, key, val)
        {
            if (strcmp(key, "zones") == 0)
                ok = load_zones(val, cfg, &msg);
            else if (strcmp(key, "ignore") == 0)
                ok = string_list(val, &cfg->ignore, &cfg->nignore, "\"ignore\"", &msg);
            else if (strcmp(key, "rules") == 0)
                ok = load_rules(val, cfg, &msg);
            else if (strcmp(key, "ses") == 0)
                ok = load_ses(val, cfg, &msg);
            else if (strcmp(key, "publisher") == 0)
                ok = publisher_value(val, &cfg->publisher, "", &msg);
            else if (strcmp(key, "fail_on") == 0) {
                ok = json_is_string(val) &&
                     zl_severity_parse(json_string_value(val), &cfg->fail_on);
                cfg->has_fail_on = ok;
                if (!ok)
                    msg = zl_xstrdup("\"fail_on\" must be \"error\", \"warning\", \"note\" "
                                     "or \"none\"");
            } else {
                ok = false;
                msg = zl_xasprintf("unknown key \"%s\" (known: zones, ignore, rules, "
                                   "fail_on, publisher, ses)",
                                   key);
            }
            if (!ok)
                break;
        }
    }
    json_decref(root);
    if (!ok) {
        *err = zl_xasprintf("%s: %s", path, msg);
        free(msg);
        return false;
    }
    return true;
}

char *zl_config_find(const char *start_dir)
{
    char *dir = realpath(start_dir, NULL);
    if (!dir)
        return NULL;
    for (;;) {
        char *candidate = zl_xasprintf("%s/.zonelint.json", strcmp(dir, "/") ? dir : "");
        struct stat st;
        if (stat(candidate, &st) == 0 && S_ISREG(st.st_mode)) {
            free(dir);
            return candidate;
        }
        free(candidate);
        char *slash = strrchr(dir, '/');
        if (!slash || slash == dir) {
            if (strcmp(dir, "/") == 0)
                break;
            dir[1] = '\0';
            continue;
        }
        *slash = '\0';
    }
    free(dir);
    return NULL;
}

void zl_config_free(zl_config *cfg)
{
    free(cfg->path);
    free(cfg->dir);
    for (size_t i = 0; i < cfg->nzones; i++) {
        free(cfg->zones[i].pattern);
        free(cfg->zones[i].origin);
        free(cfg->zones[i].format);
    }
    free(cfg->zones);
    for (size_t i = 0; i < cfg->nignore; i++)
        free(cfg->ignore[i]);
    free(cfg->ignore);
    for (size_t i = 0; i < cfg->nrules; i++)
        free(cfg->rules[i].rule);
    free(cfg->rules);
    for (size_t i = 0; i < cfg->nses; i++) {
        free(cfg->ses[i].identity);
        free(cfg->ses[i].region);
        for (size_t k = 0; k < cfg->ses[i].nexpect; k++)
            free(cfg->ses[i].expect[k]);
        free(cfg->ses[i].expect);
    }
    free(cfg->ses);
    memset(cfg, 0, sizeof *cfg);
}

/* path relative to the configuration's directory, when it lies inside. */
static char *relative_to_config(const zl_config *cfg, const char *path)
{
    if (!cfg->dir)
        return zl_path_normalize(path);
    char cwd[PATH_MAX];
    char *abs = path[0] == '/' ? zl_xstrdup(path)
                               : zl_xasprintf("%s/%s", getcwd(cwd, sizeof cwd) ? cwd : ".",
                                              path);
    char *norm = zl_path_normalize(abs);
    free(abs);
    char *dir = realpath(cfg->dir, NULL);
    char *rel = NULL;
    size_t dl = dir ? strlen(dir) : 0;
    if (dir && strncmp(norm, dir, dl) == 0 && norm[dl] == '/')
        rel = zl_xstrdup(norm + dl + 1);
    free(dir);
    if (!rel)
        rel = zl_path_normalize(path);
    free(norm);
    return rel;
}

/* A pattern without '/' matches the file name anywhere; one with '/'
 * matches the whole relative path. */
static bool pattern_match(const char *pattern, const char *rel)
{
    if (!strchr(pattern, '/'))
        return fnmatch(pattern, zl_path_base(rel), 0) == 0;
    return fnmatch(pattern, rel, FNM_PATHNAME) == 0;
}

const zl_zone_pattern *zl_config_zone_for(const zl_config *cfg, const char *path)
{
    if (!cfg || !cfg->nzones)
        return NULL;
    char *rel = relative_to_config(cfg, path);
    const zl_zone_pattern *found = NULL;
    for (size_t i = 0; i < cfg->nzones && !found; i++)
        if (pattern_match(cfg->zones[i].pattern, rel))
            found = &cfg->zones[i];
    free(rel);
    return found;
}

bool zl_config_ignored(const zl_config *cfg, const char *path)
{
    if (!cfg || !cfg->nignore)
        return false;
    char *rel = relative_to_config(cfg, path);
    bool hit = false;
    for (size_t i = 0; i < cfg->nignore && !hit; i++)
        hit = pattern_match(cfg->ignore[i], rel) ||
              (fnmatch(cfg->ignore[i], rel, 0) == 0); /* without FNM_PATHNAME, dir/ * spans subfolders */
    free(rel);
    return hit;
}

bool zl_config_is_zone_file(const zl_config *cfg, const char *path)
{
    const char *base = zl_path_base(path);
    size_t n = strlen(base);
    if ((n > 5 && strcmp(base + n - 5, ".zone") == 0) ||
        (n > 3 && strcmp(base + n - 3, ".db") == 0) || (n > 3 && strncmp(base, "db.", 3) == 0) ||
        (n > 3 && strcmp(base + n - 3, ".tf") == 0) || /* Terraform: parser/iac */
        (n > 8 && strcmp(base + n - 8, ".tf.json") == 0))
        return true;
    return zl_config_zone_for(cfg, path) != NULL;
}
