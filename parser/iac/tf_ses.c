/* SES expectations read from the module itself: aws_ses_domain_dkim and
 * aws_sesv2_email_identity issue three DKIM tokens, aws_ses_domain_identity a
 * verification token, aws_ses_domain_mail_from (and the sesv2 form) a MAIL
 * FROM domain. Their values are known only after apply, so the records that
 * publish them are checked symbolically: a DKIM CNAME must be named
 * ${TOKEN}._domainkey.DOMAIN and point to ${TOKEN}.dkim.amazonses.com with
 * the same token expression, once the provider has appended the zone; all
 * three tokens must be published; the _amazonses TXT holds the token alone;
 * the MAIL FROM MX names the region of the identity's provider. The records
 * may be Route 53's, Cloudflare's or DigitalOcean's (SES on AWS, DNS
 * elsewhere), each provider completing names its own way. An identity
 * whose records are not in the module is not reported: its DNS may live
 * elsewhere. A record resource created only under a condition (count =
 * COND ? 3 : 0) is checked as the instances it has if it is created; as
 * whether it is created beside the others is not known, tokens it shares
 * with other resources make no incomplete set. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "parser/iac/tf_read.h"
#include "lint/ses/shape.h"
#include "lint/util/util.h"

/* The record resources that may publish SES's tokens. */
typedef enum dns { DNS_ROUTE53, DNS_CLOUDFLARE, DNS_DIGITALOCEAN } dns;
static const struct record_type {
    const char *type;
    dns dns;
    const char *who;  /* who creates the record, for messages */
    const char *zone; /* the attribute naming the zone */
} record_types[] = {
    {"aws_route53_record", DNS_ROUTE53, "the AWS provider", "zone_id"},
    {"cloudflare_record", DNS_CLOUDFLARE, "Cloudflare", "zone_id"},
    {"cloudflare_dns_record", DNS_CLOUDFLARE, "Cloudflare", "zone_id"},
    {"digitalocean_record", DNS_DIGITALOCEAN, "DigitalOcean", "domain"},
};

typedef struct rec {
    tf_block *b;
    const tf_scope *sc;
    bool conditional; /* one of the instances b has if it is created at all */
    const struct record_type *t;
    char *zone;      /* the hosted zone, or NULL */
    char *name;      /* symbolic name as written, without a final dot */
    char *published; /* the name the provider creates, NULL when not known */
    const zl_hcl_item *name_at, *type_at, *records_at;
    tf_val *type, *records; /* records: Route 53's list, else the one value as a list */
} rec;

/* A value as written, symbols as ${...}. */
static char *described(const tf_val *v)
{
    tf_sb b = {0};
    tf_describe(v, &b);
    char *s = zl_xstrndup(b.p ? b.p : "", b.n);
    tf_sb_free(&b);
    return s;
}

static bool dotted(const char *s)
{
    size_t n = strlen(s);
    return n && s[n - 1] == '.';
}

/* The same without a final dot. */
static char *text(const tf_val *v)
{
    char *s = described(v);
    if (dotted(s))
        s[strlen(s) - 1] = '\0';
    return s;
}

static bool ends_ci(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcasecmp(s + n - k, suffix) == 0;
}

/* s (taken over) kept in the module's arena, freed with it. */
static char *keep(tf_reader *r, char *s)
{
    if (!s)
        return NULL;
    char *k = tf_strdup(&r->m.arena, s, strlen(s));
    free(s);
    return k;
}

/* The name the provider creates from name as written. The AWS provider's
 * expandRecordName, and Cloudflare's API, append the zone to a name that
 * does not end with it; DigitalOcean's (tf_digitalocean.c) to any name
 * without a final dot, "@" being the domain. */
static char *published(dns d, const char *written, const char *zone)
{
    if (!zone)
        return NULL;
    size_t n = strlen(written);
    if (d == DNS_DIGITALOCEAN) {
        if (strcmp(written, "@") == 0)
            return zl_xstrdup(zone);
        return dotted(written) ? zl_xstrndup(written, n - 1)
                               : zl_xasprintf("%s.%s", written, zone);
    }
    char *name = zl_xstrndup(written, dotted(written) ? n - 1 : n);
    if (!*name || strcmp(name, "@") == 0 || ends_ci(name, zone)) {
        char *whole = zl_xstrdup(*name && strcmp(name, "@") ? name : zone);
        free(name);
        return whole;
    }
    char *full = zl_xasprintf("%s.%s", name, zone);
    free(name);
    return full;
}

