/* SES expectations read from a CloudFormation template itself: an
 * AWS::SES::EmailIdentity issues three DKIM tokens, which record sets
 * publish through its attributes (!GetAtt Identity.DkimDNSTokenName1 as the
 * Name, !GetAtt Identity.DkimDNSTokenValue1 as the value, and 2 and 3), and
 * may name a MAIL FROM domain (MailFromAttributes). The tokens are known
 * only once the stack is deployed, so those record sets are checked
 * symbolically (parser/iac/ses_sym.h), never turned into records. A
 * template's region is AWS::Region, known before deployment only where CDK's
 * manifest names the stack's environment (parser/iac/cdk_region.h). */
#ifndef ZL_CFN_SES_H
#define ZL_CFN_SES_H

#include "parser/exports/synth.h"
#include "parser/exports/yaml_pos.h"
#include "parser/iac/ses_sym.h"

typedef struct cfn_ses {
    struct cfn_identity {
        const char *id;     /* the logical id */
        char *domain;       /* EmailIdentity, lower case without a final dot; NULL: not known */
        char *mail_from;    /* MailFromDomain the same way, or NULL */
        zl_ynode mail_from_at;
        uint32_t mx_at, mx_len; /* a MAIL FROM MX written with ${AWS::Region}; len 0: none */
        bool spf;           /* a TXT at the MAIL FROM domain includes amazonses.com */
    } *ids;
    size_t n, cap;
    /* The identities by logical id and by MAIL FROM domain, looked up: a
     * template's every record set asks. */
    struct cfn_index {
        zl_strset keys;
        size_t *first; /* key k (its place in keys) -> the first of ids with it */
        size_t cap;
    } by_id, by_mail_from;
    zl_sym_ids tokens;
    /* Zones reported as not holding an identity, as (zone node, identity id)
     * pairs: a group's records given one HostedZoneName are one mistake. */
    zl_strset placed;
    char *region; /* the stack's region when CDK's manifest names it, else NULL */
} cfn_ses;

/* The identities among the template's resources. */
void cfn_ses_init(cfn_ses *c, zl_ynode resources);
/* What record set rs publishes for an identity (every set, before any check). */
void cfn_ses_count(cfn_ses *c, zl_ynode rs);
/* The checks of rs, a record set of zone (NULL: not known) whose zone is
 * given at zone_at, into s; true when rs publishes an identity's DKIM token
 * (it is then no record of its own). */
bool cfn_ses_check(cfn_ses *c, zl_synth *s, zl_ynode rs, zl_ynode zone_at, const char *zone);
/* The checks of the identities themselves (MAIL FROM), once, into s. */
void cfn_ses_identities(cfn_ses *c, zl_synth *s);
void cfn_ses_free(cfn_ses *c);

/* A node CloudFormation computes at deployment (!Ref, !GetAtt, {"Fn::...": ...}). */
bool cfn_computed(zl_ynode n);
/* The argument of an intrinsic function written as tag (!Sub x: the node
 * itself) or as {key: x}; a null node for any other node. */
zl_ynode cfn_intrinsic(zl_ynode n, const char *tag, const char *key);
/* A scalar node's text, NULL for another node. */
const char *cfn_scalar(zl_ynode n);

#endif
