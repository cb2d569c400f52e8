/* The rules and checks defined in rules/, for lint/engine/registry.c. */
#ifndef ZL_RULES_H
#define ZL_RULES_H

#include "lint/engine/rule.h"

/* Reading the input */
extern const zl_rule zl_rule_syntax_error;
extern const zl_check zl_check_syntax;

/* Names */
extern const zl_rule zl_rule_missing_trailing_dot;
extern const zl_rule zl_rule_duplicated_origin;
extern const zl_check zl_check_names;
extern const zl_check zl_check_ses_target_completed;

/* Values */
extern const zl_rule zl_rule_value_whitespace;
extern const zl_rule zl_rule_value_quoting;
extern const zl_check zl_check_values;
extern const zl_rule zl_rule_txt_string_too_long;
extern const zl_check zl_check_txt_length;
extern const zl_check zl_check_txt_split;

/* Zone structure */
extern const zl_rule zl_rule_cname_and_other_data;
extern const zl_check zl_check_cname;
extern const zl_rule zl_rule_occluded_by_delegation;
extern const zl_check zl_check_delegation;
extern const zl_rule zl_rule_out_of_zone;
extern const zl_check zl_check_out_of_zone;
extern const zl_rule zl_rule_ttl_mismatch;
extern const zl_rule zl_rule_duplicate_record;
extern const zl_check zl_check_rrset;
extern const zl_rule zl_rule_soa_missing, zl_rule_soa_misplaced, zl_rule_ns_missing;
extern const zl_check zl_check_apex;
extern const zl_rule zl_rule_glue_missing;
extern const zl_check zl_check_glue;
extern const zl_rule zl_rule_target_is_alias, zl_rule_target_is_address, zl_rule_target_missing;
extern const zl_check zl_check_targets;
extern const zl_rule zl_rule_dname_conflict;
extern const zl_check zl_check_dname;
extern const zl_rule zl_rule_hostname_syntax;
extern const zl_check zl_check_hostname;
extern const zl_rule zl_rule_caa_syntax;
extern const zl_check zl_check_caa;
extern const zl_rule zl_rule_record_semantics;
extern const zl_check zl_check_semantics;

/* Amazon SES */
extern const zl_rule zl_rule_ses_dkim_missing;
extern const zl_rule zl_rule_ses_dkim_mismatch;
extern const zl_rule zl_rule_ses_dkim_incomplete;
extern const zl_check zl_check_ses_dkim;
extern const zl_rule zl_rule_ses_verification_missing;
extern const zl_rule zl_rule_ses_verification_mismatch;
extern const zl_check zl_check_ses_verification;
extern const zl_rule zl_rule_ses_wrong_placement;
extern const zl_rule zl_rule_ses_mail_from;
extern const zl_check zl_check_ses_mail_from;
extern const zl_rule zl_rule_ses_unexpected_token;
extern const zl_check zl_check_ses_unexpected;

/* Mail authentication */
extern const zl_rule zl_rule_spf_multiple;
extern const zl_rule zl_rule_spf_syntax;
extern const zl_check zl_check_spf;
extern const zl_rule zl_rule_dkim_key_syntax;
extern const zl_check zl_check_dkim;
extern const zl_rule zl_rule_dmarc_syntax;
extern const zl_check zl_check_dmarc;
extern const zl_rule zl_rule_mail_record_misplaced;
extern const zl_check zl_check_mail_placement;

/* Changes (git) */
extern const zl_rule zl_rule_ses_record_removed;
extern const zl_check zl_check_ses_removed;

#endif
