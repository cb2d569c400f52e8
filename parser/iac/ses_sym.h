/* Symbolic SES expectations, shared by the readers of code that creates SES
 * identities and their records together (Terraform's aws_ses_* resources,
 * CloudFormation's AWS::SES::EmailIdentity): the tokens are known only once
 * deployed, so what is checked is which of an identity's three DKIM tokens
 * the records publish, and the findings say so in the same words. */
#ifndef ZL_SES_SYM_H
#define ZL_SES_SYM_H

#include <stdbool.h>
#include <stddef.h>

#include "lint/util/strset.h"

typedef struct zl_sym_ids {
    struct zl_sym_id {
        char *identity;    /* "aws_ses_domain_dkim.main", "Identity" */
        unsigned tokens;   /* bit per token index */
        const void *first; /* the reader's first record of it: where an incomplete set is reported */
        bool apart;        /* the tokens come from records not known to be created together:
                              how many are published is not known */
    } *ids;
    size_t n, cap;
    zl_strset index; /* the identities, each at its place in ids: looked up, not searched */
} zl_sym_ids;

/* Record that a record of first publishes token (below 32) of identity;
 * the identity's entry (NULL for a token above). */
struct zl_sym_id *zl_sym_token(zl_sym_ids *st, const char *identity, unsigned token,
                               const void *first);
/* The entry of identity, or NULL when no token of it was recorded. */
struct zl_sym_id *zl_sym_find(const zl_sym_ids *st, const char *identity);
/* How many tokens of id are published. */
unsigned zl_sym_have(const struct zl_sym_id *id);
void zl_sym_free(zl_sym_ids *st);

/* The findings' messages (caller frees). */
char *zl_sym_incomplete(unsigned have, const char *identity);
char *zl_sym_not_cname(const char *token, const char *identity, const char *type);
char *zl_sym_mail_from_region(const char *mail_from, const char *region, const char *want);
char *zl_sym_proxied(void);

#endif
