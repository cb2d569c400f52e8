/* libFuzzer target for fix application: arbitrary bytes as a zone file or a
 * provider export (recognised as zonelint does) are linted, the safe fixes
 * applied in rounds (as --fix does), and the result read again. Never a
 * crash; and a file that read without an error still does after its fixes
 * (abort otherwise, which libFuzzer reports). An $INCLUDE reads the input
 * again (fuzz_input.h), so fixes in included files are made too. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lint/engine/lint.h"
#include "lint/engine/registry.h"
#include "lint/fix/session.h"
#include "lint/util/parallel.h"
#include "parser/formats.h"
#include "parser/master/master.h"
#include "fuzz_input.h"

/* Read and lint fuzz.zone through fs; true when it did not read, or read
 * with a syntax error. */
static bool lint_once(const zl_fs *fs, const zl_severity *sev, zl_zoneset *zs, zl_lint *l)
{
    zl_zoneset_init(zs);
    fuzz_reads_left = FUZZ_READS_PER_INPUT;
    char *data, *err = NULL;
    size_t len;
    if (fs->read(fs, "fuzz.zone", &data, &len, &err) != ZL_READ_OK)
        abort();
    zl_name_id origin = zl_names_child(&zs->names, ZL_NAME_ROOT, (const uint8_t *)"example", 7);
    zl_master_opts o = {.fs = fs, .origin = origin};
    zl_input in = {.zs = zs, .path = "fuzz.zone", .text = data, .len = len, .o = &o};
    bool broken = !zl_format_read(&in, NULL, &err);
    free(err);
    zl_lint_init(l, zs, sev);
    zl_lint_run(l);
    for (size_t i = 0; i < l->findings.n && !broken; i++)
        broken = strcmp(l->findings.v[i].rule->id, "syntax-error") == 0;
    return broken;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_input = data;
    fuzz_input_len = size;
    zl_set_jobs(1);
    zl_severity *sev = malloc(zl_nrules * sizeof *sev);
    for (size_t i = 0; i < zl_nrules; i++)
        sev[i] = zl_rules[i]->severity;
    zl_fix_session fx;
    zl_fix_session_init(&fx, ZL_FIX_SAFE, &fuzz_fs);
    zl_zoneset zs;
    zl_lint l;
    bool broken = lint_once(&fuzz_fs, sev, &zs, &l);
    for (int round = 0; round < 8 && zl_fix_session_apply(&fx, &l.findings); round++) {
        zl_lint_free(&l);
        zl_zoneset_free(&zs);
        if (lint_once(&fx.fs, sev, &zs, &l) && !broken)
            abort(); /* the fixes broke a file that was valid */
    }
    zl_lint_free(&l);
    zl_zoneset_free(&zs);
    zl_fix_session_free(&fx);
    free(sev);
    return 0;
}
