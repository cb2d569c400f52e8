/* The SES console's "Download .csv record set": one row per DNS record.
 * AWS documents neither the columns nor the quoting, so columns are found by
 * their header (Type, Name and Value in any order and case, "Record name" as
 * well as "Name"; other columns are ignored), names may or may not end with a
 * dot, and values may carry their own quotes. Every row must be a record SES
 * publishes: Easy DKIM CNAMEs, the _amazonses TXT, a BYODKIM key TXT, the
 * MAIL FROM MX and SPF TXT. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "lint/ses/shape.h"
#include "lint/ses/expect.h"
#include "lint/util/util.h"

enum { COL_TYPE, COL_NAME, COL_VALUE, NCOLS };

typedef struct csv {
    const char *path, *p, *end;
    int line;     /* line of the next character */
    int row_line; /* line where the current row started */
} csv;

/* One field into out; *row_end after the last field of a row. */
static void field(csv *c, zl_buf *out, bool *row_end)
{
    zl_buf_reset(out);
    if (c->p < c->end && *c->p == '"') {
        for (c->p++; c->p < c->end; c->p++) {
            if (*c->p == '"' && c->p + 1 < c->end && c->p[1] == '"')
                zl_buf_addc(out, *c->p++);
            else if (*c->p == '"')
                break;
            else {
                c->line += *c->p == '\n';
                zl_buf_addc(out, *c->p);
            }
        }
        if (c->p < c->end)
            c->p++; /* the closing quote */
    }
    while (c->p < c->end && *c->p != ',' && *c->p != '\n')
        if (*c->p++ != '\r')
            zl_buf_addc(out, c->p[-1]);
    *row_end = c->p >= c->end || *c->p == '\n';
    if (c->p < c->end) {
        c->line += *c->p == '\n';
        c->p++;
    }
    zl_buf_str(out);
}

/* The fields of the next non-blank row; false at the end of the text. */
static bool row(csv *c, zl_buf *fields, size_t cap, size_t *n)
{
    for (;;) {
        if (c->p >= c->end)
            return false;
        c->row_line = c->line;
        *n = 0;
        bool end = false, blank = true;
        zl_buf scratch = {0};
        while (!end) {
            zl_buf *f = *n < cap ? &fields[*n] : &scratch;
            field(c, f, &end);
            blank = blank && f->len == 0;
            (*n)++;
        }
        zl_buf_free(&scratch);
        if (!blank)
            return true;
    }
}

static bool fail(const csv *c, char **err, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static bool fail(const csv *c, char **err, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    zl_buf m = {0};
    zl_buf_printf(&m, "%s:%d: ", c->path, c->row_line);
    zl_buf_vprintf(&m, fmt, ap);
    va_end(ap);
    *err = zl_buf_take(&m);
    return false;
}

/* Header text to a column: letters only, lower case, "record" dropped. */
static int column_of(const char *h)
{
    char k[32];
    size_t n = 0;
    for (; *h && n + 1 < sizeof k; h++)
        if ((*h >= 'a' && *h <= 'z') || (*h >= 'A' && *h <= 'Z'))
            k[n++] = (char)zl_ascii_lower(*h);
    k[n] = '\0';
    const char *s = strncmp(k, "record", 6) == 0 && k[6] ? k + 6 : k;
    static const struct { const char *name; int col; } names[] = {
        {"type", COL_TYPE},   {"name", COL_NAME},     {"host", COL_NAME},
        {"hostname", COL_NAME}, {"value", COL_VALUE}, {"data", COL_VALUE},
        {"content", COL_VALUE},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(s, names[i].name) == 0)
            return names[i].col;
    return -1;
}

/* Trimmed text without surrounding white space; TXT strings joined. */
static char *clean(const char *s, bool txt)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    zl_buf b = {0};
    if (txt && n && s[0] == '"') {
        /* "string" "string": a value written as a zone file writes it */
        for (size_t i = 0; i < n; i++) {
            if (s[i] != '"')
                continue;
            for (i++; i < n && s[i] != '"'; i++)
                zl_buf_addc(&b, s[i] == '\\' && i + 1 < n ? s[++i] : s[i]);
        }
    } else {
        zl_buf_add(&b, s, n);
    }
    return zl_buf_take(&b);
}

typedef struct rows {
    zl_ses_identity *id;
    char *region; /* as the records state it */
} rows;

/* The identity part of a record name: the first row names it, unless
 * --identity did; every other row must agree. */
