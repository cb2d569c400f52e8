/* libFuzzer target for lexing ahead (parser/master/entries.c): the input,
 * repeated to AHEAD_TEXT and lexed on the second thread, must give the same entries, layouts and comments lexed ahead as
 * lexed in place, and every rdata check made ahead must be the one made
 * afterwards. A difference aborts. */
#include <stdint.h>
#include <stdlib.h>

#include "tests/unit/entries_agree.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    zl_buf b = {0};
    while (b.len < AHEAD_TEXT)
        zl_buf_add(&b, data, size);
    kept a, c;
    kept_read(b.data, b.len, false, 0, &a);
    kept_read(b.data, b.len, true, 0, &c);
    if (kept_differ(b.data, &a, &c))
        abort();
    kept_free(&a);
    kept_free(&c);
    zl_buf_free(&b);
    return 0;
}
