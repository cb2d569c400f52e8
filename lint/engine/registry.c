#include "lint/engine/registry.h"

#include <string.h>

#include "rules/rules.h"

/* Checks run in this order; findings are sorted afterwards, so the order
 * only matters for speed (cheap text checks first). */
const zl_check *const zl_checks[] = {
    &zl_check_syntax,      &zl_check_txt_split, &zl_check_names, &zl_check_ses_target_completed,  &zl_check_values, &zl_check_txt_length,
    &zl_check_out_of_zone, &zl_check_cname,  &zl_check_delegation, &zl_check_rrset,
    &zl_check_apex, &zl_check_glue, &zl_check_targets, &zl_check_dname,
    &zl_check_spf,         &zl_check_dkim,   &zl_check_dmarc,
    &zl_check_hostname,    &zl_check_caa,    &zl_check_semantics, &zl_check_mail_placement,
    &zl_check_ses_dkim,    &zl_check_ses_verification, &zl_check_ses_mail_from,
    &zl_check_ses_unexpected, &zl_check_ses_removed,
};
const size_t zl_nchecks = sizeof zl_checks / sizeof zl_checks[0];

/* The checks longest to run on a large zone (bench/shapes: every SES DKIM
 * record compared with its identity's, every host name, every value and the
 * findings it makes, every key decoded, every target and RRset), handed to
 * threads before the others so that none of them starts last and runs on
 * alone. Those that need no index come first: the index is being built
 * meanwhile. */
const zl_check *const zl_checks_costly[] = {
    &zl_check_ses_dkim, &zl_check_hostname, &zl_check_values, &zl_check_dkim,
    &zl_check_targets,  &zl_check_rrset,    NULL,
};

/* The catalogue order of ../shared/spec/rules.md. */
const zl_rule *const zl_rules[] = {
    &zl_rule_syntax_error,
    &zl_rule_input_refused,
    &zl_rule_missing_trailing_dot,
    &zl_rule_duplicated_origin,
    &zl_rule_value_whitespace,
    &zl_rule_value_quoting,
    &zl_rule_txt_string_too_long,
    &zl_rule_cname_and_other_data,
    &zl_rule_occluded_by_delegation,
    &zl_rule_out_of_zone,
    &zl_rule_ttl_mismatch,
    &zl_rule_duplicate_record,
    &zl_rule_soa_missing, &zl_rule_soa_misplaced, &zl_rule_ns_missing, &zl_rule_glue_missing,
    &zl_rule_target_is_alias, &zl_rule_target_is_address, &zl_rule_target_missing,
    &zl_rule_dname_conflict,
    &zl_rule_hostname_syntax,
    &zl_rule_caa_syntax,
    &zl_rule_record_semantics,
    &zl_rule_ses_dkim_missing,
    &zl_rule_ses_dkim_mismatch,
    &zl_rule_ses_dkim_incomplete,
    &zl_rule_ses_verification_missing,
    &zl_rule_ses_verification_mismatch,
    &zl_rule_ses_wrong_placement,
    &zl_rule_ses_mail_from,
    &zl_rule_ses_unexpected_token,
    &zl_rule_spf_multiple,
    &zl_rule_spf_syntax,
    &zl_rule_dkim_key_syntax,
    &zl_rule_dmarc_syntax,
    &zl_rule_mail_record_misplaced,
    &zl_rule_ses_record_removed,
    &zl_rule_gate_config_changed,
    &zl_rule_suppression_added,
};
const size_t zl_nrules = sizeof zl_rules / sizeof zl_rules[0];

const zl_rule *zl_rule_find(const char *id)
{
    for (size_t i = 0; i < zl_nrules; i++)
        if (strcmp(zl_rules[i]->id, id) == 0)
            return zl_rules[i];
    return NULL;
}

size_t zl_rule_index(const zl_rule *r)
{
    for (size_t i = 0; i < zl_nrules; i++)
        if (zl_rules[i] == r)
            return i;
    return 0;
}

const char *zl_severity_name(zl_severity s)
{
    switch (s) {
    case ZL_SEV_ERROR: return "error";
    case ZL_SEV_WARNING: return "warning";
    case ZL_SEV_NOTE: return "note";
    default: return "off";
    }
}

bool zl_severity_parse(const char *s, zl_severity *out)
{
    static const struct { const char *name; zl_severity sev; } names[] = {
        {"error", ZL_SEV_ERROR}, {"warning", ZL_SEV_WARNING}, {"note", ZL_SEV_NOTE},
        {"off", ZL_SEV_OFF},     {"none", ZL_SEV_OFF},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(s, names[i].name) == 0) {
            *out = names[i].sev;
            return true;
        }
    return false;
}
