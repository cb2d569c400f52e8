/* The reader of each provider export format (the table is in parser/formats.c). */
#ifndef ZL_READERS_H
#define ZL_READERS_H

#include "parser/exports/input.h"

bool zl_read_route53(zl_input *in, char **err);
bool zl_read_route53_changes(zl_input *in, char **err);
/* One value of a Route 53 record set (also in CloudFormation templates): a
 * TXT value must be in quotes; names are absolute, escapes octal. yaml: the
 * hint quotes the value as YAML, not as JSON. */
void zl_route53_value(zl_synth *s, uint16_t type, const zl_lstr *v, bool yaml);
bool zl_read_cloudflare_json(zl_input *in, char **err);
bool zl_read_cloudflare_bind(zl_input *in, char **err);
bool zl_read_gcloud_yaml(zl_input *in, char **err);
bool zl_read_gcloud_zone(zl_input *in, char **err);
bool zl_read_azure_zone(zl_input *in, char **err);
bool zl_read_azure_json(zl_input *in, char **err);
bool zl_read_octodns(zl_input *in, char **err);
bool zl_read_terraform_plan(zl_input *in, char **err);
bool zl_read_terraform(zl_input *in, char **err); /* parser/iac/tf_read.c */
bool zl_read_dnscontrol(zl_input *in, char **err);
/* parser/iac/cloudformation.c */
bool zl_read_cloudformation(zl_input *in, char **err);
/* dnsconfig.js: never read; the error says to lint `dnscontrol print-ir`. */
bool zl_read_dnscontrol_js(zl_input *in, char **err);

#endif
