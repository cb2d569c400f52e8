/* How the Terraform AWS provider turns an aws_route53_record into Route 53
 * records, shared by the plan reader (parser/exports/terraform_plan.c) and
 * the .tf reader (tf_read.c). From the provider's source
 * (internal/service/route53/record.go, expandRecordName and flatten):
 * - a name that does not end with the zone's name (a plain string test)
 *   gets "." and the zone appended; one that does is absolute as written;
 *   a final dot is optional;
 * - a TXT record is written between quotes by the provider, so the value
 *   carries none ("a\"\"b" splits strings); a value in quotes of its own gets
 *   a second pair. Values are not split at 255 octets. */
#ifndef ZL_AWS_RECORD_H
#define ZL_AWS_RECORD_H

#include "parser/exports/synth.h"

/* The owner name: absolute when it ends with zone (or zone is NULL), else
 * relative to the $ORIGIN zone; a name that looks like another domain gets
 * an out-of-zone finding saying what who ("the AWS provider") creates.
 * Cloudflare's API completes names the same way. */
void zl_appended_owner(zl_synth *s, const zl_lstr *name, const char *zone, const char *who);
/* A TXT (or SPF) value as the provider writes it. */
void zl_aws_txt(zl_synth *s, const zl_lstr *v);

#endif
