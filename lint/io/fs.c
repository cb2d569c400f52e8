#include "lint/io/fs.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lint/io/real_path.h"
#include "lint/util/util.h"

/* Read fd to its end, at most max bytes. size is what fstat said (0 for a
 * stream): the buffer starts big enough for it, since doubling a buffer up
 * to a large file would leave it up to twice the file's size, and no bigger,
 * since the buffer becomes the source's text: a tree of thousands of small
 * files each kept in 64 KiB held twenty-five times their size. read(2)
 * straight, not stdio: a small file then costs two reads. */
static zl_read_result read_stream(int fd, const char *shown, size_t max, size_t size,
                                  char **data, size_t *len, char **err)
{
    size_t cap = size > 0 && size < max ? size + 4098 : 65536, n = 0;
    char *buf = zl_xmalloc(cap);
    for (;;) {
        if (cap - n < 4096 + 1) {
            if (cap > max) {
                free(buf);
                *err = zl_xasprintf("%s: larger than %zu MiB, which zonelint does not read",
                                    shown, (max >> 20) + 1);
                return ZL_READ_REFUSED;
            }
            cap *= 2;
            buf = zl_xrealloc(buf, cap);
        }
        ssize_t got = read(fd, buf + n, cap - n - 1);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            *err = zl_xasprintf("%s: read error: %s", shown, strerror(errno));
            free(buf);
            return ZL_READ_FAILED;
        }
        if (got == 0)
            break;
        n += (size_t)got;
    }
    if (n > max) {
        free(buf);
        *err = zl_xasprintf("%s: larger than %zu MiB, which zonelint does not read", shown,
                            (max >> 20) + 1);
        return ZL_READ_REFUSED;
    }
    buf[n] = '\0';
    if (cap / 2 > n + 1) /* a stream that stopped short of its buffer */
        buf = zl_xrealloc(buf, n + 1);
    *data = buf;
    *len = n;
    return ZL_READ_OK;
}

static const char *kind(mode_t m)
{
    return S_ISDIR(m)    ? "is a directory"
           : S_ISFIFO(m) ? "is a FIFO, not a regular file"
           : S_ISCHR(m) || S_ISBLK(m) ? "is a device, not a regular file"
           : S_ISSOCK(m) ? "is a socket, not a regular file"
                         : "is not a regular file";
}

static void on_sigbus(int sig)
{
    (void)sig;
    static const char msg[] = "zonelint: an input file shrank while it was read\n";
    ssize_t w = write(STDERR_FILENO, msg, sizeof msg - 1);
    (void)w;
    _exit(2);
}

/* size bytes of fd and a NUL after them, at a fresh address: the file is
 * mapped over anonymous zeros one octet longer. Copying a large zone costs
 * a page fault for every 4 KiB of fresh memory (30 ms for 40 MB); a mapping
 * faults in the page cache 64 KiB at a time and copies nothing. Pages are
 * private: a write (the NUL) changes no file. */
static char *map_file(int fd, size_t size, size_t *mapped)
{
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    size_t total = (size + 1 + page - 1) / page * page;
    char *base = mmap(NULL, total, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (base == MAP_FAILED)
        return NULL;
    if (mmap(base, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_FIXED, fd, 0) == MAP_FAILED) {
        munmap(base, total);
        return NULL;
    }
    static bool handled;
    if (!handled) {
        /* A file cut short under the mapping faults where it was: say so
         * instead of dying of the signal. */
        struct sigaction sa = {.sa_handler = on_sigbus};
        sigemptyset(&sa.sa_mask);
        sigaction(SIGBUS, &sa, NULL);
        handled = true;
    }
    base[size] = '\0';
    *mapped = total;
    return base;
}

void zl_fs_unmap(char *data, size_t mapped)
{
    if (data)
        munmap(data, mapped);
}

static zl_read_result open_regular(const char *path, const char *shown, size_t max, char **data,
                                   size_t *len, size_t *mapped, char **err)
{
    /* O_NONBLOCK: opening a FIFO for reading would wait for a writer. */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        *err = zl_xasprintf("%s: %s", shown, strerror(errno));
        return ZL_READ_FAILED;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        bool dir = S_ISDIR(st.st_mode);
        *err = zl_xasprintf("%s: %s", shown, kind(st.st_mode));
        close(fd);
        return dir ? ZL_READ_FAILED : ZL_READ_REFUSED;
    }
    size_t size = (size_t)st.st_size;
    if (mapped && size >= ZL_MAP_AT_LEAST && size <= max &&
        (*data = map_file(fd, size, mapped)) != NULL) {
        close(fd);
        *len = size;
        return ZL_READ_OK;
    }
    /* Regular files on FUSE or procfs may still honour O_NONBLOCK (EAGAIN). */
    fcntl(fd, F_SETFL, 0);
    zl_read_result r = read_stream(fd, shown, max, size, data, len, err);
    close(fd);
    return r;
}

