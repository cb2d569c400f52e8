#include "lint/ses/expect.h"

#include <stdlib.h>
#include <string.h>

#include "lint/io/fs.h"
#include "lint/util/util.h"

static bool label_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '-' || c == '_';
}

char *zl_ses_label(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > 63)
        return NULL;
    char *out = zl_xstrdup(s);
    for (size_t i = 0; i < n; i++) {
        if (!label_char(s[i])) {
            free(out);
            return NULL;
        }
        out[i] = (char)zl_ascii_lower(s[i]);
    }
    return out;
}

char *zl_ses_domain(const char *s)
{
    size_t n = strlen(s);
    if (n && s[n - 1] == '.')
        n--;
    if (n == 0 || n > 253 || !memchr(s, '.', n))
        return NULL;
    char *out = zl_xstrndup(s, n);
    size_t label = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i == n || out[i] == '.') {
            if (label == 0 || label > 63) {
                free(out);
                return NULL;
            }
            label = 0;
        } else if (label_char(out[i])) {
            out[i] = (char)zl_ascii_lower(out[i]);
            label++;
        } else {
            free(out);
            return NULL;
        }
    }
    return out;
}

bool zl_ses_token_ok(const char *s)
{
    if (!*s)
        return false;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
              *s == '+' || *s == '/' || *s == '='))
            return false;
    return true;
}

zl_ses_identity *zl_ses_identity_new(char *domain, const char *path, const char *region)
{
    zl_ses_identity *id = zl_xcalloc(1, sizeof *id);
    id->domain = domain;
    id->source = zl_xstrdup(path);
    id->region = region ? zl_xstrdup(region) : NULL;
    return id;
}

void zl_ses_identity_free(zl_ses_identity *id)
{
    free(id->domain);
    free(id->region);
    free(id->source);
    for (size_t i = 0; i < id->ndkim; i++)
        free(id->dkim[i]);
    free(id->dkim);
    free(id->dkim_region);
    free(id->dkim_host);
    free(id->byodkim_value);
    free(id->verification);
    free(id->mail_from);
}

