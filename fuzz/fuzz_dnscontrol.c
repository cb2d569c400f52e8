/* libFuzzer target for parser/exports/dnscontrol.c: arbitrary bytes as dnscontrol. */
#include "fuzz_provider.h"

ZL_FUZZ_FORMATS("dnscontrol")
