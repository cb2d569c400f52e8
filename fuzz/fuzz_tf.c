/* libFuzzer target for the .tf reader: HCL read, the module evaluated, its
 * DNS records synthesised and linted. */
#include "fuzz_provider.h"

ZL_FUZZ_FORMATS("terraform")
