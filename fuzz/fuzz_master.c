/* libFuzzer target for the master-file reader, and every rule after it:
 * arbitrary bytes as a zone file must never crash, hang or leak.
 * $INCLUDE of any name reads the same bytes again (fuzz_input.h). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "parser/master/master.h"
#include "fuzz_input.h"
#include "fuzz_lint.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_input = data;
    fuzz_input_len = size;
    fuzz_reads_left = FUZZ_READS_PER_INPUT;
    zl_set_jobs(1);
    zl_zoneset zs;
    zl_zoneset_init(&zs);
    zl_name_id origin = zl_names_child(&zs.names, ZL_NAME_ROOT, (const uint8_t *)"example", 7);
    zl_master_opts o = {.fs = &fuzz_fs, .origin = origin};
    zl_read_master_text(&zs, "fuzz.zone", zl_xstrndup((const char *)data, size), size, &o);
    fuzz_lint(&zs);
    return 0;
}
