/* libFuzzer target for parser/exports/azure.c: arbitrary bytes as azure-json or azure-zone. */
#include "fuzz_provider.h"

ZL_FUZZ_FORMATS("azure-json", "azure-zone")
