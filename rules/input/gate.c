/* The rules of --diff that keep a change from switching its own gate off:
 * the run uses BASE's configuration, and what the change does to the
 * configuration and to suppression comments is shown as findings of its
 * own (reported by lint/git/gate.c, never silenced by a comment). */
#include "rules/rules.h"

const zl_rule zl_rule_gate_config_changed = {
    .id = "gate-config-changed",
    .severity = ZL_SEV_ERROR,
    .summary = "in --diff: the change edits the zonelint configuration",
    .explanation =
        "With --diff, zonelint reads its configuration (.zonelint.json) as the base commit "
        "has it, or the file --config names, never as the change has it: a pull request "
        "could otherwise set fail_on to none, switch rules off or ignore every file, and "
        "pass its own gate. When the change adds, edits, moves or removes the "
        "configuration, this finding says so, so that a reviewer sees the change and "
        "accepts it by merging; from then on the base has it.",
    .hint = "review the configuration change; once it is merged the base carries it",
};

const zl_rule zl_rule_suppression_added = {
    .id = "suppression-added",
    .severity = ZL_SEV_WARNING,
    .summary = "in --diff: the change adds a zonelint-disable comment",
    .explanation =
        "A zonelint-disable-line or zonelint-disable-next-line comment silences findings "
        "on its record. With --diff, every such comment the change adds (one the base "
        "does not have in the same file with the same rules) is reported, with the rules "
        "it silences, so that a reviewer sees what the change hides. Such a comment cannot "
        "silence this finding.",
    .hint = "check that the silenced finding is a false alarm; otherwise fix the record",
};
