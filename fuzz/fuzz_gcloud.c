/* libFuzzer target for parser/exports/gcloud.c: arbitrary bytes as gcloud-yaml or gcloud-zone. */
#include "fuzz_provider.h"

ZL_FUZZ_FORMATS("gcloud-yaml", "gcloud-zone")
