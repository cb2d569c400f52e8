#include "parser/iac/tf_manifest.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "lint/util/util.h"

#define TF_MODULES_DIR ".terraform/modules/"

/* A Dir of the manifest as a directory below the root, or NULL when it
 * is not below .terraform/modules/ once normalised ("x/.." taken out, so
 * no ".." is left in it). */
static char *installed_dir(const char *root, const char *dir)
{
    char *norm = zl_path_normalize(dir);
    size_t k = strlen(TF_MODULES_DIR), n = strlen(norm);
    char *out = strncmp(norm, TF_MODULES_DIR, k) == 0 && n > k
                    ? zl_xasprintf("%s%s%s", root, norm, norm[n - 1] == '/' ? "" : "/")
                    : NULL;
    free(norm);
    return out;
}

static void load(tf_manifest *mf, const zl_fs *fs)
{
    mf->loaded = true;
    char *path = zl_xasprintf("%s" TF_MODULES_DIR "modules.json", mf->root);
    char *data = NULL, *err = NULL;
    size_t len = 0;
    json_t *doc = NULL;
    if (zl_fs_probe(fs, path, &data, &len, &err) == ZL_READ_OK)
        doc = json_loadb(data, len, 0, NULL);
    json_t *mods = json_object_get(doc, "Modules");
    for (size_t i = 0; i < json_array_size(mods); i++) {
        json_t *m = json_array_get(mods, i);
        const char *key = json_string_value(json_object_get(m, "Key"));
        const char *dir = json_string_value(json_object_get(m, "Dir"));
        char *d = key && *key && dir ? installed_dir(mf->root, dir) : NULL;
        if (!d)
            continue;
        ZL_GROW(mf->mods, mf->cap, mf->n + 1);
        mf->mods[mf->n++] = (struct tf_installed){zl_xstrdup(key), d};
    }
    json_decref(doc);
    free(data);
    free(err);
    free(path);
}

const char *tf_manifest_dir(tf_manifest *mf, const zl_fs *fs, const char *key)
{
    if (!mf->loaded)
        load(mf, fs);
    for (size_t i = 0; i < mf->n; i++)
        if (strcmp(mf->mods[i].key, key) == 0)
            return mf->mods[i].dir;
    return NULL;
}

void tf_manifest_free(tf_manifest *mf)
{
    for (size_t i = 0; i < mf->n; i++) {
        free(mf->mods[i].key);
        free(mf->mods[i].dir);
    }
    free(mf->mods);
    free(mf->root);
    memset(mf, 0, sizeof *mf);
}