zl_read_result zl_fs_read_regular(const char *path, const char *shown, size_t max, char **data,
                                  size_t *len, char **err)
{
    return open_regular(path, shown, max, data, len, NULL, err);
}

zl_read_result zl_fs_map_regular(const char *path, const char *shown, size_t max, char **data,
                                 size_t *len, size_t *mapped, char **err)
{
    *mapped = 0;
    return open_regular(path, shown, max, data, len, mapped, err);
}

/* mapped is NULL when the text must be copied. */
static zl_read_result posix_open(const char *path, char **data, size_t *len, size_t *mapped,
                                 char **err)
{
    if (strcmp(path, "-") == 0)
        return read_stream(STDIN_FILENO, "<stdin>", ZL_MAX_FILE_SIZE, 0, data, len, err);
    return open_regular(path, path, ZL_MAX_FILE_SIZE, data, len, mapped, err);
}

static zl_read_result posix_read(const zl_fs *fs, const char *path, char **data, size_t *len,
                                 char **err)
{
    (void)fs;
    return posix_open(path, data, len, NULL, err);
}

static zl_read_result posix_map(const zl_fs *fs, const char *path, char **data, size_t *len,
                                size_t *mapped, char **err)
{
    (void)fs;
    *mapped = 0;
    return posix_open(path, data, len, mapped, err);
}

static char *posix_identity(const zl_fs *fs, const char *path)
{
    (void)fs;
    char *real = zl_real_path(path);
    return real ? real : zl_path_normalize(path);
}

bool zl_fs_list_dir(const char *dir, char ***names, size_t *n)
{
    DIR *d = opendir(*dir ? dir : ".");
    if (!d)
        return false;
    size_t cap = 0;
    *names = NULL;
    *n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        char *path = zl_xasprintf("%s%s", dir, e->d_name);
        struct stat st;
        if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
            ZL_GROW(*names, cap, *n + 1);
            (*names)[(*n)++] = zl_xstrdup(e->d_name);
        }
        free(path);
    }
    closedir(d);
    return true;
}

static bool posix_list(const zl_fs *fs, const char *dir, char ***names, size_t *n)
{
    (void)fs;
    return zl_fs_list_dir(dir, names, n);
}

const zl_fs zl_fs_posix = {.read = posix_read,
                           .map = posix_map,
                           .identity = posix_identity,
                           .list = posix_list,
                           .ctx = NULL};

zl_read_result zl_fs_probe(const zl_fs *fs, const char *path, char **data, size_t *len,
                           char **err)
{
    return (fs->probe ? fs->probe : fs->read)(fs, path, data, len, err);
}

const char *zl_read_reason(const char *err, const char *path)
{
    size_t n = strlen(path);
    return strncmp(err, path, n) == 0 && err[n] == ':' && err[n + 1] == ' ' ? err + n + 2 : err;
}

const char *zl_path_base(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

char *zl_path_beside(const char *base_file, const char *rel)
{
    if (rel[0] == '/' || !base_file)
        return zl_xstrdup(rel);
    const char *slash = strrchr(base_file, '/');
    if (!slash)
        return zl_xstrdup(rel);
    return zl_xasprintf("%.*s/%s", (int)(slash - base_file), base_file, rel);
}

char *zl_path_normalize(const char *path)
{
    bool absolute = path[0] == '/';
    size_t n = strlen(path);
    char *copy = zl_xstrndup(path, n);
    char **parts = zl_xmalloc((n / 2 + 2) * sizeof *parts);
    size_t np = 0;
    for (char *save = NULL, *p = strtok_r(copy, "/", &save); p; p = strtok_r(NULL, "/", &save)) {
        if (strcmp(p, ".") == 0)
            continue;
        if (strcmp(p, "..") == 0 && np > 0 && strcmp(parts[np - 1], "..") != 0) {
            np--;
            continue;
        }
        if (strcmp(p, "..") == 0 && absolute)
            continue;
        parts[np++] = p;
    }
    zl_buf b = {0};
    if (absolute)
        zl_buf_addc(&b, '/');
    for (size_t i = 0; i < np; i++) {
        if (i)
            zl_buf_addc(&b, '/');
        zl_buf_adds(&b, parts[i]);
    }
    if (b.len == 0)
        zl_buf_addc(&b, '.');
    free(parts);
    free(copy);
    return zl_buf_take(&b);
}
