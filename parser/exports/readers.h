/* The reader of each provider export format (the table is in parser/formats.c). */
#ifndef ZL_READERS_H
#define ZL_READERS_H

#include "parser/exports/input.h"

bool zl_read_route53(zl_input *in, char **err);
bool zl_read_route53_changes(zl_input *in, char **err);
bool zl_read_cloudflare_json(zl_input *in, char **err);
bool zl_read_cloudflare_bind(zl_input *in, char **err);
bool zl_read_gcloud_yaml(zl_input *in, char **err);
bool zl_read_gcloud_zone(zl_input *in, char **err);
bool zl_read_azure_zone(zl_input *in, char **err);
bool zl_read_azure_json(zl_input *in, char **err);
bool zl_read_octodns(zl_input *in, char **err);
bool zl_read_terraform_plan(zl_input *in, char **err);
bool zl_read_dnscontrol(zl_input *in, char **err);
/* dnsconfig.js: never read; the error says to lint `dnscontrol print-ir`. */
bool zl_read_dnscontrol_js(zl_input *in, char **err);

#endif
