/* The SES DKIM rule family: Easy DKIM against SES's tokens (ses_dkim.c),
 * BYODKIM keys against SES's selectors (ses_byodkim.c), and the shape of
 * DKIM CNAMEs when no SES data was given (ses_dkim_shape.c). */
#ifndef ZL_SES_DKIM_H
#define ZL_SES_DKIM_H

#include "lint/engine/lint.h"
#include "lint/ses/expect.h"

void zl_ses_check_byodkim(zl_lint *l, const zl_ses_identity *id, const char *selector);
void zl_ses_check_dkim_shape(zl_lint *l);

/* True when token is a DKIM token or selector of any identity given. */
bool zl_ses_known_dkim_token(const zl_lint *l, const char *token, size_t n);

#endif
