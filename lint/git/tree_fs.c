#include "lint/git/tree_fs.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lint/util/util.h"

/* libgit2 objects are used from one thread at a time: --diff reads both
 * versions at once, and both may come from the one repository. */
static pthread_mutex_t git_lock = PTHREAD_MUTEX_INITIALIZER;

/* Messages name files as the work tree's reader does ("path: No such file
 * or directory"), so that a finding quoting one (a missing $INCLUDE) keeps
 * its key whichever version it comes from. */
static char *missing(const char *path)
{
    return zl_xasprintf("%s: %s", path, strerror(ENOENT));
}

static zl_read_result symlink_refused(const zl_git_fs *g, const char *path, char **err)
{
    *err = zl_xasprintf("%s: a symbolic link in %s, which zonelint does not follow", path,
                        g->what);
    return ZL_READ_REFUSED;
}

/* The blob a tree or the index holds at path. */
static zl_read_result find_blob(const zl_git_fs *g, const char *path, git_oid *id, char **err)
{
    if (g->index) {
        const git_index_entry *e = git_index_get_bypath(g->index, path, 0);
        if (!e && (git_index_get_bypath(g->index, path, 1) ||
                   git_index_get_bypath(g->index, path, 2))) {
            *err = zl_xasprintf("%s: unmerged in the index: resolve the conflict first", path);
            return ZL_READ_FAILED;
        }
        if (!e) {
            *err = missing(path);
            return ZL_READ_FAILED;
        }
        if (e->mode == GIT_FILEMODE_COMMIT) {
            *err = zl_xasprintf("%s: a submodule, not a file", path);
            return ZL_READ_FAILED;
        }
        if (e->mode == GIT_FILEMODE_LINK)
            return symlink_refused(g, path, err);
        git_oid_cpy(id, &e->id);
        return ZL_READ_OK;
    }
    git_tree_entry *e = NULL;
    if (git_tree_entry_bypath(&e, g->tree, path) != 0) {
        *err = missing(path);
        return ZL_READ_FAILED;
    }
    git_object_t type = git_tree_entry_type(e);
    bool link = git_tree_entry_filemode(e) == GIT_FILEMODE_LINK;
    git_oid_cpy(id, git_tree_entry_id(e));
    git_tree_entry_free(e);
    if (type != GIT_OBJECT_BLOB) {
        *err = zl_xasprintf(type == GIT_OBJECT_TREE ? "%s: is a directory"
                                                    : "%s: a submodule, not a file",
                            path);
        return ZL_READ_FAILED;
    }
    return link ? symlink_refused(g, path, err) : ZL_READ_OK;
}

static zl_read_result read_object(const zl_git_fs *g, const char *path, char **data,
                                  size_t *len, char **err)
{
    if (path[0] == '/' || strcmp(path, "..") == 0 || strncmp(path, "../", 3) == 0) {
        *err = zl_xasprintf("%s: outside the repository, so not in %s", path, g->what);
        return ZL_READ_REFUSED;
    }
    git_oid id;
    zl_read_result found = find_blob(g, path, &id, err);
    if (found != ZL_READ_OK)
        return found;
    git_blob *blob = NULL;
    if (git_blob_lookup(&blob, g->repo, &id) != 0) {
        const git_error *e = git_error_last();
        *err = zl_xasprintf("%s: cannot read it from %s: %s", path, g->what,
                            e ? e->message : "unknown error");
        return ZL_READ_FAILED;
    }
    git_object_size_t size = git_blob_rawsize(blob);
    if (size > ZL_MAX_FILE_SIZE) {
        git_blob_free(blob);
        *err = zl_xasprintf("%s: larger than 4 GiB, which zonelint does not read", path);
        return ZL_READ_REFUSED;
    }
    *len = (size_t)size;
    *data = zl_xmalloc(*len + 1);
    memcpy(*data, git_blob_rawcontent(blob), *len);
    (*data)[*len] = '\0';
    git_blob_free(blob);
    return ZL_READ_OK;
}

