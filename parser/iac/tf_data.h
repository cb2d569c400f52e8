/* Terraform's functions that read a file of the repository and decode
 * data (tf_file.c, tf_csv.c, tf_decode.c), and the paths Terraform names:
 * a module that keeps its records in a CSV, JSON or YAML file beside it is
 * read whole, not left out. */
#ifndef ZL_TF_DATA_H
#define ZL_TF_DATA_H

#include "parser/iac/tf_eval.h"

/* A directory as the module keeps it: normalised, "" or ending in '/'
 * (caller frees). */
char *tf_dir_form(const char *dir);
/* path.module and path.root, as Terraform sets them; NULL for any other
 * attribute of path (path.cwd is an absolute path of the machine). */
tf_val *tf_path_value(tf_module *m, const char *attr, size_t n, tf_origin at);

/* file(PATH): the file's text, read once per file through the module's
 * file system (confined as every input is), PATH relative to the root
 * module's directory. A file not read is noted at the call: refused
 * (input-refused), or missing or not UTF-8, as Terraform fails then
 * (syntax-error). */
tf_val *tf_fn_file(tf_module *m, tf_val **a, size_t n, tf_origin at);
/* csvdecode(TEXT): a list of objects, one per row, keyed by the header. */
tf_val *tf_fn_csvdecode(tf_module *m, tf_val **a, size_t n, tf_origin at);
/* jsondecode(TEXT) and yamldecode(TEXT) (one document): objects in the
 * order of their keys, as Terraform's. */
tf_val *tf_fn_jsondecode(tf_module *m, tf_val **a, size_t n, tf_origin at);
tf_val *tf_fn_yamldecode(tf_module *m, tf_val **a, size_t n, tf_origin at);

#endif
