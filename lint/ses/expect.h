/* What Amazon SES issued, read from SES's own output (--expect FILE, or the
 * "ses" entries of .zonelint.json): per identity, the DKIM tokens or BYODKIM
 * selectors, the verification token and the custom MAIL FROM domain. The SES
 * rules compare the zones with this.
 *
 * Recognised by content: `aws sesv2 get-email-identity` (and
 * create-email-identity), `aws ses get-identity-verification-attributes`,
 * get-identity-dkim-attributes, get-identity-mail-from-domain-attributes,
 * verify-domain-identity and verify-domain-dkim output as the CLI prints it,
 * and the SES console's CSV of DNS records. Anything else is an error that
 * names the file and, for JSON, the line: SES data is never silently ignored. */
#ifndef ZL_SES_EXPECT_H
#define ZL_SES_EXPECT_H

#include <stdbool.h>
#include <stddef.h>

#include "lint/config/config.h"
#include "lint/io/confine.h"

typedef enum zl_ses_signing {
    ZL_SES_SIGN_EASY = 0, /* Easy DKIM (AWS_SES, and all v1 output): CNAMEs to SES */
    ZL_SES_SIGN_BYODKIM,  /* EXTERNAL: the tokens are selectors of the user's own key */
    ZL_SES_SIGN_DEED,     /* AWS_SES_<REGION>: a replica that uses its parent's records */
} zl_ses_signing;

typedef struct zl_ses_identity {
    char *domain;       /* lower case, without the final dot */
    char *region;       /* NULL when unknown */
    char *source;       /* the data file(s) it came from, for messages */
    char **dkim;        /* Easy DKIM tokens, or BYODKIM selectors (lower case) */
    size_t ndkim;
    zl_ses_signing signing;
    char *dkim_region;  /* DEED: the parent's region, whose records the replica uses */
    char *dkim_host;    /* the CNAME target below each token when the data states it
                           (SigningHostedZone, the CSV's values); NULL: by region */
    char *byodkim_value; /* CSV: the TXT value SES shows for the selector, or NULL */
    char *verification; /* the _amazonses token (case matters), or NULL */
    char *mail_from;    /* custom MAIL FROM domain, or NULL */
} zl_ses_identity;

typedef struct zl_ses_expect {
    zl_ses_identity *v;
    size_t n, cap;
    /* Every identity's DKIM tokens and selectors, hashed (open addressing,
     * NULL: empty): made by zl_ses_expect_load_all once every file is read,
     * for zl_ses_expect_has_token. */
    const char **tokens;
    size_t token_slots;
} zl_ses_expect;

/* Read one data file's text. identity: --identity (NULL: from the data or
 * the file name); region: NULL when unknown. False with *err
 * ("file:line: message"). */
bool zl_ses_expect_parse(zl_ses_expect *e, const char *path, const char *text, size_t len,
                         const char *identity, const char *region, char **err);
/* The files of the configuration's "ses" entries (paths relative to its
 * directory, read only where confine allows: the configuration comes from
 * the repository), then the --expect files with --identity; region is
 * --region, else $AWS_REGION, else $AWS_DEFAULT_REGION. */
bool zl_ses_expect_load_all(zl_ses_expect *e, const zl_config *cfg, zl_confine *confine,
                            char **files, size_t nfiles, const char *identity,
                            const char *region, char **err);
void zl_ses_expect_free(zl_ses_expect *e);
/* True when token (n octets, any case) is a DKIM token or selector of an
 * identity: a lookup, since rules ask it of every record, once per token
 * SES lists. */
bool zl_ses_expect_has_token(const zl_ses_expect *e, const char *token, size_t n);

/* For the readers (ses_json.c, ses_csv.c). */

/* A domain as SES data gives it, checked and lower-cased, without the final
 * dot; NULL when it is not a domain name. */
char *zl_ses_domain(const char *s);
/* A DKIM token or selector (one DNS label), lower-cased; NULL when invalid. */
char *zl_ses_label(const char *s);
/* True for a verification token: base64 characters only. */
bool zl_ses_token_ok(const char *s);
/* A new identity for domain (taken over) from path, in region (copied). */
zl_ses_identity *zl_ses_identity_new(char *domain, const char *path, const char *region);
/* Add id (taken over) to e, merged into an entry of the same domain and
 * region when the two describe different records. */
void zl_ses_expect_add(zl_ses_expect *e, zl_ses_identity *id);
void zl_ses_identity_free(zl_ses_identity *id);

bool zl_ses_read_json(zl_ses_expect *e, const char *path, const char *text, size_t len,
                      const char *identity, const char *region, char **err);
bool zl_ses_read_csv(zl_ses_expect *e, const char *path, const char *text, size_t len,
                     const char *identity, const char *region, char **err);

#endif
