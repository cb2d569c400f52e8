/* input-refused: a file the input names that zonelint does not read, or a
 * limit that stopped the reading. The readers record it as a diagnostic
 * (parser/master/master.c for $INCLUDE and the zone's limits,
 * parser/iac/tf_read.c for the Terraform evaluator's; the command line for
 * zone files found in folders); the syntax check turns it into a finding. */
#include "rules/rules.h"

const zl_rule zl_rule_input_refused = {
    .id = "input-refused",
    .severity = ZL_SEV_ERROR,
    .summary = "a file the zone names is not read: outside the allowed folders, not a "
               "regular file, or over a limit",
    .explanation =
        "zonelint reads what the zone files name ($INCLUDE, zone files found in a folder, "
        "the configuration's SES data) only when the path resolves, after symbolic links, "
        "inside the repository (or, outside a repository, inside the folder of the file or "
        "folder given) or a folder given with --include-root, and names a regular file: "
        "no FIFO, device, /proc file or absolute path elsewhere. A zone also stops at "
        "documented limits (64 MiB of text counting every $INCLUDE and $GENERATE, 4 "
        "million records) and a run at 1 GiB of files; a Terraform module's evaluation "
        "stops at 2 million steps and 256 MiB of values, more by 4 steps and 32 octets "
        "for each byte of its text, a resource at 10,000 instances, and module calls at 4 "
        "deep and 4,096 files, where the finding points. In CI the zone text comes from "
        "whoever opened the pull request, and the log is often public: a file outside the "
        "repository may hold secrets. The finding names the path as written and nothing "
        "of what the file holds.",
    .hint = "keep $INCLUDE files inside the repository, or pass --include-root DIR for a "
            "folder you trust",
};
