/* CloudFormation parameters with a Default: a !Ref to one, or a !Sub whose
 * ${} name only such parameters, reads as the default, as a Terraform
 * variable reads as its default (what a deployment passes instead is not
 * known). Pseudo parameters (AWS::Region, ...), attributes (${Id.Attr}),
 * parameters without a default and every other intrinsic function stay
 * unknown. */
#ifndef ZL_CFN_PARAMS_H
#define ZL_CFN_PARAMS_H

#include <stdbool.h>

#include "parser/exports/synth.h"
#include "parser/exports/yaml_pos.h"

typedef struct cfn_params {
    const zl_ydoc *d;
    zl_ynode params; /* the template's Parameters mapping */
    char **owned;    /* the bytes of substituted values, freed with the reader */
    size_t n, cap;
} cfn_params;

void cfn_params_init(cfn_params *p, const zl_ydoc *d, zl_ynode root);
/* The value of n: a literal scalar or a parameter's default as above; false
 * when it is known only at deployment. A default's bytes stand at the !Ref,
 * or the ${, that names it. */
bool cfn_value(cfn_params *p, zl_ynode n, zl_lstr *out);
void cfn_params_free(cfn_params *p);

#endif
