/* libFuzzer target for parser/exports/terraform_plan.c: arbitrary bytes as terraform-plan. */
#include "fuzz_provider.h"

ZL_FUZZ_FORMATS("terraform-plan")
