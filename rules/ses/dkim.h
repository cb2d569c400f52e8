/* The SES DKIM rule family: Easy DKIM against SES's tokens (dkim.c),
 * BYODKIM keys against SES's selectors (byodkim.c), and the shape of DKIM
 * CNAMEs when no SES data was given (dkim_shape.c). */
#ifndef ZL_SES_DKIM_H
#define ZL_SES_DKIM_H

#include "lint/engine/lint.h"
#include "lint/ses/expect.h"
#include "rules/ses/place.h"

/* The BYODKIM key of selector; hits: the records that may hold the
 * selector, string j of them; anchors: where missing records go. */
void zl_ses_check_byodkim(zl_lint *l, const zl_ses_identity *id, const char *selector,
                          zl_ses_hits *hits, size_t j, zl_ses_anchors *anchors);
void zl_ses_check_dkim_shape(zl_lint *l);

/* True when token is a DKIM token or selector of any identity given. */
bool zl_ses_known_dkim_token(const zl_lint *l, const char *token, size_t n);

#endif
