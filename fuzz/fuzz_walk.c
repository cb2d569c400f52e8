/* libFuzzer target for the directory walk and the confined reader: the
 * input is a little program that builds a tree of folders, zone files,
 * symbolic links (to ".", "..", "/", a file outside, nowhere) and FIFOs in
 * a fresh temporary folder; then the folder is walked and every file found
 * read through the confined reader. The walk must end, list each file once,
 * and read nothing outside the folder. */
#define _XOPEN_SOURCE 700 /* nftw */
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lint/cli/inputs.h"
#include "lint/io/confine.h"
#include "lint/io/real_path.h"

static char base[PATH_MAX]; /* holds "outside" and the tree "t" */

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    return remove(path) == 0 ? 0 : -1;
}

/* Links are removed, never followed (FTW_PHYS). */
static void remove_tree(const char *dir)
{
    (void)nftw(dir, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

static void build(const uint8_t *data, size_t size, const char *root)
{
    static const char *const targets[] = {".", "..", "/", "../../outside", "nowhere", "sub"};
    char cur[PATH_MAX];
    snprintf(cur, sizeof cur, "%s", root);
    for (size_t i = 0; i + 1 < size && i < 64; i += 2) {
        char path[PATH_MAX + 16];
        snprintf(path, sizeof path, "%s/%c%s", cur, 'a' + data[i + 1] % 8,
                 data[i] & 0x80 ? ".zone" : "");
        switch (data[i] % 5) {
        case 0:
            if (mkdir(path, 0700) == 0 && strlen(path) < PATH_MAX / 2)
                snprintf(cur, sizeof cur, "%s", path);
            break;
        case 1: {
            /* O_EXCL: never open an existing FIFO, which would block */
            static const char text[] =
                "$ORIGIN example.com.\n$TTL 1\n@ IN A 192.0.2.1\n$INCLUDE ../../outside\n";
            int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
            if (fd >= 0) {
                if (write(fd, text, sizeof text - 1) < 0)
                    abort();
                close(fd);
            }
            break;
        }
        case 2: (void)symlink(targets[data[i + 1] % 6], path); break;
        case 3: (void)mkfifo(path, 0600); break;
        default: snprintf(cur, sizeof cur, "%s", root); break;
        }
    }
}

static void cleanup(void)
{
    remove_tree(base);
    remove("/tmp/zl-fuzz-walk-outside");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!base[0]) {
        snprintf(base, sizeof base, "/tmp/zl-fuzz-walk-%d", (int)getpid());
        remove_tree(base);
        if (mkdir(base, 0700) != 0)
            abort();
        atexit(cleanup);
        FILE *f = fopen("/tmp/zl-fuzz-walk-outside", "w");
        if (!f)
            abort();
        fputs("SECRET\n", f);
        fclose(f);
    }
    char root[PATH_MAX + 8];
    snprintf(root, sizeof root, "%s/t", base);
    remove_tree(root);
    zl_real_path_forget(); /* the same paths name a new tree */
    if (mkdir(root, 0700) != 0)
        abort();
    build(data, size, root);

    size_t run = 0, unreadable = 0;
    zl_confine c;
    zl_confine_init(&c, &run);
    zl_confine_allow(&c, root);
    zl_config cfg = {0};
    zl_input_opts io = {.cfg = &cfg, .fs = &c.fs};
    char *args[] = {root};
    char **files = NULL, *err = NULL;
    size_t n = 0;
    if (zl_inputs_expand(&io, args, 1, &files, &n, &unreadable, &err)) {
        char *real_root = realpath(root, NULL);
        for (size_t i = 0; i < n; i++) {
            for (size_t k = 0; k < i; k++)
                if (strcmp(files[i], files[k]) == 0)
                    abort(); /* listed twice */
            char *text = NULL, *why = NULL;
            size_t len = 0;
            if (c.fs.read(&c.fs, files[i], &text, &len, &why) == ZL_READ_OK) {
                char *real = realpath(files[i], NULL);
                if (!real || strncmp(real, real_root, strlen(real_root)) != 0)
                    abort(); /* read outside */
                free(real);
            }
            free(text);
            free(why);
        }
        for (size_t i = 0; i < n; i++)
            free(files[i]);
        free(real_root);
    }
    free(files);
    free(err);
    zl_confine_free(&c);
    return 0;
}
