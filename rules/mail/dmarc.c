/* dmarc-syntax: DMARC policy records (RFC 7489 section 6) at _dmarc.DOMAIN. */
#include <ldns/ldns.h>
#include <stdlib.h>
#include <string.h>

#include "lint/engine/lint.h"
#include "rules/rules.h"
#include "rules/mail/placement.h"
#include "rules/mail/taglist.h"
#include "rules/values/txt.h"

const zl_rule zl_rule_dmarc_syntax = {
    .id = "dmarc-syntax",
    .severity = ZL_SEV_ERROR,
    .summary = "a _dmarc record that receivers ignore",
    .explanation =
        "A DMARC policy is a TXT record at _dmarc.DOMAIN that starts with v=DMARC1 and holds "
        "a p= policy (none, quarantine or reject). Receivers discard a record that does not "
        "start with v=DMARC1 exactly, lacks p=, has a bad tag value (pct over 100, adkim "
        "other than r or s, a rua address without mailto:), or shares the name with a "
        "second DMARC record (RFC 7489 section 6.6.3): the domain then has no policy at all.",
    .hint = "write one record: v=DMARC1; then the p= policy you mean (none, quarantine or "
            "reject) and your other tags",
};

static bool one_of(const zl_tag *t, const char *const *values)
{
    for (; *values; values++)
        if (zl_tag_value_is(t, *values))
            return true;
    return false;
}

static bool number_upto(const zl_tag *t, unsigned long max)
{
    if (t->value_len == 0 || t->value_len > 10)
        return false;
    unsigned long v = 0;
    for (size_t i = 0; i < t->value_len; i++) {
        if (t->value[i] < '0' || t->value[i] > '9')
            return false;
        v = v * 10 + (unsigned long)(t->value[i] - '0');
    }
    return v <= max;
}

/* rua= and ruf=: comma-separated URIs, mailto: with an address (RFC 7489 6.2). */
static const char *bad_uri_list(const zl_tag *t)
{
    const char *p = t->value, *end = t->value + t->value_len;
    if (p == end)
        return "an empty address list";
    while (p < end) {
        const char *comma = memchr(p, ',', (size_t)(end - p));
        const char *e = comma ? comma : end;
        while (p < e && (*p == ' ' || *p == '\t'))
            p++;
        const char *colon = memchr(p, ':', (size_t)(e - p));
        if (!colon || colon == p)
            return "an address without a scheme: write mailto:address";
        if ((size_t)(colon - p) == 6 && zl_has_prefix_ci(p, 6, "mailto") &&
            !memchr(colon, '@', (size_t)(e - colon)))
            return "a mailto: URI without an address";
        p = comma ? comma + 1 : end;
    }
    return NULL;
}

/* The tag's address list with mailto: added where the scheme is missing. */
static char *with_mailto(const zl_tag *t)
{
    zl_buf b = {0};
    zl_buf_printf(&b, "write %.*s=", (int)t->name_len, t->name);
    const char *p = t->value, *end = t->value + t->value_len;
    while (p < end) {
        const char *comma = memchr(p, ',', (size_t)(end - p));
        const char *e = comma ? comma : end;
        while (p < e && (*p == ' ' || *p == '\t'))
            p++;
        if (!memchr(p, ':', (size_t)(e - p)))
            zl_buf_adds(&b, "mailto:");
        zl_buf_add(&b, p, (size_t)(e - p));
        if (comma)
            zl_buf_addc(&b, ',');
        p = comma ? comma + 1 : end;
    }
    return zl_buf_take(&b);
}

/* The policy a misspelt one means, by its first letter; NULL if unclear.
 * A hint keeps the owner's policy: it never proposes a weaker one. */
static const char *meant_policy(const zl_tag *t)
{
    char c = t->value_len ? (char)(t->value[0] | 0x20) : 0;
    return c == 'r' ? "reject" : c == 'q' ? "quarantine" : c == 'n' ? "none" : NULL;
}

static char *policy_hint(const zl_tag *t, const char *name)
{
    const char *p = meant_policy(t);
    return p ? zl_xasprintf("write %s=%s", name, p)
             : zl_xasprintf("write %s=none, %s=quarantine or %s=reject: the policy you mean",
                            name, name, name);
}

/* The record with v=DMARC1 first and the owner's other tags as written. */
static char *version_first_hint(const zl_taglist *tl)
{
    zl_buf b = {0};
    zl_buf_adds(&b, "start with v=DMARC1: \"v=DMARC1");
    for (size_t i = 0; i < tl->n; i++) {
        const zl_tag *t = &tl->tags[i];
        if (t->name_len == 1 && (t->name[0] | 0x20) == 'v')
            continue;
        zl_buf_printf(&b, "; %.*s=%.*s", (int)t->name_len, t->name, (int)t->value_len,
                      t->value);
    }
    zl_buf_adds(&b, "\"");
    return zl_buf_take(&b);
}

