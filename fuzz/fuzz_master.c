/* libFuzzer target for the master-file reader, and every rule after it:
 * arbitrary bytes as a zone file must never crash, hang or leak.
 * $INCLUDE of any name reads the same bytes again, a few times per input
 * (include loops and missing files are exercised without touching the disk;
 * the include limits themselves have fixtures and would make every input with
 * an $INCLUDE slow). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "parser/master/master.h"
#include "fuzz_lint.h"

#define READS_PER_INPUT 8

static const uint8_t *input;
static size_t input_len;
static unsigned reads;

static zl_read_result fuzz_read(const zl_fs *fs, const char *path, char **data, size_t *len,
                             char **err)
{
    (void)fs;
    if (++reads > READS_PER_INPUT) {
        *err = zl_xasprintf("%s: no such file", path);
        return ZL_READ_FAILED;
    }
    *data = zl_xstrndup((const char *)input, input_len);
    *len = input_len;
    return ZL_READ_OK;
}

static char *fuzz_identity(const zl_fs *fs, const char *path)
{
    (void)fs;
    return zl_xstrdup(path);
}

static const zl_fs fuzz_fs = {.read = fuzz_read, .identity = fuzz_identity};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    input = data;
    input_len = size;
    reads = 0;
    zl_set_jobs(1);
    zl_zoneset zs;
    zl_zoneset_init(&zs);
    zl_name_id origin = zl_names_child(&zs.names, ZL_NAME_ROOT, (const uint8_t *)"example", 7);
    zl_master_opts o = {.fs = &fuzz_fs, .origin = origin};
    zl_read_master_text(&zs, "fuzz.zone", zl_xstrndup((const char *)data, size), size, &o);
    fuzz_lint(&zs);
    return 0;
}
