/* The region a CDK app synthesised a stack for. cdk synth writes, beside
 * each NAME.template.json, cdk.out/manifest.json (the cloud assembly
 * schema's AssemblyManifest): its artifacts of type
 * "aws:cloudformation:stack" name their template (properties.templateFile,
 * relative to cdk.out) and their environment, "aws://ACCOUNT/REGION", where
 * an environment-agnostic stack has "unknown-region". */
#ifndef ZL_CDK_REGION_H
#define ZL_CDK_REGION_H

#include "lint/io/fs.h"

/* The region of the template at path, or NULL when no manifest beside it
 * names one (caller frees). */
char *zl_cdk_region(const zl_fs *fs, const char *path);

#endif
