/* path.module, path.root and file(): Terraform runs in the root module's
 * directory, resolves file()'s relative paths from there, and gives each
 * module its directory relative to it ("." for the root). */
#include <stdlib.h>
#include <string.h>

#include "lint/util/util.h"
#include "parser/iac/tf_data.h"

char *tf_dir_form(const char *dir)
{
    char *d = zl_path_normalize(dir[0] ? dir : ".");
    size_t n = strlen(d);
    char *form = strcmp(d, ".") == 0 ? zl_xstrdup("")
                 : d[n - 1] == '/'   ? zl_xstrdup(d) /* "/" */
                                     : zl_xasprintf("%s/", d);
    free(d);
    return form;
}

/* dir relative to root (both "" or ending in '/') the way Terraform
 * writes a module's path: ".", "modules/dns", "../shared/dns". */
static char *relative_dir(const char *root, const char *dir)
{
    size_t common = 0;
    for (size_t i = 0; root[i] && root[i] == dir[i]; i++)
        if (root[i] == '/')
            common = i + 1;
    zl_buf b = {0};
    for (const char *p = root + common; *p; p++)
        if (*p == '/')
            zl_buf_adds(&b, "../");
    zl_buf_adds(&b, dir + common);
    if (b.len && b.data[b.len - 1] == '/')
        b.data[--b.len] = '\0';
    if (!b.len)
        zl_buf_adds(&b, ".");
    return zl_buf_take(&b);
}

tf_val *tf_path_value(tf_module *m, const char *attr, size_t n, tf_origin at)
{
    if (!m->root || !m->dir)
        return NULL;
    char *p;
    if (zl_text_eq(attr, (uint32_t)n, "module"))
        p = relative_dir(m->root, m->dir);
    else if (zl_text_eq(attr, (uint32_t)n, "root"))
        p = zl_xstrdup(".");
    else
        return NULL;
    tf_val *v = tf_string(&m->arena, p, strlen(p), at);
    free(p);
    return v;
}

/* The path as written, for messages: at most 200 octets of it. */
static char *shown(const tf_val *p)
{
    return zl_xasprintf("%.*s%s", (int)(p->n > 200 ? 200 : p->n), p->s, p->n > 200 ? "..." : "");
}

/* Read path (written: the argument) once: its text, or NULL, noted. */
static tf_val *read_text(tf_module *m, const char *path, const tf_val *written, tf_origin at)
{
    char *data = NULL, *err = NULL;
    size_t len = 0;
    zl_read_result got = m->fs->read(m->fs, path, &data, &len, &err);
    tf_val *v = NULL;
    char *as = shown(written);
    if (got == ZL_READ_REFUSED) {
        tf_note(m, at, "input-refused",
                zl_xasprintf("file(\"%s\") is not read: %s", as, zl_read_reason(err, path)),
                zl_xstrdup("see SECURITY.md for what zonelint reads and its limits; records "
                           "made of this file are not checked"));
    } else if (got == ZL_READ_FAILED) {
        tf_note(m, at, "syntax-error",
                zl_xasprintf("file(\"%s\"): there is no such file to read, and terraform plan "
                             "fails here",
                             as),
                zl_xstrdup("file() paths start at the root module's directory (path.module "
                           "names this module's)"));
    } else if (zl_utf8_valid(data, len) != len) {
        tf_note(m, at, "syntax-error",
                zl_xasprintf("file(\"%s\"): the file is not UTF-8 text, which file() refuses, "
                             "and terraform plan fails here",
                             as),
                zl_xstrdup("save the file as UTF-8 (filebase64 reads bytes)"));
    } else {
        tf_module_grant(m, len); /* the limits grow with what is read, as with .tf files */
        v = tf_text(&m->arena, data, len, at);
    }
    free(as);
    free(err);
    free(data);
    return v;
}

tf_val *tf_fn_file(tf_module *m, tf_val **a, size_t n, tf_origin at)
{
    if (n != 1 || a[0]->kind != TF_STRING || !m->fs || !m->root || memchr(a[0]->s, '\0', a[0]->n))
        return tf_unknown(&m->arena, NULL);
    char *joined = a[0]->s[0] == '/' ? zl_xstrndup(a[0]->s, a[0]->n)
                                     : zl_xasprintf("%s%.*s", m->root, (int)a[0]->n, a[0]->s);
    char *path = zl_path_normalize(joined);
    free(joined);
    size_t i = zl_strset_index(&m->read_paths, path, strlen(path));
    if (i + 1 == m->read_paths.n) { /* a path not asked for before */
        ZL_GROW(m->read, m->rcap, i + 1);
        m->read[i] = read_text(m, path, a[0], at);
    }
    free(path);
    return m->read[i] ? m->read[i] : tf_unknown(&m->arena, NULL);
}