static void report(tf_reader *r, const rec *x, const zl_hcl_item *at, const char *rule,
                   char *message, char *hint)
{
    const zl_hx *e = at ? at->expr : NULL;
    uint32_t off = e ? e->start : x->b->item->start, end = e ? e->end : off + 8;
    /* Looked up, not compared with every finding before: a module may make
     * thousands. */
    char key[sizeof x->b + sizeof off + 64];
    size_t rn = strnlen(rule, 64);
    memcpy(key, &x->b, sizeof x->b);
    memcpy(key + sizeof x->b, &off, sizeof off);
    memcpy(key + sizeof x->b + sizeof off, rule, rn);
    if (!zl_strset_add(&r->reported, key, sizeof x->b + sizeof off + rn)) {
        free(message);
        free(hint);
        return;
    }
    zl_synth_diag_raw(tf_group_for(r, x->zone), rule, off, end - off, message, hint);
}

/* The reference a symbolic value starts with: "${REF}" -> REF (caller frees). */
static char *leading_ref(const char *s, const char **rest)
{
    if (strncmp(s, "${", 2) != 0)
        return NULL;
    const char *close = strchr(s + 2, '}');
    if (!close)
        return NULL;
    *rest = close + 1;
    return zl_xstrndup(s + 2, (size_t)(close - s - 2));
}

/* "aws_ses_domain_dkim.main.dkim_tokens[1]" -> the resource "aws_ses_domain_dkim.main"
 * and token 1; false for anything else. */
static bool dkim_ref(const char *ref, char **resource, unsigned *token)
{
    const char *a = strstr(ref, ".dkim_tokens[");
    const char *b = strstr(ref, ".dkim_signing_attributes[0].tokens[");
    const char *cut = a ? a : b;
    if (!cut || (strncmp(ref, "aws_ses_domain_dkim.", 20) && strncmp(ref, "aws_sesv2_email_identity.", 25)))
        return false;
    const char *idx = strrchr(ref, '[');
    *token = (unsigned)strtoul(idx + 1, NULL, 10);
    *resource = zl_xstrndup(ref, (size_t)(cut - ref));
    return true;
}

static const tf_val *identity_domain_at(tf_reader *r, const char *path, unsigned depth);

/* A domain written as an aws_ses_domain_identity's ("${aws_ses_domain_identity.x[0].domain}",
 * the identity created under a condition): that identity's, when known. */
static const tf_val *identity_of(tf_reader *r, const tf_val *v, unsigned depth)
{
    static const char head[] = "${aws_ses_domain_identity.", tail[] = ".domain}";
    size_t h = sizeof head - 1, t = sizeof tail - 1;
    if (v->kind != TF_UNKNOWN || !v->s || v->n <= h + t || strncmp(v->s, head, h) ||
        strcmp(v->s + v->n - t, tail) || memchr(v->s + 2, '}', v->n - 3) || depth > 2)
        return NULL;
    char *path = zl_xstrndup(v->s + 2, v->n - 2 - t);
    const tf_val *d = identity_domain_at(r, path, depth + 1);
    free(path);
    return d;
}

/* The domain of the SES identity a resource path names ("type.name" or
 * "type.name[...]"), or NULL when not known. */
static const tf_val *identity_domain(tf_reader *r, const char *path)
{
    return identity_domain_at(r, path, 0);
}

static const tf_val *identity_domain_at(tf_reader *r, const char *path, unsigned depth)
{
    const char *dot = strchr(path, '.');
    if (!dot)
        return NULL;
    char *type = zl_xstrndup(path, (size_t)(dot - path));
    size_t n = strcspn(dot + 1, "[");
    tf_block *b = tf_find(&r->m, TF_RESOURCE, type, dot + 1, n);
    free(type);
    const char *attr = b && (!strcmp(b->type, "aws_sesv2_email_identity") ||
                             !strcmp(b->type, "aws_sesv2_email_identity_mail_from_attributes"))
                           ? "email_identity"
                           : "domain";
    const zl_hcl_item *d = b ? zl_hcl_attr(b->item->body, attr) : NULL;
    const tf_scope *sc;
    if (!d)
        return NULL;
    if (tf_instance_at(&r->m, b, dot + 1 + n, false, &sc))
        return tf_eval(&r->m, b->file, d->expr, sc);
    /* Created only under a condition: the records that name it say it is,
     * but a domain that refers on to such resources would be their symbol,
     * not the name the records write (unlike var.domain): known ones only. */
    if (!tf_instance_at(&r->m, b, dot + 1 + n, true, &sc))
        return NULL;
    const tf_val *v = tf_eval(&r->m, b->file, d->expr, sc);
    return tf_known(v) ? v : identity_of(r, v, depth);
}

