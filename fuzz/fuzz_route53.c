/* libFuzzer target for parser/exports/route53.c: arbitrary bytes as route53 or route53-changes. */
#include "fuzz_provider.h"

ZL_FUZZ_FORMATS("route53", "route53-changes")
