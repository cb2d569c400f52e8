#include "lint/cli/inputs.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "parser/formats.h"
#include "parser/master/master.h"
#include "parser/master/origin.h"
#include "lint/output/escape.h"
#include "lint/util/util.h"

typedef struct list {
    char **v;
    size_t n, cap;
} list;

static void push(list *l, char *s)
{
    ZL_GROW(l->v, l->cap, l->n + 1);
    l->v[l->n++] = s;
}

/* Whether a folder's file is a template zonelint reads (parser/formats.h):
 * only named like one, and of a size a template has, is it read to tell. */
static bool dns_template(const char *path, const struct stat *st)
{
    if (!zl_format_template_name(path) || !S_ISREG(st->st_mode) ||
        st->st_size > (off_t)ZL_TEMPLATE_MAX)
        return false;
    char *data = NULL, *err = NULL;
    size_t len = 0;
    bool yes = zl_fs_read_regular(path, path, ZL_TEMPLATE_MAX, &data, &len, &err) ==
                   ZL_READ_OK &&
               zl_format_dns_template(path, data, len);
    free(data);
    free(err);
    return yes;
}

/* A folder's zone files, sorted, its sub-folders searched in turn. As git
 * and find do, symbolic links to folders are not followed (a link to ".."
 * or "/" would walk without end, or the whole machine); links to files are
 * listed, and the confined reader decides whether they may be read. A
 * folder or an entry that cannot be read is reported and counted. */
static void walk(const zl_input_opts *o, const char *dir, list *out, size_t *unreadable)
{
    DIR *d = opendir(dir);
    if (!d) {
        zl_warn("%s: cannot read the folder: %s", dir, strerror(errno));
        (*unreadable)++;
        return;
    }
    list names = {0};
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue; /* ., .., .git and other hidden entries */
        push(&names, zl_xstrdup(e->d_name));
    }
    closedir(d);
    if (names.n)
        qsort(names.v, names.n, sizeof *names.v, zl_cmp_strings);
    for (size_t i = 0; i < names.n; i++) {
        char *path = strcmp(dir, ".") == 0 ? zl_xstrdup(names.v[i])
                                           : zl_xasprintf("%s/%s", dir, names.v[i]);
        free(names.v[i]);
        struct stat st, target;
        bool keep = false;
        if (zl_config_ignored(o->cfg, path)) {
            /* not ours to read */
        } else if (lstat(path, &st) != 0) {
            zl_warn("%s: %s", path, strerror(errno));
            (*unreadable)++;
        } else if (S_ISDIR(st.st_mode)) {
            walk(o, path, out, unreadable);
        } else if (!zl_config_is_zone_file(o->cfg, path) && !dns_template(path, &st)) {
            /* not a zone file */
        } else if (S_ISLNK(st.st_mode) && stat(path, &target) != 0) {
            zl_warn("%s: a symbolic link to nothing (%s)", path, strerror(errno));
            (*unreadable)++;
        } else {
            /* a regular file, or a link to one (a link to a folder or a FIFO is
             * left as find -type f leaves it) */
            keep = S_ISREG(st.st_mode) || (S_ISLNK(st.st_mode) && S_ISREG(target.st_mode));
        }
        if (keep)
            push(out, path);
        else
            free(path);
    }
    free(names.v);
}

bool zl_inputs_expand(const zl_input_opts *o, char **args, size_t nargs, char ***files,
                      size_t *nfiles, size_t *unreadable, char **err)
{
    list out = {0};
    for (size_t i = 0; i < nargs; i++) {
        struct stat st;
        if (strcmp(args[i], "-") == 0) {
            push(&out, zl_xstrdup("-"));
        } else if (stat(args[i], &st) != 0) {
            *err = zl_xasprintf("%s: %s", args[i], strerror(errno));
            for (size_t k = 0; k < out.n; k++)
                free(out.v[k]);
            free(out.v);
            return false;
        } else if (S_ISDIR(st.st_mode)) {
            char *dir = zl_xstrdup(args[i]);
            size_t n = strlen(dir);
            while (n > 1 && dir[n - 1] == '/')
                dir[--n] = '\0';
            walk(o, dir, &out, unreadable);
            free(dir);
        } else {
            push(&out, zl_xstrdup(args[i]));
        }
    }
    *files = out.v;
    *nfiles = out.n;
    return true;
}

/* A gdnsd configuration ("options => {", "plugins => {") named config in
 * the zone file's folder or the one above it (gdnsd's zones/ lives beside
 * its config; a repository may keep them as templates/): the zone files
 * are gdnsd's, even those without its syntax. */
static bool beside_gdnsd_config(const zl_fs *fs, const char *path)
{
    static const char *const where[] = {"config", "../config"};
    bool found = false;
    for (size_t i = 0; i < 2 && !found; i++) {
        char *cfg = zl_path_beside(path, where[i]);
        char *text = NULL, *err = NULL;
        size_t len = 0;
        if (zl_fs_probe(fs, cfg, &text, &len, &err) == ZL_READ_OK)
            found = strstr(text, "options => {") || strstr(text, "plugins => {");
        free(text);
        free(err);
        free(cfg);
    }
    return found;
}

