#include "lint/git/hook.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lint/git/libgit2.h"
#include "lint/git/library.h"
#include "lint/io/fs.h"
#include "lint/util/util.h"

/* The hooks directory git uses: core.hooksPath (relative to the top of the
 * work tree, as git reads it), else the repository's own hooks/. NULL with
 * *msg when core.hooksPath is set but cannot be resolved (~user/ of an
 * unknown user): installing elsewhere would report a hook git never runs. */
static char *hooks_dir(git_repository *repo, char **msg)
{
    git_config *cfg = NULL;
    git_buf buf = {0};
    char *dir = NULL;
    git_config_entry *set = NULL;
    bool have_cfg = git_repository_config_snapshot(&cfg, repo) == 0;
    if (have_cfg && git_config_get_entry(&set, cfg, "core.hooksPath") == 0 &&
        git_config_get_path(&buf, cfg, "core.hooksPath") != 0) {
        const git_error *e = git_error_last();
        *msg = zl_xasprintf("core.hooksPath is \"%.200s\", which cannot be resolved (%s): "
                            "nothing was installed",
                            set->value, e ? e->message : "unknown error");
    } else if (have_cfg && set) {
        const char *top = git_repository_workdir(repo);
        dir = buf.ptr[0] == '/' || !top ? zl_xstrdup(buf.ptr)
                                        : zl_xasprintf("%s%s", top, buf.ptr);
    } else if (git_repository_item_path(&buf, repo, GIT_REPOSITORY_ITEM_HOOKS) == 0) {
        dir = zl_xstrdup(buf.ptr);
    }
    git_config_entry_free(set);
    git_buf_dispose(&buf);
    git_config_free(cfg);
    return dir;
}

static void mkdirs(const char *dir)
{
    char *p = zl_xstrdup(dir);
    for (char *s = strchr(p + 1, '/'); s; s = strchr(s + 1, '/')) {
        *s = '\0';
        mkdir(p, 0777);
        *s = '/';
    }
    mkdir(p, 0777);
    free(p);
}

/* An existing hook: fine when it is this one, else leave it alone. */
static bool existing(const char *path, char **msg)
{
    char *data = NULL, *err = NULL;
    size_t len = 0;
    if (zl_fs_posix.read(&zl_fs_posix, path, &data, &len, &err) != ZL_READ_OK) {
        *msg = err;
        return false;
    }
    bool same = len == strlen(zl_hook_text) && memcmp(data, zl_hook_text, len) == 0;
    free(data);
    *msg = same ? zl_xasprintf("the zonelint pre-commit hook is already installed: %s", path)
                : zl_xasprintf("%s exists and is not zonelint's hook, so it is left as it "
                               "is: add the line 'zonelint --staged || exit 1' to it, or move "
                               "it away and run zonelint --install-hook again",
                               path);
    return same;
}

static bool write_hook(const char *path, char **msg)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0755);
    if (fd < 0 && errno == EEXIST)
        return existing(path, msg);
    size_t len = strlen(zl_hook_text);
    bool ok = fd >= 0 && write(fd, zl_hook_text, len) == (ssize_t)len;
    int saved = errno;
    if (fd >= 0 && close(fd) != 0 && ok) {
        ok = false;
        saved = errno;
    }
    if (!ok) {
        if (fd >= 0)
            unlink(path);
        *msg = zl_xasprintf("cannot write %s: %s", path, strerror(saved));
        return false;
    }
    *msg = zl_xasprintf("installed the zonelint pre-commit hook: %s", path);
    return true;
}

bool zl_hook_install(const char *dir, char **msg)
{
    zl_git_library();
    git_repository *repo = NULL;
    bool ok = false;
    char *hooks = NULL;
    if (git_repository_open_ext(&repo, dir, 0, NULL) != 0) {
        *msg = zl_xasprintf("%s is not in a git repository: run --install-hook inside the "
                            "repository to guard",
                            dir);
    } else if (!(hooks = hooks_dir(repo, msg))) {
        const git_error *e = git_error_last();
        if (!*msg)
            *msg = zl_xasprintf("cannot find the hooks directory: %s", e ? e->message : "");
    } else {
        mkdirs(hooks);
        char *path = zl_xasprintf("%s%spre-commit", hooks,
                                  hooks[strlen(hooks) - 1] == '/' ? "" : "/");
        ok = write_hook(path, msg);
        free(path);
    }
    free(hooks);
    git_repository_free(repo);
    return ok;
}