static bool set_identity(const csv *c, char **err, rows *rs, const char *name,
                         const char *domain)
{
    if (!rs->id->domain) {
        rs->id->domain = zl_ses_domain(domain);
        if (!rs->id->domain)
            return fail(c, err, "%s: %s is not a domain name", name, domain);
    } else if (strcmp(domain, rs->id->domain) != 0) {
        return fail(c, err, "%s is not a record of the identity %s", name, rs->id->domain);
    }
    return true;
}

/* name is LABEL._domainkey.DOMAIN: *label gets LABEL. */
static bool split_selector(const csv *c, char **err, const char *name, rows *rs, char **label)
{
    const char *dot = strchr(name, '.');
    if (!dot || strncmp(dot, "._domainkey.", 12) != 0)
        return fail(c, err, "%s is not a DKIM record name (LABEL._domainkey.DOMAIN)", name);
    if (!set_identity(c, err, rs, name, dot + 12))
        return false;
    *label = zl_xstrndup(name, (size_t)(dot - name));
    return true;
}

static void add_token(zl_ses_identity *id, char *token)
{
    id->dkim = zl_xrealloc(id->dkim, (id->ndkim + 1) * sizeof *id->dkim);
    id->dkim[id->ndkim++] = token;
}

static bool set_region(const csv *c, char **err, rows *rs, const char *region)
{
    if (rs->region && strcmp(rs->region, region) != 0)
        return fail(c, err, "records of two regions in one file: %s and %s", rs->region, region);
    if (!rs->region)
        rs->region = zl_xstrdup(region);
    return true;
}

static bool cname_row(const csv *c, char **err, rows *rs, const char *name, const char *value)
{
    char *token;
    if (!split_selector(c, err, name, rs, &token))
        return false;
    const char *dot = strchr(value, '.');
    size_t tl = dot ? (size_t)(dot - value) : 0;
    char *label = zl_ses_label(token);
    bool ok = label && tl == strlen(token) && zl_ascii_ieq(value, tl, token);
    if (ok && rs->id->dkim_host && strcmp(rs->id->dkim_host, dot + 1) != 0)
        ok = fail(c, err, "DKIM targets below two domains: %s and %s", rs->id->dkim_host,
                  dot + 1);
    else if (!ok)
        fail(c, err, "%s CNAME %s is not an Easy DKIM record (TOKEN._domainkey.DOMAIN CNAME "
             "TOKEN.HOST)", name, value);
    zl_ses_shape s;
    if (ok && !rs->id->dkim_host) {
        rs->id->dkim_host = zl_ses_domain(dot + 1);
        if (zl_ses_dkim_target(value, strlen(value), &s) && s.region[0])
            ok = set_region(c, err, rs, s.region);
    }
    free(token);
    if (ok)
        add_token(rs->id, label);
    else
        free(label);
    return ok;
}

static bool set_mail_from(const csv *c, char **err, rows *rs, const char *name)
{
    char *d = zl_ses_domain(name);
    if (!d)
        return fail(c, err, "%s is not a domain name", name);
    if (rs->id->mail_from && strcmp(rs->id->mail_from, d) != 0) {
        free(d);
        return fail(c, err, "two MAIL FROM domains: %s and %s", rs->id->mail_from, name);
    }
    free(rs->id->mail_from);
    rs->id->mail_from = d;
    return true;
}

static bool mx_row(const csv *c, char **err, rows *rs, const char *name, const char *value)
{
    const char *host = value;
    char *end;
    strtol(value, &end, 10); /* "10 feedback-smtp..." when the priority shares the cell */
    if (end != value && (*end == ' ' || *end == '\t')) {
        host = end;
        while (*host == ' ' || *host == '\t')
            host++;
    }
    char region[32];
    if (!zl_ses_feedback_host(host, strlen(host), region, sizeof region))
        return fail(c, err, "MX %s is not SES's MAIL FROM record (feedback-smtp.REGION."
                    "amazonses.com)", value);
    return set_region(c, err, rs, region) && set_mail_from(c, err, rs, name);
}