static zl_read_result git_read(const zl_fs *fs, const char *path, char **data, size_t *len,
                               char **err)
{
    const zl_git_fs *g = fs->ctx;
    char *norm = zl_path_normalize(path);
    zl_read_result ok;
    if (g->root) {
        /* The work tree, through the confined reader: $INCLUDEs stay inside. */
        char *full = norm[0] == '/' ? zl_xstrdup(norm) : zl_xasprintf("%s%s", g->root, norm);
        ok = g->work->fs.read(&g->work->fs, full, data, len, err);
        size_t n = strlen(g->root);
        if (ok != ZL_READ_OK && strncmp(*err, g->root, n) == 0)
            memmove(*err, *err + n, strlen(*err + n) + 1);
        free(full);
    } else {
        pthread_mutex_lock(&git_lock);
        ok = read_object(g, norm, data, len, err);
        pthread_mutex_unlock(&git_lock);
    }
    free(norm);
    return ok;
}

static char *git_identity(const zl_fs *fs, const char *path)
{
    const zl_git_fs *g = fs->ctx;
    if (!g->root || path[0] == '/')
        return zl_path_normalize(path);
    char *full = zl_xasprintf("%s%s", g->root, path);
    char *id = zl_fs_posix.identity(&zl_fs_posix, full);
    free(full);
    return id;
}

static void add_name(char ***names, size_t *n, size_t *cap, const char *name, size_t len)
{
    ZL_GROW(*names, *cap, *n + 1);
    (*names)[(*n)++] = zl_xstrndup(name, len);
}

/* The blobs of a directory of the commit's tree, or of the index. */
static bool list_objects(const zl_git_fs *g, const char *dir, char ***names, size_t *n)
{
    size_t cap = 0, dn = strlen(dir);
    if (g->index) {
        for (size_t i = 0; i < git_index_entrycount(g->index); i++) {
            const git_index_entry *e = git_index_get_byindex(g->index, i);
            if (git_index_entry_stage(e) == 0 && strncmp(e->path, dir, dn) == 0 &&
                !strchr(e->path + dn, '/') && e->mode != GIT_FILEMODE_COMMIT)
                add_name(names, n, &cap, e->path + dn, strlen(e->path + dn));
        }
        return true;
    }
    git_tree *sub = NULL;
    const git_tree *t = g->tree;
    if (dn) {
        char *path = zl_xstrndup(dir, dn - 1); /* without its final '/' */
        git_tree_entry *e = NULL;
        bool found = git_tree_entry_bypath(&e, g->tree, path) == 0 &&
                     git_tree_entry_type(e) == GIT_OBJECT_TREE &&
                     git_tree_lookup(&sub, g->repo, git_tree_entry_id(e)) == 0;
        git_tree_entry_free(e);
        free(path);
        if (!found)
            return false;
        t = sub;
    }
    for (size_t i = 0; i < git_tree_entrycount(t); i++) {
        const git_tree_entry *e = git_tree_entry_byindex(t, i);
        if (git_tree_entry_type(e) == GIT_OBJECT_BLOB)
            add_name(names, n, &cap, git_tree_entry_name(e), strlen(git_tree_entry_name(e)));
    }
    git_tree_free(sub);
    return true;
}

static bool git_list(const zl_fs *fs, const char *dir, char ***names, size_t *n)
{
    const zl_git_fs *g = fs->ctx;
    *names = NULL;
    *n = 0;
    if (g->root) {
        char *full = zl_xasprintf("%s%s", g->root, dir);
        bool ok = g->work->fs.list(&g->work->fs, full, names, n);
        free(full);
        return ok;
    }
    pthread_mutex_lock(&git_lock);
    bool ok = list_objects(g, dir, names, n);
    pthread_mutex_unlock(&git_lock);
    return ok;
}

static void init(zl_git_fs *g, git_repository *repo)
{
    memset(g, 0, sizeof *g);
    g->fs = (zl_fs){.read = git_read, .identity = git_identity, .list = git_list, .ctx = g};
    g->repo = repo;
}

void zl_git_fs_tree(zl_git_fs *g, git_repository *repo, git_tree *tree, const git_oid *commit)
{
    init(g, repo);
    g->tree = tree;
    char hex[GIT_OID_HEXSZ + 1];
    git_oid_tostr(hex, sizeof hex, commit);
    snprintf(g->what, sizeof g->what, "commit %.12s", hex);
}

void zl_git_fs_index(zl_git_fs *g, git_repository *repo, git_index *index)
{
    init(g, repo);
    g->index = index;
    snprintf(g->what, sizeof g->what, "the index");
}

void zl_git_fs_workdir(zl_git_fs *g, const char *root, const zl_confine *work)
{
    init(g, NULL);
    g->root = root;
    g->work = work;
    snprintf(g->what, sizeof g->what, "the work tree");
}
