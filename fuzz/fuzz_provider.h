/* Shared body of the provider-export fuzz targets: the bytes after the first
 * are read as one of a reader's formats (the first byte chooses), then
 * linted. Any result is fine (a finding, exit-2 error); a crash, hang, leak
 * or sanitizer report is not. $INCLUDE in a BIND-style export reads nothing. */
#ifndef ZL_FUZZ_PROVIDER_H
#define ZL_FUZZ_PROVIDER_H

#include <stdint.h>
#include <string.h>

#include "parser/formats.h"
#include "fuzz_lint.h"

static zl_read_result no_read(const zl_fs *fs, const char *path, char **data, size_t *len,
                              char **err)
{
    (void)fs, (void)path, (void)data, (void)len;
    *err = zl_xstrdup("not while fuzzing");
    return ZL_READ_FAILED;
}

static char *same_identity(const zl_fs *fs, const char *path)
{
    (void)fs;
    return zl_xstrdup(path);
}

static const zl_fs no_fs = {.read = no_read, .identity = same_identity};

static int fuzz_formats(const char *const *formats, size_t n, const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    zl_set_jobs(1);
    zl_zoneset zs;
    zl_zoneset_init(&zs);
    zl_master_opts o = {.fs = &no_fs, .origin = ZL_NAME_NONE};
    zl_input in = {.zs = &zs,
                   .path = "example.com.yaml",
                   .text = zl_xstrndup((const char *)data + 1, size - 1),
                   .len = size - 1,
                   .o = &o};
    char *err = NULL;
    if (!zl_format_read(&in, formats[data[0] % n], &err))
        free(err);
    fuzz_lint(&zs);
    return 0;
}

/* The target of one reader: the formats it reads. */
#define ZL_FUZZ_FORMATS(...)                                                                  \
    int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);                             \
    int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)                              \
    {                                                                                         \
        static const char *const formats[] = {__VA_ARGS__};                                   \
        return fuzz_formats(formats, sizeof formats / sizeof formats[0], data, size);         \
    }

#endif