static void check_dkim(tf_reader *r, const rec *x, const char *value, const zl_hcl_item *at)
{
    const char *rest;
    char *ref = leading_ref(value, &rest), *res = NULL;
    unsigned token;
    if (!ref || !dkim_ref(ref, &res, &token)) {
        free(ref);
        return;
    }
    const tf_val *domain_v = identity_domain(r, res);
    char *domain = domain_v ? text(domain_v) : NULL;
    if (!tf_str_is(x->type, "CNAME") && x->type->kind == TF_STRING) {
        char num[16], *type = zl_xstrndup(x->type->s, x->type->n);
        snprintf(num, sizeof num, "%u", token);
        report(r, x, x->type_at, "ses-dkim-mismatch", zl_sym_not_cname(num, res, type),
               zl_xstrdup("write type = \"CNAME\""));
        free(type);
    }
    /* The target: TOKEN.dkim[.REGION].amazonses.com */
    if (*rest != '.' || !zl_ses_dkim_domain_ok(NULL, rest + 1))
        report(r, x, at, "ses-dkim-mismatch",
               zl_xasprintf("the DKIM target ${%s}%s is not an SES DKIM domain", ref, rest),
               zl_xasprintf("point it to ${%s}.dkim.amazonses.com", ref));
    /* The name: the same token, then _domainkey, then the identity. */
    const char *nrest;
    char *nref = leading_ref(x->name, &nrest);
    if (nref && strcmp(nref, ref) != 0) {
        report(r, x, x->name_at, "ses-dkim-mismatch",
               zl_xasprintf("the name carries ${%s} but the target ${%s}: SES looks for each "
                            "token's CNAME under that token",
                            nref, ref),
               zl_xasprintf("use the same token in the name: ${%s}._domainkey", ref));
    } else if (nref && strncasecmp(nrest, "._domainkey", 11) != 0) {
        report(r, x, x->name_at, "ses-wrong-placement",
               zl_xasprintf("the DKIM CNAME is named %s, without the _domainkey label SES "
                            "looks under",
                            x->name),
               zl_xasprintf("name it ${%s}._domainkey%s%s", ref, domain ? "." : "",
                            domain ? domain : ""));
    } else if (nref && domain && x->published) {
        char *want = zl_xasprintf("${%s}._domainkey.%s", ref, domain);
        if (strcasecmp(want, x->published) != 0)
            report(r, x, x->name_at, "ses-wrong-placement",
                   zl_xasprintf("%s creates %s, but SES looks for %s", x->t->who,
                                x->published, want),
                   ends_ci(domain, x->zone)
                       ? zl_xasprintf("write the name as ${%s}._domainkey.%s%s", ref, domain,
                                      x->t->dns == DNS_DIGITALOCEAN ? "." : "")
                       : zl_xasprintf("create the record in the hosted zone of %s", domain));
        free(want);
    }
    free(nref);
    free(domain);
    free(ref);
    free(res);
}

/* The _amazonses TXT holds the identity's verification token and nothing
 * else (the provider adds the quotes). */
