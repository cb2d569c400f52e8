/* The .tf reader's parts: the file being read, its module, and the zones
 * its records go to (one synthesised zone per hosted zone). */
#ifndef ZL_TF_READ_H
#define ZL_TF_READ_H

#include "lint/util/group.h"
#include "lint/util/strset.h"
#include "parser/exports/synth.h"
#include "parser/formats.h"
#include "parser/iac/ses_sym.h"
#include "parser/iac/tf_eval.h"
#include "parser/iac/tf_manifest.h"

typedef struct tf_group {
    char *zone; /* the hosted zone's name, without the final dot; NULL: unknown */
    zl_synth s;
} tf_group;

/* The DKIM tokens the records of a module publish, per identity (first:
 * the identity's first record, a struct rec of tf_ses.c), and the records:
 * every instance of the module's record resources, evaluated once (in its
 * arena) for the count and for the checks of each file. */
typedef struct tf_ses_state {
    zl_sym_ids ids;
    struct rec **recs;
    size_t nrecs, rcap;
    zl_groups by_file; /* the records by the file of their block */
    bool counted;
} tf_ses_state;

typedef struct tf_reader {
    zl_input *in;
    tf_module m;
    uint32_t self; /* the index in m of the file whose records are read */
    tf_group *groups;
    size_t ngroups, gcap;
    /* SES findings made, by block, place and rule (tf_ses.c's report): the
     * instances of one resource written once get one finding. */
    zl_strset reported;
    tf_ses_state ses;
    zl_strset policies; /* "zone name type" of routing-policy record sets read, lowercase */
    uint32_t *next_base; /* the first file id free for a called module */
    tf_manifest *manifest; /* the root module's modules.json, shared by the calls */
    const char *key;       /* the module's key in it: "" for the root, "dns.ses" */
    size_t first_zone;   /* zs->nzones when this reading began */
    /* The last zone reference tf_zone_name resolved (the key: its type,
     * attribute and reference) and the name: a module's records name one
     * zone, over and over. */
    zl_buf zone_key;
    char *zone_name;
} tf_reader;

/* The records (and syntax errors) of file r->self, a zone per hosted zone. */
void tf_read_file(tf_reader *r);
/* Read what the groups of file r->self hold into zones, and empty them. */
void tf_flush_groups(tf_reader *r);
/* A finding of rule (input-refused, syntax-error) at off of file (an index
 * into r->m's files), once the file's own groups are read (message and
 * hint taken over). */
void tf_report_at(tf_reader *r, uint32_t file, uint32_t off, const char *rule, char *message,
                  char *hint);
/* The evaluation limits r's module reached, each where it was first
 * (tf_stopped), and what the evaluation noted (tf_note): once the module
 * and its calls are read, as what they made unknown can be anywhere in
 * them. */
void tf_report_stops(tf_reader *r);
void tf_reader_free(tf_reader *r);
/* The local modules r's module calls (tf_calls.c), each instance read with
 * the arguments as its variables; depth: how deep the calls are nested. */
void tf_read_calls(tf_reader *r, unsigned depth);

/* The synth of the records of zone (NULL: not known), made on first use. */
zl_synth *tf_group_for(tf_reader *r, const char *zone);
/* A string value as export text of the file, for the attribute whose
 * expression spans [from, to): bytes written in it keep their place, bytes
 * from elsewhere (a local, another file) stand for its start. */
zl_lstr tf_lstr(const tf_reader *r, const tf_val *v, uint32_t from, uint32_t to);
/* The zone a reference names: "${[data.]TYPE.NAME...}" gives the value of
 * attribute attr of that block (aws_route53_zone's name; "filter.name" a key
 * of an object attribute); with literal, a
 * string is the zone's name itself (Azure's zone_name). Lower case without
 * the final dot, or NULL when not known (caller frees). */
char *tf_zone_name(tf_reader *r, const tf_val *ref, const char *type, const char *attr,
                   bool literal);

/* The DNS resources of each provider (tf_aws.c, tf_cloudflare.c,
 * tf_google.c, tf_azure.c, tf_digitalocean.c): b is any resource; others'
 * are ignored. */
void tf_aws_records(tf_reader *r, tf_block *b);
void tf_cloudflare_records(tf_reader *r, tf_block *b);
/* The zone a Cloudflare zone_id names (lower case, NULL when not known). */
char *tf_cloudflare_zone(tf_reader *r, const tf_val *zone_id);
void tf_google_records(tf_reader *r, tf_block *b);
void tf_azure_records(tf_reader *r, tf_block *b);
void tf_digitalocean_records(tf_reader *r, tf_block *b);
/* The records of file r->self that publish what the module's SES resources
 * issue, checked symbolically (tf_ses.c). */
void tf_ses_check(tf_reader *r);
void tf_ses_free(tf_ses_state *st);

#endif
