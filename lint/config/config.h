/* .zonelint.json: which files are zone files and their origins, paths to
 * ignore, rule severities, the failure threshold, and the SES identities with
 * their data files. Found from the working directory upward, or named with
 * --config. Every path in it is relative to the file's own directory. */
#ifndef ZL_CONFIG_H
#define ZL_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "lint/engine/rule.h"
#include "lint/model/publisher.h"

typedef struct zl_zone_pattern {
    char *pattern; /* glob, relative to the config directory */
    char *origin;  /* NULL: from $ORIGIN or the file name */
    char *format;  /* NULL: detected */
    zl_publisher publisher; /* ZL_PUB_AUTO: the configuration's, else detected */
} zl_zone_pattern;

typedef struct zl_ses_identity_cfg {
    char *identity;  /* NULL: from the data */
    char **expect;   /* data files */
    size_t nexpect;
    char *region;
} zl_ses_identity_cfg;

typedef struct zl_rule_setting {
    char *rule;
    zl_severity severity;
} zl_rule_setting;

typedef struct zl_config {
    char *path; /* the file read, or NULL when there is none */
    char *dir;  /* its directory */
    zl_zone_pattern *zones;
    size_t nzones;
    char **ignore;
    size_t nignore;
    zl_rule_setting *rules;
    size_t nrules;
    bool has_fail_on;
    zl_severity fail_on;
    zl_publisher publisher; /* "publisher": every file's; ZL_PUB_AUTO: detected */
    zl_ses_identity_cfg *ses;
    size_t nses;
} zl_config;

/* Read path into cfg. False with *err (file, line and what is wrong). */
bool zl_config_load(const char *path, zl_config *cfg, char **err);
/* The .zonelint.json in start_dir or the nearest parent, or NULL. */
char *zl_config_find(const char *start_dir);
void zl_config_free(zl_config *cfg);

/* The zone pattern matching path (relative to the working directory), or NULL. */
const zl_zone_pattern *zl_config_zone_for(const zl_config *cfg, const char *path);
bool zl_config_ignored(const zl_config *cfg, const char *path);
/* True for names zonelint reads as zone files by default:
 * *.zone, *.db, db.*, Terraform *.tf and *.tf.json, and the patterns of the
 * configuration. */
bool zl_config_is_zone_file(const zl_config *cfg, const char *path);

#endif