static void check_verification(tf_reader *r, const rec *x, const char *value, const zl_hcl_item *at)
{
    const char *p = strstr(value, ".verification_token}");
    const char *start = p ? strstr(value, "${aws_ses_domain_identity.") : NULL;
    if (!p || !start || start > p)
        return;
    char *ref = zl_xstrndup(start + 2, (size_t)(p - start - 2) + strlen(".verification_token"));
    char *res = zl_xstrndup(start + 2, (size_t)(p - start - 2));
    const tf_val *domain_v = identity_domain(r, res);
    char *domain = domain_v ? text(domain_v) : NULL;
    if (start != value || p + strlen(".verification_token}") != value + strlen(value))
        report(r, x, at, "ses-verification-mismatch",
               zl_xasprintf("the value is %s: SES compares the TXT record with the token alone",
                            value),
               zl_xasprintf(x->t->dns == DNS_ROUTE53 ? "write records = [%s]" : "write value = %s",
                            ref));
    if (!tf_str_is(x->type, "TXT") && x->type->kind == TF_STRING)
        report(r, x, x->type_at, "ses-verification-mismatch",
               zl_xasprintf("the verification record of %s is a %.*s, where SES looks for a TXT",
                            res, (int)x->type->n, x->type->s),
               zl_xstrdup("write type = \"TXT\""));
    if (domain && x->published) {
        char *want = zl_xasprintf("_amazonses.%s", domain);
        if (strcasecmp(want, x->published) != 0)
            report(r, x, x->name_at, "ses-wrong-placement",
                   zl_xasprintf("%s creates %s, but SES looks for the token at %s",
                                x->t->who, x->published, want),
                   zl_xasprintf("name it %s%s", want, x->t->dns == DNS_DIGITALOCEAN ? "." : ""));
        free(want);
    }
    free(domain);
    free(ref);
    free(res);
}

/* The region of the provider a resource uses: provider = aws.ALIAS, else
 * the provider "aws" block without an alias. NULL when not known. */
static char *region_of(tf_reader *r, const tf_block *b)
{
    const zl_hcl_item *p = zl_hcl_attr(b->item->body, "provider");
    const char *alias = NULL;
    uint32_t nalias = 0;
    if (p && p->expr->kind == ZL_HX_ATTR) {
        alias = p->expr->name;
        nalias = p->expr->nname;
    }
    for (size_t i = 0; i < r->m.nblocks; i++) {
        tf_block *pb = &r->m.blocks[i];
        if (pb->kind != TF_PROVIDER || strcmp(pb->type, "aws") != 0)
            continue;
        const zl_hcl_item *a = zl_hcl_attr(pb->item->body, "alias");
        tf_val *av = a ? tf_eval(&r->m, pb->file, a->expr, NULL) : NULL;
        bool match = alias ? av && av->kind == TF_STRING && av->n == nalias &&
                                 memcmp(av->s, alias, nalias) == 0
                           : !a;
        if (!match)
            continue;
        const zl_hcl_item *reg = zl_hcl_attr(pb->item->body, "region");
        tf_val *rv = reg ? tf_eval(&r->m, pb->file, reg->expr, NULL) : NULL;
        return rv && rv->kind == TF_STRING ? zl_xstrndup(rv->s, rv->n) : NULL;
    }
    return NULL;
}

/* A MAIL FROM MX for a domain of aws_ses_domain_mail_from: the region of
 * the identity's provider. */
static void check_mail_from(tf_reader *r, const rec *x, const char *value, const zl_hcl_item *at)
{
    if (!tf_str_is(x->type, "MX") || !x->published)
        return;
    for (size_t i = 0; i < r->m.nblocks; i++) {
        tf_block *b = &r->m.blocks[i];
        if (b->kind != TF_RESOURCE || (strcmp(b->type, "aws_ses_domain_mail_from") &&
                                       strcmp(b->type, "aws_sesv2_email_identity_mail_from_attributes")))
            continue;
        const zl_hcl_item *m = zl_hcl_attr(b->item->body, "mail_from_domain");
        tf_val *mv = m ? tf_eval(&r->m, b->file, m->expr, NULL) : NULL;
        char *mail_from = mv && mv->kind == TF_STRING ? text(mv) : NULL;
        if (!mail_from || strcasecmp(mail_from, x->published) != 0) {
            free(mail_from);
            continue;
        }
        const char *host = value;
        while (*host >= '0' && *host <= '9')
            host++;
        while (*host == ' ' || *host == '\t')
            host++;
        char region[64], *want = region_of(r, b);
        size_t n = strlen(host);
        if (n && host[n - 1] == '.')
            n--;
        if (want && zl_ses_feedback_host(host, n, region, sizeof region) &&
            strcmp(region, want) != 0)
            report(r, x, at, "ses-mail-from", zl_sym_mail_from_region(mail_from, region, want),
                   zl_xasprintf("write \"10 feedback-smtp.%s.amazonses.com\"", want));
        free(want);
        free(mail_from);
    }
}

