/* The fuzz input as a file system: every file, the zone and any name an
 * $INCLUDE gives, reads the input's bytes, a few times per input (include
 * loops and missing files are exercised without touching the disk; the
 * include limits themselves have fixtures and would make every input with an
 * $INCLUDE slow). A target sets fuzz_input, fuzz_input_len and
 * fuzz_reads_left before each read of the zone. */
#ifndef ZL_FUZZ_INPUT_H
#define ZL_FUZZ_INPUT_H

#include <stdint.h>
#include <string.h>

#include "lint/io/fs.h"
#include "lint/util/util.h"

#define FUZZ_READS_PER_INPUT 8

static const uint8_t *fuzz_input;
static size_t fuzz_input_len;
static unsigned fuzz_reads_left;

static zl_read_result fuzz_read(const zl_fs *fs, const char *path, char **data, size_t *len,
                                 char **err)
{
    (void)fs;
    if (fuzz_reads_left == 0) {
        *err = zl_xasprintf("%s: no such file", path);
        return ZL_READ_FAILED;
    }
    fuzz_reads_left--;
    *data = zl_xstrndup((const char *)fuzz_input, fuzz_input_len);
    *len = fuzz_input_len;
    return ZL_READ_OK;
}

static char *fuzz_identity(const zl_fs *fs, const char *path)
{
    (void)fs;
    return zl_xstrdup(path);
}

static const zl_fs fuzz_fs = {.read = fuzz_read, .identity = fuzz_identity};

#endif