static bool gdnsd_folder(const zl_input_opts *o, const char *path)
{
    zl_beside_memo *m = o->beside;
    if (!m)
        return beside_gdnsd_config(o->fs, path);
    const char *slash = strrchr(path, '/');
    size_t n = slash ? (size_t)(slash + 1 - path) : 0;
    if (!m->folder || !zl_text_eq(path, n, m->folder)) {
        free(m->folder);
        m->folder = zl_xstrndup(path, n);
        m->gdnsd = beside_gdnsd_config(o->fs, path);
    }
    return m->gdnsd;
}

void zl_beside_memo_scope(zl_beside_memo *m, char *scope)
{
    if (m->scope && strcmp(m->scope, scope) == 0) {
        free(scope);
        return;
    }
    zl_beside_memo_free(m);
    m->scope = scope;
}

void zl_beside_memo_free(zl_beside_memo *m)
{
    free(m->scope);
    free(m->folder);
    *m = (zl_beside_memo){0};
}

/* --publisher, else the file's pattern's, else the configuration's, else a
 * gdnsd configuration beside it; ZL_PUB_AUTO lets the reader recognise it. */
static zl_publisher choose_publisher(const zl_input_opts *o, const zl_zone_pattern *pat,
                                     const char *path)
{
    if (o->publisher != ZL_PUB_AUTO)
        return o->publisher;
    if (pat && pat->publisher != ZL_PUB_AUTO)
        return pat->publisher;
    if (o->cfg->publisher != ZL_PUB_AUTO)
        return o->cfg->publisher;
    if (strcmp(path, "-") != 0 && gdnsd_folder(o, path))
        return ZL_PUB_GDNSD;
    return ZL_PUB_AUTO;
}

bool zl_inputs_read(zl_zoneset *zs, const zl_input_opts *o, const char *path, char **err)
{
    bool is_stdin = strcmp(path, "-") == 0;
    const char *named = is_stdin && o->stdin_name ? o->stdin_name : path;
    char *where = o->root ? zl_xasprintf("%s%s", o->root, named) : NULL;
    const zl_zone_pattern *pat = zl_config_zone_for(o->cfg, where ? where : named);
    free(where);
    const char *forced = pat && pat->origin ? pat->origin : o->origin;
    zl_master_opts mo = {.fs = o->fs, .origin = ZL_NAME_NONE,
                         .publisher = choose_publisher(o, pat, path)};
    if (forced) {
        mo.origin = zl_origin_intern(&zs->names, forced, strlen(forced));
        mo.origin_forced = true;
        if (mo.origin == ZL_NAME_NONE) {
            *err = zl_xasprintf("bad origin '%s'", forced);
            return false;
        }
    } else {
        char *derived = strcmp(named, "-") ? zl_origin_from_filename(named) : NULL;
        if (derived)
            mo.origin = zl_origin_intern(&zs->names, derived, strlen(derived));
        free(derived);
    }
    const char *shown = strcmp(named, "-") == 0 ? "<stdin>" : named;
    char *data = NULL;
    size_t len = 0, mapped = 0;
    zl_read_result got = o->fs->map ? o->fs->map(o->fs, path, &data, &len, &mapped, err)
                                    : o->fs->read(o->fs, path, &data, &len, err);
    if (got == ZL_READ_REFUSED) {
        /* A finding, not an I/O error: the run goes on, and the gate fails. */
        zl_diag_file(zs, "input-refused", shown, *err,
                     zl_xstrdup("zone files found in a folder are read only when they lie "
                                "inside the repository (or the folder given) and are regular files"));
        *err = NULL;
        return true;
    }
    if (got != ZL_READ_OK)
        return false;
    size_t first = zs->nzones;
    zl_input in = {.zs = zs, .path = shown, .text = data, .len = len, .mapped = mapped, .o = &mo};
    if (!zl_format_read(&in, o->input_format, err))
        return false;
    for (size_t i = first; i < zs->nzones; i++) {
        zl_zone *z = zs->zones[i];
        if (strcmp(z->format, "bind") != 0 && mo.publisher == ZL_PUB_AUTO)
            z->publisher = strcmp(z->format, "octodns") == 0 ? ZL_PUB_OCTODNS : ZL_PUB_PROVIDER;
        /* Whether another loaded file $INCLUDEs this one (lint/model/scope.h). */
        if (z->scope == ZL_SCOPE_ZONE && z->src != ZL_NONE && strcmp(path, "-") != 0 &&
            !zs->srcs[z->src]->identity)
            zl_zoneset_set_identity(zs, z->src, o->fs->identity(o->fs, path));
        if (z->no_origin_src == ZL_NONE)
            continue;
        uint32_t line, col;
        const zl_source *s = zs->srcs[z->no_origin_src];
        zl_source_position(s, z->no_origin_off, &line, &col);
        *err = zl_xasprintf("%s:%u:%u: relative name, but the origin is unknown: add $ORIGIN "
                            "to the file, pass --origin, or name the file after its zone "
                            "(db.example.com, example.com.zone)",
                            s->path, line, col);
        return false;
    }
    return true;
}
