/* SES data as the AWS CLI prints it (JSON), recognised by its keys:
 *   sesv2 get-email-identity / create-email-identity: DkimAttributes.Tokens,
 *     SigningAttributesOrigin, SigningHostedZone, MailFromAttributes;
 *   ses get-identity-verification-attributes, get-identity-dkim-attributes,
 *     get-identity-mail-from-domain-attributes: maps keyed by identity;
 *   ses verify-domain-identity, verify-domain-dkim: no identity inside. */
#include <jansson.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "lint/io/fs.h"
#include "lint/ses/expect.h"
#include "lint/util/util.h"

typedef struct reader {
    zl_ses_expect *e;
    const char *path, *text;
    size_t len;
    const char *identity; /* --identity, or NULL */
    const char *region;
    char **err;
} reader;

/* Line of the first occurrence of "key" in the text: jansson keeps no
 * positions for values, and a key's first mention is where to look. */
static int line_of(const reader *rd, const char *key)
{
    char quoted[128];
    int n = snprintf(quoted, sizeof quoted, "\"%s\"", key);
    const char *hit = NULL;
    if (!*key) /* the document itself: where it starts */
        for (size_t i = 0; i < rd->len && !hit; i++)
            if (rd->text[i] != ' ' && rd->text[i] != '\t' && rd->text[i] != '\r' &&
                rd->text[i] != '\n')
                hit = rd->text + i;
    for (size_t i = 0; n > 0 && i + (size_t)n <= rd->len && !hit; i++)
        if (memcmp(rd->text + i, quoted, (size_t)n) == 0)
            hit = rd->text + i;
    int line = 1;
    for (const char *p = rd->text; hit && p < hit; p++)
        line += *p == '\n';
    return line;
}

