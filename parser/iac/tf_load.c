#include "parser/iac/tf_load.h"

#include <stdlib.h>
#include <string.h>

#include "lint/util/util.h"

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

static void add_file(tf_module *m, const zl_fs *fs, const char *path, bool tfvars)
{
    char *data = NULL, *err = NULL;
    size_t len = 0;
    if (fs->read(fs, path, &data, &len, &err) == ZL_READ_OK)
        tf_module_add(m, path, data, len, tfvars);
    free(err); /* a sibling that cannot be read only leaves its references unknown */
}

void tf_load_module(tf_module *m, const zl_fs *fs, const char *path, char *text, size_t len,
                    bool siblings, uint32_t *self)
{
    *self = tf_module_add(m, path, text, len, false);
    if (!siblings || !fs->list || strcmp(path, "-") == 0 || strcmp(path, "<stdin>") == 0)
        return;
    const char *base = zl_path_base(path);
    char *dir = zl_xstrndup(path, (size_t)(base - path)); /* "" or ending in '/' */
    char **names = NULL;
    size_t n = 0;
    if (!fs->list(fs, dir, &names, &n))
        n = 0;
    if (n)
        qsort(names, n, sizeof *names, zl_cmp_strings);
    for (size_t i = 0; i < n; i++) {
        const char *name = names[i];
        bool tf = ends_with(name, ".tf") || ends_with(name, ".tf.json");
        if (name[0] != '.' && strcmp(name, base) != 0 &&
            (tf || strcmp(name, "terraform.tfvars") == 0 || ends_with(name, ".auto.tfvars"))) {
            char *p = zl_xasprintf("%s%s", dir, name);
            add_file(m, fs, p, !tf);
            free(p);
        }
        free(names[i]);
    }
    free(names);
    free(dir);
}

bool tf_load_dir(tf_module *m, const zl_fs *fs, const char *dir)
{
    char **names = NULL;
    size_t n = 0;
    if (!fs->list || !fs->list(fs, dir, &names, &n))
        return false;
    if (n)
        qsort(names, n, sizeof *names, zl_cmp_strings);
    for (size_t i = 0; i < n; i++) {
        if (names[i][0] != '.' && (ends_with(names[i], ".tf") || ends_with(names[i], ".tf.json"))) {
            char *p = zl_xasprintf("%s%s", dir, names[i]);
            add_file(m, fs, p, false);
            free(p);
        }
        free(names[i]);
    }
    free(names);
    return m->nfiles > 0;
}
