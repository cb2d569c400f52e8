#include "parser/iac/cdk_region.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "lint/util/util.h"

static char *region_of(json_t *artifact)
{
    const char *env = json_string_value(json_object_get(artifact, "environment"));
    const char *slash = env && strncmp(env, "aws://", 6) == 0 ? strrchr(env, '/') : NULL;
    if (!slash || slash < env + 6 || !slash[1] || strcmp(slash + 1, "unknown-region") == 0 ||
        strspn(slash + 1, "abcdefghijklmnopqrstuvwxyz0123456789-") != strlen(slash + 1))
        return NULL;
    return zl_xstrdup(slash + 1);
}

char *zl_cdk_region(const zl_fs *fs, const char *path)
{
    const char *base = zl_path_base(path);
    if (!fs->read || strcmp(path, "<stdin>") == 0 || strcmp(path, "-") == 0)
        return NULL;
    char *manifest = zl_xasprintf("%.*smanifest.json", (int)(base - path), path);
    char *data = NULL, *err = NULL, *region = NULL;
    size_t len = 0;
    json_t *doc = NULL;
    if (zl_fs_probe(fs, manifest, &data, &len, &err) == ZL_READ_OK)
        doc = json_loadb(data, len, 0, NULL);
    const char *key;
    json_t *artifact;
    json_object_foreach(json_object_get(doc, "artifacts"), key, artifact) {
        const char *type = json_string_value(json_object_get(artifact, "type"));
        const char *file = json_string_value(
            json_object_get(json_object_get(artifact, "properties"), "templateFile"));
        if (!region && type && strcmp(type, "aws:cloudformation:stack") == 0 && file &&
            strcmp(file, base) == 0)
            region = region_of(artifact);
    }
    (void)key;
    json_decref(doc);
    free(data);
    free(err);
    free(manifest);
    return region;
}
