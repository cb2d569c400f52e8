/* Local module calls: module "dns" { source = "./modules/dns", zone = ...,
 * records = {...} }. Each instance of the call (count, for_each) reads the
 * called directory as a module whose variables are the call's arguments,
 * evaluated in the caller: records built from data the caller passes are
 * linted where the called module writes them. Registry and git sources are
 * read where `terraform init` installed them, as .terraform/modules/
 * modules.json of the root module says (tf_manifest.h); without it they are
 * not read (they are not in the repository), and stay unknown. Calls nest a
 * few levels deep at most. */
#include <stdlib.h>
#include <string.h>

#include "parser/iac/tf_load.h"
#include "parser/iac/tf_data.h"
#include "parser/iac/tf_read.h"
#include "lint/util/util.h"

#define TF_MAX_CALL_DEPTH 4 /* both spelled out in report_unread's messages */
#define TF_MAX_FILES 4096 /* files read for one module and its calls: no blowup
                             from a module that calls itself with count = 10000 */

/* Arguments that are the call's, not the module's variables. */
static const char *const meta[] = {"source", "version", "count", "for_each", "providers",
                                   "depends_on"};

static bool is_meta(const zl_hcl_item *it)
{
    for (size_t i = 0; i < sizeof meta / sizeof meta[0]; i++)
        if (zl_text_eq(it->name, it->nname, meta[i]))
            return true;
    return false;
}

/* The called directory, "" or ending in '/': a local source beside the
 * calling file, another where terraform init installed it; NULL when not
 * known. key: the call's module key. */
static char *called_dir(tf_reader *r, const tf_block *b, const char *key)
{
    const zl_hcl_item *src = zl_hcl_attr(b->item->body, "source");
    tf_val *v = src ? tf_eval(&r->m, b->file, src->expr, NULL) : NULL;
    if (!v || v->kind != TF_STRING)
        return NULL;
    if (!(strncmp(v->s, "./", 2) == 0 || strncmp(v->s, "../", 3) == 0)) {
        const char *dir = tf_manifest_dir(r->manifest, r->in->o->fs, key);
        return dir ? zl_xstrdup(dir) : NULL;
    }
    const char *path = r->m.files[b->file].path;
    size_t dn = (size_t)(zl_path_base(path) - path);
    char *joined = zl_xasprintf("%.*s%s", (int)dn, path, v->s);
    char *dir = tf_dir_form(joined);
    free(joined);
    return dir;
}

static void call(tf_reader *r, tf_block *b, const tf_scope *sc, const char *dir,
                 const char *key, unsigned depth)
{
    tf_reader c = {.in = r->in,
                   .next_base = r->next_base,
                   .first_zone = r->in->zs->nzones,
                   .manifest = r->manifest,
                   .key = key};
    tf_module_init(&c.m);
    c.m.caller = &r->m;
    c.m.base = *r->next_base;
    c.m.fs = r->m.fs;
    c.m.root = r->m.root ? zl_xstrdup(r->m.root) : NULL;
    c.m.dir = tf_dir_form(dir);
    const zl_hcl_body *body = b->item->body;
    for (size_t i = 0; i < body->n; i++)
        if (body->items[i].expr && !is_meta(&body->items[i]))
            tf_module_input(&c.m, zl_xstrndup(body->items[i].name, body->items[i].nname),
                            tf_eval(&r->m, b->file, body->items[i].expr, sc));
    if (tf_load_dir(&c.m, r->in->o->fs, dir)) {
        *r->next_base += (uint32_t)c.m.nfiles;
        for (c.self = 0; c.self < c.m.nfiles; c.self++)
            tf_read_file(&c);
        tf_read_calls(&c, depth + 1);
        tf_report_stops(&c);
    }
    tf_reader_free(&c);
}

/* A call the limits leave unread is said at its module block: its
 * records are not checked, and a run that passed in silence would pass
 * them. */
static void report_unread(tf_reader *r, const tf_block *b, const char *why)
{
    tf_report_at(r, b->file, b->item->start, "input-refused",
                 zl_xasprintf("module \"%s\" is not read: %s", b->name, why),
                 zl_xstrdup("lint the called module's directory on its own, or the plan "
                            "(terraform show -json PLAN), which holds every module"));
}

void tf_read_calls(tf_reader *r, unsigned depth)
{
    for (size_t i = 0; i < r->m.nblocks; i++) {
        tf_block *b = &r->m.blocks[i];
        if (b->kind != TF_MODULE)
            continue;
        char *key = *r->key ? zl_xasprintf("%s.%s", r->key, b->name) : zl_xstrdup(b->name);
        char *dir = called_dir(r, b, key);
        const tf_scope **scopes;
        size_t n;
        if (dir && tf_instances(&r->m, b, &scopes, &n) && n) {
            if (depth >= TF_MAX_CALL_DEPTH)
                report_unread(r, b, "module calls nest 4 deep at most");
            else
                for (size_t k = 0; k < n; k++) {
                    if (*r->next_base >= TF_MAX_FILES) {
                        report_unread(r, b, "a module and its calls read 4,096 files at most");
                        break;
                    }
                    call(r, b, scopes[k], dir, key, depth);
                }
        }
        free(dir);
        free(key);
    }
}