static bool same(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* Two files of one identity and region merge when each says what the other
 * does not (v1 output comes in one file per kind of record). */
static bool mergeable(const zl_ses_identity *a, const zl_ses_identity *b)
{
    return strcmp(a->domain, b->domain) == 0 && same(a->region, b->region) &&
           !(a->ndkim && b->ndkim) && !(a->verification && b->verification) &&
           !(a->mail_from && b->mail_from);
}

static void take(char **dst, char **src)
{
    if (*src) {
        *dst = *src;
        *src = NULL;
    }
}

void zl_ses_expect_add(zl_ses_expect *e, zl_ses_identity *id)
{
    for (size_t i = 0; i < e->n; i++) {
        zl_ses_identity *x = &e->v[i];
        if (!mergeable(x, id))
            continue;
        if (id->ndkim) {
            x->dkim = id->dkim;
            x->ndkim = id->ndkim;
            x->signing = id->signing;
            id->dkim = NULL;
            id->ndkim = 0;
            take(&x->dkim_region, &id->dkim_region);
            take(&x->dkim_host, &id->dkim_host);
            take(&x->byodkim_value, &id->byodkim_value);
        }
        take(&x->verification, &id->verification);
        take(&x->mail_from, &id->mail_from);
        if (strcmp(x->source, id->source) != 0) {
            char *both = zl_xasprintf("%s and %s", x->source, id->source);
            free(x->source);
            x->source = both;
        }
        zl_ses_identity_free(id);
        free(id);
        return;
    }
    ZL_GROW(e->v, e->cap, e->n + 1);
    e->v[e->n++] = *id;
    free(id);
}

void zl_ses_expect_free(zl_ses_expect *e)
{
    for (size_t i = 0; i < e->n; i++)
        zl_ses_identity_free(&e->v[i]);
    free(e->v);
    free(e->tokens);
    memset(e, 0, sizeof *e);
}

/* The slot of a lower-case token in the table: the one holding it, or the
 * empty one where it goes. */
static size_t token_slot(const zl_ses_expect *e, const char *lower)
{
    size_t h = (size_t)zl_hash_text(lower) & (e->token_slots - 1);
    while (e->tokens[h] && strcmp(e->tokens[h], lower) != 0)
        h = (h + 1) & (e->token_slots - 1);
    return h;
}

static void index_tokens(zl_ses_expect *e)
{
    size_t n = 0;
    for (size_t i = 0; i < e->n; i++)
        n += e->v[i].ndkim;
    e->token_slots = 16;
    while (e->token_slots < 2 * n)
        e->token_slots *= 2;
    e->tokens = zl_xzeroed(e->token_slots, sizeof *e->tokens);
    for (size_t i = 0; i < e->n; i++)
        for (size_t k = 0; k < e->v[i].ndkim; k++)
            e->tokens[token_slot(e, e->v[i].dkim[k])] = e->v[i].dkim[k];
}

bool zl_ses_expect_has_token(const zl_ses_expect *e, const char *token, size_t n)
{
    char lower[64]; /* a token is one DNS label */
    if (!e->tokens || n >= sizeof lower)
        return false;
    for (size_t i = 0; i < n; i++)
        lower[i] = (char)zl_ascii_lower(token[i]);
    lower[n] = '\0';
    return e->tokens[token_slot(e, lower)] != NULL;
}

/* --region's default: $AWS_REGION, then $AWS_DEFAULT_REGION, else NULL. */
static const char *default_region(void)
{
    const char *r = getenv("AWS_REGION");
    if (!r || !*r)
        r = getenv("AWS_DEFAULT_REGION");
    return r && *r ? r : NULL;
}

bool zl_ses_expect_parse(zl_ses_expect *e, const char *path, const char *text, size_t len,
                         const char *identity, const char *region, char **err)
{
    if (len >= 2 && ((text[0] == '\xFF' && text[1] == '\xFE') ||
                     (text[0] == '\xFE' && text[1] == '\xFF'))) {
        *err = zl_xasprintf("%s: the file is UTF-16 (as PowerShell's > writes it): save it as "
                            "UTF-8",
                            path);
        return false;
    }
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) { /* a UTF-8 byte order mark */
        text += 3;
        len -= 3;
    }
    if (region && !*region)
        region = NULL;
    size_t i = 0;
    while (i < len && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' || text[i] == '\n'))
        i++;
    if (i < len && (text[i] == '{' || text[i] == '['))
        return zl_ses_read_json(e, path, text, len, identity, region, err);
    return zl_ses_read_csv(e, path, text, len, identity, region, err);
}

/* Read one data file (- for standard input). */
static bool load(zl_ses_expect *e, const char *path, const char *identity, const char *region,
                 char **err)
{
    char *text = NULL, *why = NULL;
    size_t len = 0;
    if (zl_fs_posix.read(&zl_fs_posix, path, &text, &len, &why) != ZL_READ_OK) {
        *err = zl_xasprintf("--expect: %s", why);
        free(why);
        return false;
    }
    bool ok = zl_ses_expect_parse(e, path, text, len, identity, region, err);
    free(text);
    return ok;
}

bool zl_ses_expect_load_all(zl_ses_expect *e, const zl_config *cfg, zl_confine *confine,
                            char **files, size_t nfiles, const char *identity,
                            const char *region, char **err)
{
    if (!region)
        region = default_region();
    for (size_t i = 0; i < cfg->nses; i++) {
        const zl_ses_identity_cfg *s = &cfg->ses[i];
        for (size_t k = 0; k < s->nexpect; k++) {
            char *path = s->expect[k][0] == '/' ? zl_xstrdup(s->expect[k])
                                                : zl_xasprintf("%s/%s", cfg->dir, s->expect[k]);
            char *why = NULL;
            zl_read_result r = zl_confine_check(confine, path, &why);
            if (r == ZL_READ_REFUSED)
                *err = zl_xasprintf("%s: ses[%zu].expect: input-refused: \"%.200s\" is not "
                                    "read: it resolves outside the folders zonelint reads",
                                    cfg->path, i, s->expect[k]);
            free(why);
            bool ok = r != ZL_READ_REFUSED &&
                      load(e, path, s->identity, s->region ? s->region : region, err);
            free(path);
            if (!ok)
                return false;
        }
    }
    for (size_t i = 0; i < nfiles; i++)
        if (!load(e, files[i], identity, region, err))
            return false;
    index_tokens(e);
    return true;
}
