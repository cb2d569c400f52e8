/* libFuzzer target for parser/terraform.c: arbitrary bytes as terraform-plan. */
#include "fuzz_provider.h"

ZL_FUZZ_FORMATS("terraform-plan")