/* Whether v (text) starts with a DKIM token reference. */
static bool dkim_target(const char *v)
{
    const char *rest;
    char *ref = leading_ref(v, &rest), *res = NULL;
    unsigned token;
    bool yes = ref && dkim_ref(ref, &res, &token);
    free(ref);
    free(res);
    return yes;
}

/* What the other providers add: DigitalOcean completes a target without a
 * final dot with the domain; Cloudflare hides a proxied CNAME. */
static void check_provider(tf_reader *r, const rec *x, const char *raw, const zl_hcl_item *at)
{
    if (!dkim_target(raw))
        return;
    if (x->t->dns == DNS_DIGITALOCEAN && !dotted(raw) && x->zone)
        report(r, x, at, "missing-trailing-dot",
               zl_xasprintf("the DKIM target %s has no final dot: DigitalOcean completes it with "
                            "the domain, %s.%s",
                            raw, raw, x->zone),
               zl_xasprintf("add a final dot: \"%s.\"", raw));
    const zl_hcl_item *proxied = zl_hcl_attr(x->b->item->body, "proxied");
    tf_val *p = proxied ? tf_eval(&r->m, x->b->file, proxied->expr, x->sc) : NULL;
    if (x->t->dns == DNS_CLOUDFLARE && p && p->kind == TF_BOOL && p->b)
        report(r, x, proxied, "ses-dkim-mismatch", zl_sym_proxied(),
               zl_xstrdup("set proxied = false"));
}

static void check_record(tf_reader *r, const rec *x)
{
    for (size_t i = 0; i < x->records->nitems; i++) {
        const zl_hx *e = x->records_at->expr;
        zl_hcl_item at = *x->records_at;
        if (e->kind == ZL_HX_TUPLE && i < e->nkids)
            at.expr = e->kids[i];
        char *raw = described(x->records->items[i]), *v = text(x->records->items[i]);
        size_t n = strlen(v);
        if (x->t->dns == DNS_CLOUDFLARE && n >= 2 && v[0] == '"' && v[n - 1] == '"') {
            memmove(v, v + 1, n - 2); /* Cloudflare takes TXT content in quotes too */
            v[n - 2] = '\0';
        }
        check_dkim(r, x, v, &at);
        check_verification(r, x, v, &at);
        check_mail_from(r, x, v, &at);
        check_provider(r, x, raw, &at);
        free(v);
        free(raw);
    }
}

static const struct record_type *record_type(const tf_block *b)
{
    for (size_t i = 0; b->kind == TF_RESOURCE && i < sizeof record_types / sizeof record_types[0];
         i++)
        if (strcmp(b->type, record_types[i].type) == 0)
            return &record_types[i];
    return NULL;
}

/* The zone of x, by its provider's attribute. */
static char *zone_of(tf_reader *r, const rec *x)
{
    const zl_hcl_item *at = zl_hcl_attr(x->b->item->body, x->t->zone);
    if (!at)
        return NULL;
    tf_val *v = tf_eval(&r->m, x->b->file, at->expr, x->sc);
    switch (x->t->dns) {
    case DNS_CLOUDFLARE:
        return tf_cloudflare_zone(r, v);
    case DNS_DIGITALOCEAN:
        return tf_zone_name(r, v, "digitalocean_domain", "name", true);
    default:
        return tf_zone_name(r, v, "aws_route53_zone", "name", false);
    }
}