static bool fail(const reader *rd, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static bool fail(const reader *rd, const char *key, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    zl_buf m = {0};
    zl_buf_printf(&m, "%s:%d: ", rd->path, line_of(rd, key));
    zl_buf_vprintf(&m, fmt, ap);
    va_end(ap);
    *rd->err = zl_buf_take(&m);
    return false;
}

/* obj[key] as a string: *out NULL when absent; false when not a string. */
static bool get_string(const reader *rd, json_t *obj, const char *key, const char **out)
{
    json_t *v = json_object_get(obj, key);
    *out = json_is_string(v) ? json_string_value(v) : NULL;
    return !v || json_is_string(v) || fail(rd, key, "\"%s\" must be a string", key);
}

static bool get_object(const reader *rd, json_t *obj, const char *key, json_t **out)
{
    *out = json_object_get(obj, key);
    return !*out || json_is_object(*out) || fail(rd, key, "\"%s\" must be an object", key);
}

static bool set_domain(const reader *rd, const char *key, const char *value, char **out)
{
    if (!value)
        return true;
    *out = zl_ses_domain(value);
    return *out || fail(rd, key, "\"%s\" is not a domain name: \"%s\"", key, value);
}

/* An array of DKIM tokens (or BYODKIM selectors). */
static bool set_tokens(const reader *rd, json_t *obj, const char *key, zl_ses_identity *id)
{
    json_t *a = json_object_get(obj, key);
    if (!a)
        return true;
    if (!json_is_array(a))
        return fail(rd, key, "\"%s\" must be an array of strings", key);
    id->dkim = zl_xcalloc(json_array_size(a) + 1, sizeof *id->dkim);
    size_t i;
    json_t *t;
    json_array_foreach(a, i, t)
    {
        const char *s = json_string_value(t);
        char *label = s ? zl_ses_label(s) : NULL;
        if (!label)
            return fail(rd, key, "\"%s\"[%zu] is not a DKIM token (one DNS label): %s", key, i,
                        s ? s : "not a string");
        id->dkim[id->ndkim++] = label;
    }
    return true;
}

static bool set_verification(const reader *rd, const char *value, zl_ses_identity *id)
{
    if (!value)
        return true;
    if (!zl_ses_token_ok(value))
        return fail(rd, "VerificationToken", "\"VerificationToken\" is not a token SES issues "
                    "(base64 characters): \"%s\"", value);
    id->verification = zl_xstrdup(value);
    return true;
}

/* The identity of output that does not name it: --identity, else the file
 * name without .json (expect/example.com.json describes example.com). */
static char *identity_from_name(const reader *rd)
{
    if (rd->identity)
        return zl_ses_domain(rd->identity);
    const char *base = zl_path_base(rd->path);
    size_t n = strlen(base);
    char *name = zl_xstrndup(base, n > 5 && strcmp(base + n - 5, ".json") == 0 ? n - 5 : n);
    char *d = zl_ses_domain(name);
    free(name);
    return d;
}

static bool has_content(const zl_ses_identity *id)
{
    return id->ndkim || id->verification || id->mail_from;
}

/* Keep id when it says something; it is taken over either way. */
static bool add(const reader *rd, zl_ses_identity *id, const char *what)
{
    if (!has_content(id)) {
        zl_ses_identity_free(id);
        free(id);
        return fail(rd, what, "no DKIM token, selector, verification token or MAIL FROM "
                    "domain for %s: nothing to check", rd->identity ? rd->identity : "it");
    }
    zl_ses_expect_add(rd->e, id);
    return true;
}

static bool dkim_origin(const reader *rd, const char *origin, zl_ses_identity *id)
{
    if (!origin || strcmp(origin, "AWS_SES") == 0)
        return true;
    if (strcmp(origin, "EXTERNAL") == 0) {
        id->signing = ZL_SES_SIGN_BYODKIM;
        return true;
    }
    /* AWS_SES_US_EAST_1: a DEED replica of a parent identity in us-east-1. */
    if (strncmp(origin, "AWS_SES_", 8) == 0 && origin[8]) {
        id->signing = ZL_SES_SIGN_DEED;
        id->dkim_region = zl_xstrdup(origin + 8);
        for (char *p = id->dkim_region; *p; p++)
            *p = *p == '_' ? '-' : (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
        return true;
    }
    return fail(rd, "SigningAttributesOrigin", "unknown SigningAttributesOrigin \"%s\" "
                "(known: AWS_SES, EXTERNAL, AWS_SES_<REGION>)", origin);
}

/* aws sesv2 get-email-identity */
static bool read_v2(const reader *rd, json_t *root)
{
    const char *type, *origin, *hosted, *mail_from;
    json_t *dkim, *mf;
    if (!get_string(rd, root, "IdentityType", &type) || !get_object(rd, root, "DkimAttributes", &dkim) ||
        !get_object(rd, root, "MailFromAttributes", &mf))
        return false;
    if (type && strcmp(type, "EMAIL_ADDRESS") == 0)
        return fail(rd, "IdentityType", "an email-address identity: it has no DNS records to "
                    "check");
    char *domain = identity_from_name(rd);
    if (!domain)
        return fail(rd, "IdentityType", "cannot tell which domain this describes: give "
                    "--identity DOMAIN, or name the file DOMAIN.json");
    zl_ses_identity *id = zl_ses_identity_new(domain, rd->path, rd->region);
    bool ok = (!dkim || (get_string(rd, dkim, "SigningAttributesOrigin", &origin) &&
                         get_string(rd, dkim, "SigningHostedZone", &hosted) &&
                         set_tokens(rd, dkim, "Tokens", id) && dkim_origin(rd, origin, id) &&
                         set_domain(rd, "SigningHostedZone", hosted, &id->dkim_host))) &&
              (!mf || (get_string(rd, mf, "MailFromDomain", &mail_from) &&
                       set_domain(rd, "MailFromDomain", mail_from, &id->mail_from)));
    if (!ok) {
        zl_ses_identity_free(id);
        free(id);
        return false;
    }
    return add(rd, id, "DkimAttributes");
}

/* One identity's entry of a v1 attributes map; *added counts what it gave. */
static bool read_v1_entry(const reader *rd, const char *map, const char *name, json_t *entry,
                          size_t *added)
{
    if (!json_is_object(entry))
        return fail(rd, map, "\"%s\".\"%s\" must be an object", map, name);
    char *domain = zl_ses_domain(name);
    if (!domain)
        return fail(rd, map, "\"%s\": \"%s\" is not a domain name", map, name);
    zl_ses_identity *id = zl_ses_identity_new(domain, rd->path, rd->region);
    const char *token = NULL, *mail_from = NULL;
    bool ok = get_string(rd, entry, "VerificationToken", &token) &&
              set_verification(rd, token, id) && set_tokens(rd, entry, "DkimTokens", id) &&
              get_string(rd, entry, "MailFromDomain", &mail_from) &&
              set_domain(rd, "MailFromDomain", mail_from, &id->mail_from);
    if (ok && has_content(id)) {
        zl_ses_expect_add(rd->e, id);
        (*added)++;
        return true;
    }
    zl_ses_identity_free(id); /* never started, or no custom MAIL FROM: nothing to check */
    free(id);
    return ok;
}

/* aws ses get-identity-{verification,dkim,mail-from-domain}-attributes */
static bool read_v1(const reader *rd, json_t *root)
{
    static const char *const maps[] = {"VerificationAttributes", "DkimAttributes",
                                       "MailFromDomainAttributes"};
    size_t added = 0;
    bool named = false;
    for (size_t m = 0; m < 3; m++) {
        json_t *map;
        if (!get_object(rd, root, maps[m], &map))
            return false;
        const char *name;
        json_t *entry;
        json_object_foreach(map, name, entry)
        {
            if (strchr(name, '@'))
                continue; /* an email address: no DNS records */
            if (rd->identity && !zl_ascii_ieq(name, strlen(name), rd->identity))
                continue;
            named = true;
            if (!read_v1_entry(rd, maps[m], name, entry, &added))
                return false;
        }
    }
    if (rd->identity && !named)
        return fail(rd, maps[0], "the identity %s is not in this output", rd->identity);
    if (!added)
        return fail(rd, "", "no domain identity with a token or MAIL FROM domain in this "
                    "output: nothing to check");
    return true;
}

/* aws ses verify-domain-identity / verify-domain-dkim: no identity inside. */
static bool read_verify(const reader *rd, json_t *root, const char *key, const char *command)
{
    if (!rd->identity)
        return fail(rd, key, "the output of aws ses %s does not name its domain: give "
                    "--identity DOMAIN", command);
    char *domain = zl_ses_domain(rd->identity);
    if (!domain)
        return fail(rd, key, "--identity %s is not a domain name", rd->identity);
    zl_ses_identity *id = zl_ses_identity_new(domain, rd->path, rd->region);
    const char *token = NULL;
    bool ok = get_string(rd, root, "VerificationToken", &token) &&
              set_verification(rd, token, id) && set_tokens(rd, root, "DkimTokens", id);
    if (!ok) {
        zl_ses_identity_free(id);
        free(id);
        return false;
    }
    return add(rd, id, key);
}

static bool is_v2(json_t *root)
{
    static const char *const top[] = {"IdentityType", "VerificationStatus", "MailFromAttributes",
                                      "VerifiedForSendingStatus", "FeedbackForwardingStatus"};
    static const char *const dkim[] = {"Tokens", "SigningAttributesOrigin", "SigningEnabled",
                                       "Status", "SigningHostedZone"};
    for (size_t i = 0; i < sizeof top / sizeof top[0]; i++)
        if (json_object_get(root, top[i]))
            return true;
    json_t *d = json_object_get(root, "DkimAttributes");
    for (size_t i = 0; i < sizeof dkim / sizeof dkim[0]; i++)
        if (json_object_get(d, dkim[i]))
            return true;
    return false;
}

static bool read_root(const reader *rd, json_t *root)
{
    if (!json_is_object(root))
        return fail(rd, "", "not SES data: expected a JSON object as aws ses and aws sesv2 "
                    "print it");
    if (is_v2(root))
        return read_v2(rd, root);
    if (json_object_get(root, "VerificationAttributes") || json_object_get(root, "DkimAttributes") ||
        json_object_get(root, "MailFromDomainAttributes"))
        return read_v1(rd, root);
    if (json_object_get(root, "VerificationToken"))
        return read_verify(rd, root, "VerificationToken", "verify-domain-identity");
    if (json_object_get(root, "DkimTokens"))
        return read_verify(rd, root, "DkimTokens", "verify-domain-dkim");
    zl_buf keys = {0};
    const char *k;
    json_t *v;
    json_object_foreach(root, k, v)
        zl_buf_printf(&keys, "%s\"%s\"", keys.len ? ", " : "", k);
    bool r = fail(rd, "", "not SES data zonelint reads (keys: %s): expected the JSON output "
                  "of aws sesv2 get-email-identity, or aws ses get-identity-verification-"
                  "attributes, get-identity-dkim-attributes, get-identity-mail-from-domain-"
                  "attributes, verify-domain-identity or verify-domain-dkim",
                  keys.len ? zl_buf_str(&keys) : "none");
    zl_buf_free(&keys);
    return r;
}

bool zl_ses_read_json(zl_ses_expect *e, const char *path, const char *text, size_t len,
                      const char *identity, const char *region, char **err)
{
    reader rd = {e, path, text, len, identity, region, err};
    json_error_t je;
    json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
    if (!root) {
        *err = zl_xasprintf("%s:%d: malformed JSON: %s", path, je.line, je.text);
        return false;
    }
    bool ok = read_root(&rd, root);
    json_decref(root);
    return ok;
}