static char *problem(const char *v, size_t n, char **hint)
{
    zl_taglist tl;
    zl_taglist_parse(v, n, &tl);
    static const char *const policies[] = {"none", "quarantine", "reject", NULL};
    static const char *const align[] = {"r", "s", NULL};
    const zl_tag *t;
    char *msg = NULL;
    if (tl.n == 0 || !(tl.tags[0].name_len == 1 && tl.tags[0].name[0] == 'v') ||
        !zl_tag_value_is(&tl.tags[0], "DMARC1")) {
        bool is_v = tl.n && tl.tags[0].name_len == 1 && tl.tags[0].name[0] == 'v';
        msg = zl_xstrdup(is_v ? "v= must be DMARC1 exactly, followed by ';'"
                              : "the record does not start with v=DMARC1");
        if (!is_v && !tl.error && zl_taglist_get(&tl, "p"))
            *hint = version_first_hint(&tl);
    } else if (tl.error) {
        msg = zl_xasprintf("bad tag list: %s", tl.error);
    } else if ((t = zl_taglist_get(&tl, "p")) == NULL) {
        msg = zl_xstrdup("no p= policy tag");
    } else if (!one_of(t, policies)) {
        msg = zl_xasprintf("p=%.*s: the policy is none, quarantine or reject",
                           (int)t->value_len, t->value);
        *hint = policy_hint(t, "p");
    } else if ((t = zl_taglist_get(&tl, "sp")) && !one_of(t, policies)) {
        msg = zl_xasprintf("sp=%.*s: the policy is none, quarantine or reject",
                           (int)t->value_len, t->value);
        *hint = policy_hint(t, "sp");
    } else if ((t = zl_taglist_get(&tl, "np")) && !one_of(t, policies)) {
        msg = zl_xasprintf("np=%.*s: the policy is none, quarantine or reject",
                           (int)t->value_len, t->value);
        *hint = policy_hint(t, "np");
    } else if ((t = zl_taglist_get(&tl, "adkim")) && !one_of(t, align)) {
        msg = zl_xstrdup("adkim= is r (relaxed) or s (strict)");
    } else if ((t = zl_taglist_get(&tl, "aspf")) && !one_of(t, align)) {
        msg = zl_xstrdup("aspf= is r (relaxed) or s (strict)");
    } else if ((t = zl_taglist_get(&tl, "pct")) && !number_upto(t, 100)) {
        msg = zl_xstrdup("pct= is a whole number from 0 to 100");
    } else if ((t = zl_taglist_get(&tl, "ri")) && !number_upto(t, 4294967295ul)) {
        msg = zl_xstrdup("ri= is a number of seconds");
    } else if ((t = zl_taglist_get(&tl, "fo"))) {
        for (size_t i = 0; i < t->value_len && !msg; i++)
            if (!strchr("01ds:", t->value[i]))
                msg = zl_xstrdup("fo= is a ':'-separated list of 0, 1, d and s");
    }
    if (!msg && (t = zl_taglist_get(&tl, "rf")) && !zl_tag_value_is(t, "afrf"))
        msg = zl_xstrdup("rf= is afrf");
    for (const char *name = "rua"; !msg && name; name = strcmp(name, "rua") == 0 ? "ruf" : NULL) {
        const char *why;
        if ((t = zl_taglist_get(&tl, name)) && (why = bad_uri_list(t))) {
            msg = zl_xasprintf("%s=: %s", name, why);
            if (strstr(why, "scheme"))
                *hint = with_mailto(t);
        }
    }
    zl_taglist_free(&tl);
    return msg;
}

static void run(zl_lint *l)
{
    zl_txt_view tv = {0};
    const zl_buf *v = &tv.value;
    for (size_t k = 0; k < l->zs->nzones; k++) {
        const zl_zone *z = l->zs->zones[k];
        const zl_index *ix = zl_lint_index(l, k);
        size_t g = 0, b, e;
        while (zl_index_next_owner_with(ix, z, ZL_GROUP_TXT, &g, &b, &e)) {
            if (!zl_owner_label_is(l->zs, z->recs[ix->order[b]].owner, "_dmarc"))
                continue;
            const zl_record *first = NULL;
            for (size_t i = b; i < e; i++) {
                const zl_record *r = &z->recs[ix->order[i]];
                if (r->type != LDNS_RR_TYPE_TXT || (r->flags & (ZL_REC_BAD_RDATA | ZL_REC_GENERIC)))
                    continue;
                zl_txt_view_read(&tv, l->zs, z, r);
                if (zl_txt_view_has_value_problem(l->zs, z, r, &tv))
                    continue;
                zl_mail_kind kind = zl_mail_kind_of(v->data, v->len);
                if (kind == ZL_MAIL_SPF || kind == ZL_MAIL_DKIM)
                    continue; /* mail-record-misplaced */
                char *hint = NULL;
                char *msg = problem(v->data, v->len, &hint);
                if (msg) {
                    zl_report_tok(l, &zl_rule_dmarc_syntax, z, r, zl_record_rd(r), hint, "%s",
                                  msg);
                    free(msg);
                } else if (first) {
                    zl_report_tok(l, &zl_rule_dmarc_syntax, z, r, zl_record_rd(r),
                                  zl_xstrdup("merge the two into one record, with the stricter "
                                             "of their policies"),
                                  "second DMARC record at this name (the first is on line %u): "
                                  "receivers then apply no policy",
                                  zl_record_line(l->zs, z, first));
                } else {
                    first = r;
                }
            }
        }
    }
    zl_txt_view_free(&tv);
}

static const zl_rule *const rules[] = {&zl_rule_dmarc_syntax, NULL};
const zl_check zl_check_dmarc = {.family = "dmarc", .run = run, .rules = rules};