/* A record instance with what the checks need, or NULL. */
static rec *instance(tf_reader *r, tf_block *b, const tf_scope *sc, bool conditional)
{
    rec *x = tf_alloc(&r->m.arena, sizeof *x);
    x->b = b;
    x->sc = sc;
    x->conditional = conditional;
    x->t = record_type(b);
    x->name_at = zl_hcl_attr(b->item->body, "name");
    x->type_at = zl_hcl_attr(b->item->body, "type");
    /* Route 53's records; Cloudflare's content (v5, and v4) or value (v4);
     * DigitalOcean's value. */
    const char *value = x->t->dns == DNS_ROUTE53 ? "records" : "value";
    if (x->t->dns == DNS_CLOUDFLARE && zl_hcl_attr(b->item->body, "content"))
        value = "content";
    x->records_at = zl_hcl_attr(b->item->body, value);
    if (!x->name_at || !x->type_at || !x->records_at)
        return NULL;
    x->records = tf_eval(&r->m, b->file, x->records_at->expr, sc);
    if (x->t->dns != DNS_ROUTE53) { /* one value: a list of it */
        tf_val *one = tf_list(&r->m.arena, 1);
        if (one->kind != TF_LIST)
            return NULL;
        one->items[0] = x->records;
        x->records = one;
    }
    if (x->records->kind != TF_LIST)
        return NULL;
    x->type = tf_eval(&r->m, b->file, x->type_at->expr, sc);
    const tf_val *name = tf_eval(&r->m, b->file, x->name_at->expr, sc);
    char *written = described(name);
    x->name = keep(r, text(name));
    x->zone = keep(r, zone_of(r, x));
    x->published = keep(r, published(x->t->dns, written, x->zone));
    free(written);
    return x;
}

/* The DKIM tokens x names (in its targets and its name), by identity. */
static void count_tokens(tf_reader *r, const rec *x)
{
    tf_ses_state *st = &r->ses;
    for (size_t v = 0; v <= x->records->nitems; v++) {
        char *val = v < x->records->nitems ? text(x->records->items[v]) : zl_xstrdup(x->name);
        char *res = NULL, *ref;
        const char *rest;
        unsigned token;
        ref = leading_ref(val, &rest);
        struct zl_sym_id *id = ref && dkim_ref(ref, &res, &token)
                                   ? zl_sym_token(&st->ids, res, token, x)
                                   : NULL;
        const rec *first = id ? id->first : NULL;
        if (first && first->b != x->b && (first->conditional || x->conditional))
            id->apart = true;
        free(res);
        free(ref);
        free(val);
    }
}

/* Every instance of every record resource of the module, in order; of a
 * resource created only under a condition, the instances it has if it is. */
static void read_records(tf_reader *r)
{
    tf_ses_state *st = &r->ses;
    for (size_t i = 0; i < r->m.nblocks; i++) {
        tf_block *b = &r->m.blocks[i];
        if (!record_type(b))
            continue;
        const tf_scope **scopes;
        size_t n;
        bool conditional;
        if (!tf_instances_if_created(&r->m, b, &scopes, &n, &conditional))
            continue;
        for (size_t k = 0; k < n; k++) {
            rec *x = instance(r, b, scopes[k], conditional);
            if (x) {
                ZL_GROW(st->recs, st->rcap, st->nrecs + 1);
                st->recs[st->nrecs++] = x;
            }
        }
    }
}

void tf_ses_check(tf_reader *r)
{
    tf_ses_state *st = &r->ses;
    if (!st->counted) { /* once per module: the records of all its files */
        read_records(r);
        size_t *file = zl_xmallocn(st->nrecs + 1, sizeof *file);
        for (size_t i = 0; i < st->nrecs; i++) {
            count_tokens(r, st->recs[i]);
            file[i] = st->recs[i]->b->file;
        }
        zl_group_by(&st->by_file, file, st->nrecs, r->m.nfiles);
        free(file);
        st->counted = true;
    }
    /* Each file's records, not every record of the module for each file. */
    for (size_t k = st->by_file.start[r->self]; k < st->by_file.start[r->self + 1]; k++)
        check_record(r, st->recs[st->by_file.order[k]]);
    for (size_t s = 0; s < st->ids.n; s++) {
        unsigned have = zl_sym_have(&st->ids.ids[s]);
        const rec *x = st->ids.ids[s].first;
        const zl_hcl_item *count = zl_hcl_attr(x->b->item->body, "count");
        if (x->b->file == r->self && have < 3 && !st->ids.ids[s].apart)
            report(r, x, count ? count : x->name_at, "ses-dkim-incomplete",
                   zl_sym_incomplete(have, st->ids.ids[s].identity),
                   zl_xasprintf("publish all three: %s, with dkim_tokens[count.index] in the "
                                "name and the target",
                                x->conditional ? "3 instances when created (COND ? 3 : 0)"
                                               : "count = 3"));
    }
}

void tf_ses_free(tf_ses_state *st)
{
    zl_sym_free(&st->ids);
    free(st->recs);
    zl_groups_free(&st->by_file);
    memset(st, 0, sizeof *st);
}
