/* libFuzzer target for parser/exports/cloudflare.c: bytes as cloudflare-json or cloudflare-bind. */
#include "fuzz_provider.h"

ZL_FUZZ_FORMATS("cloudflare-json", "cloudflare-bind")
