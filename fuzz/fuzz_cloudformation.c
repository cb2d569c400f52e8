/* libFuzzer target for parser/iac/cloudformation.c: arbitrary bytes as cloudformation. */
#include "fuzz_provider.h"

ZL_FUZZ_FORMATS("cloudformation")
