/* Modules from the registry or git are not in the repository, but after
 * `terraform init` the root module's .terraform/modules/modules.json maps
 * each module call to the directory it was installed in. From Terraform's
 * source (internal/modsdir/manifest.go, manifestSnapshotFile and
 * Manifest.ModuleKey): {"Modules": [{"Key": "ses", "Source": ..., "Dir":
 * ".terraform/modules/ses"}, ...]}, Key the names of the nested module calls
 * joined by ".", Dir relative to the root module's directory, with forward
 * slashes. Only a Dir below .terraform/modules/ is taken, and it is read
 * through the confined file system like any other input. */
#ifndef ZL_TF_MANIFEST_H
#define ZL_TF_MANIFEST_H

#include <stdbool.h>
#include <stddef.h>

#include "lint/io/fs.h"

typedef struct tf_manifest {
    char *root;  /* the root module's directory, "" or ending in '/' */
    bool loaded; /* modules.json was looked for */
    struct tf_installed {
        char *key, *dir;
    } *mods;
    size_t n, cap;
} tf_manifest;

/* The directory ("" or ending in '/') terraform init installed the module
 * of key in, or NULL when there is no such record (never guessed). */
const char *tf_manifest_dir(tf_manifest *mf, const zl_fs *fs, const char *key);
void tf_manifest_free(tf_manifest *mf);

#endif