static bool txt_row(const csv *c, char **err, rows *rs, const char *name, const char *value)
{
    char *label;
    if (strncmp(name, "_amazonses.", 11) == 0) {
        if (!zl_ses_token_ok(value))
            return fail(c, err, "\"%s\" is not a verification token", value);
        if (!set_identity(c, err, rs, name, name + 11))
            return false;
        free(rs->id->verification);
        rs->id->verification = zl_xstrdup(value);
        return true;
    }
    if (strstr(name, "._domainkey.")) {
        if (!split_selector(c, err, name, rs, &label))
            return false;
        char *sel = zl_ses_label(label);
        free(label);
        if (!sel)
            return fail(c, err, "%s: the selector is not one DNS label", name);
        add_token(rs->id, sel);
        rs->id->signing = ZL_SES_SIGN_BYODKIM;
        free(rs->id->byodkim_value);
        rs->id->byodkim_value = zl_xstrdup(value);
        return true;
    }
    if (zl_has_prefix_ci(value, strlen(value), "v=spf1"))
        return set_mail_from(c, err, rs, name);
    return fail(c, err, "TXT at %s is not one SES publishes (_amazonses, a DKIM key, or "
                "the MAIL FROM SPF record)", name);
}

static bool one_row(const csv *c, char **err, rows *rs, zl_buf *f, const int *col)
{
    const char *type = zl_buf_str(&f[col[COL_TYPE]]);
    char *name = clean(zl_buf_str(&f[col[COL_NAME]]), false);
    size_t nl = strlen(name);
    if (nl && name[nl - 1] == '.')
        name[nl - 1] = '\0';
    for (char *p = name; *p; p++)
        *p = (char)zl_ascii_lower(*p);
    bool txt = zl_ascii_ieq(type, strlen(type), "TXT");
    char *value = clean(zl_buf_str(&f[col[COL_VALUE]]), txt);
    size_t vl = strlen(value);
    if (!txt && vl && value[vl - 1] == '.')
        value[vl - 1] = '\0';
    bool ok;
    if (zl_ascii_ieq(type, strlen(type), "CNAME"))
        ok = cname_row(c, err, rs, name, value);
    else if (zl_ascii_ieq(type, strlen(type), "MX"))
        ok = mx_row(c, err, rs, name, value);
    else if (txt)
        ok = txt_row(c, err, rs, name, value);
    else
        ok = fail(c, err, "a %s record: SES publishes CNAME, TXT and MX records only", type);
    free(name);
    free(value);
    return ok;
}

static bool header(csv *c, char **err, zl_buf *f, size_t n, int *col)
{
    for (int k = 0; k < NCOLS; k++)
        col[k] = -1;
    for (size_t i = 0; i < n && i < NCOLS * 4; i++) {
        int k = column_of(zl_buf_str(&f[i]));
        if (k >= 0 && col[k] < 0)
            col[k] = (int)i;
    }
    if (col[COL_TYPE] < 0 || col[COL_NAME] < 0 || col[COL_VALUE] < 0)
        return fail(c, err, "not SES data zonelint reads: expected the JSON output of aws "
                    "sesv2 get-email-identity or aws ses get-identity-*-attributes, or the "
                    "SES console's CSV with Type, Name and Value columns");
    return true;
}

bool zl_ses_read_csv(zl_ses_expect *e, const char *path, const char *text, size_t len,
                     const char *identity, const char *region, char **err)
{
    enum { MAXF = NCOLS * 4 };
    csv c = {path, text, text + len, 1, 1};
    zl_buf f[MAXF] = {{0}};
    size_t n = 0;
    int col[NCOLS];
    char *domain = identity ? zl_ses_domain(identity) : NULL;
    rows rs = {zl_ses_identity_new(domain, path, region), NULL};
    bool ok = true;
    if (identity && !domain)
        ok = fail(&c, err, "--identity %s is not a domain name", identity);
    else if (!row(&c, f, MAXF, &n))
        ok = fail(&c, err, "empty: no SES records");
    else
        ok = header(&c, err, f, n, col);
    size_t records = 0;
    int header_fields = (int)n;
    while (ok && row(&c, f, MAXF, &n)) {
        if ((int)n != header_fields)
            ok = fail(&c, err, "%zu fields where the header has %d", n, header_fields);
        else
            ok = one_row(&c, err, &rs, f, col);
        records++;
    }
    if (ok && !records)
        ok = fail(&c, err, "no records below the header");
    if (ok && !rs.id->domain)
        ok = fail(&c, err, "only MAIL FROM records: give --identity DOMAIN");
    if (ok && rs.region) {
        free(rs.id->region);
        rs.id->region = rs.region; /* what the records themselves say wins */
        rs.region = NULL;
    }
    for (size_t i = 0; i < MAXF; i++)
        zl_buf_free(&f[i]);
    free(rs.region);
    if (!ok) {
        zl_ses_identity_free(rs.id);
        free(rs.id);
        return false;
    }
    zl_ses_expect_add(e, rs.id);
    return true;
}
