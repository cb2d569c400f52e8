/* The module a .tf file belongs to: the .tf files of its directory, with
 * terraform.tfvars and *.auto.tfvars, as Terraform loads them. */
#ifndef ZL_TF_LOAD_H
#define ZL_TF_LOAD_H

#include "lint/io/fs.h"
#include "parser/iac/tf_eval.h"

/* Add path's text (taken over) and, when siblings is set and fs can list
 * directories (the work tree, a commit, the index), every other file of
 * its module that can be read. *self: path's index in m. */
void tf_load_module(tf_module *m, const zl_fs *fs, const char *path, char *text, size_t len,
                    bool siblings, uint32_t *self);

/* Every .tf and .tf.json file of directory dir ("" or ending in '/'), for
 * a called module (which reads no .tfvars); false when none can be read. */
bool tf_load_dir(tf_module *m, const zl_fs *fs, const char *dir);

#endif
