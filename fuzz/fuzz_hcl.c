/* libFuzzer target for the HCL reader: arbitrary bytes as a .tf file (and
 * as a .tf.json file) must never crash, hang or leak, and every diagnostic
 * lies inside the file. */
#include <stdint.h>
#include <stdlib.h>

#include "parser/iac/hcl.h"
#include "lint/util/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = zl_xstrndup((const char *)data, size);
    for (int json = 0; json < 2; json++) {
        zl_hcl_file f;
        if (json)
            zl_hcl_parse_json(&f, text, size);
        else
            zl_hcl_parse(&f, text, size);
        for (size_t i = 0; i < f.ndiags; i++)
            if (f.diags[i].off > size)
                abort();
        zl_hcl_free(&f);
    }
    free(text);
    return 0;
}
