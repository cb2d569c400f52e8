/* libFuzzer target for parser/exports/octodns.c: arbitrary bytes as octodns. */
#include "fuzz_provider.h"

ZL_FUZZ_FORMATS("octodns")
