#include "rules/ses/place.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/names/names.h"
#include "rules/rules.h"
#include "rules/ses/diff.h"
#include "rules/values/values.h"

zl_name_id zl_ses_name_lookup(const zl_names *names, const char *name, zl_name_id *deepest)
{
    /* Label by label from the root. */
    zl_name_id id = ZL_NAME_ROOT;
    bool whole = true;
    for (size_t end = strlen(name); end > 0 && whole;) {
        size_t start = end;
        while (start > 0 && name[start - 1] != '.')
            start--;
        zl_name_id child =
            zl_names_find_child(names, id, (const uint8_t *)name + start, end - start);
        whole = child != ZL_NAME_NONE;
        id = whole ? child : id;
        end = start ? start - 1 : 0;
    }
    *deepest = id;
    return whole ? id : ZL_NAME_NONE;
}

bool zl_ses_place_find(zl_lint *l, const zl_ses_identity *identity, const char *name,
                       zl_ses_place *out)
{
    memset(out, 0, sizeof *out);
    out->identity = identity;
    snprintf(out->name, sizeof out->name, "%s", name);
    const zl_names *names = &l->zs->names;
    /* The deepest name the zones know is where the search for its zone
     * starts. */
    zl_name_id id;
    out->id = zl_ses_name_lookup(names, out->name, &id);
    size_t best = SIZE_MAX;
    unsigned best_depth = 0;
    for (size_t k = 0; k < l->zs->nzones; k++) {
        zl_name_id apex = l->zs->zones[k]->apex;
        if (apex == ZL_NAME_NONE || !zl_names_is_below(names, id, apex))
            continue;
        unsigned d = zl_names_depth(names, apex);
        if (best == SIZE_MAX || d > best_depth) {
            best = k;
            best_depth = d;
        }
    }
    if (best == SIZE_MAX)
        return false;
    out->zone = best;
    return zl_index_cut_above(zl_lint_index(l, best), names, l->zs->zones[best]->apex, id,
                              false) == ZL_NAME_NONE;
}

const zl_zone *zl_ses_place_zone(const zl_lint *l, const zl_ses_place *p)
{
    return l->zs->zones[p->zone];
}

zl_ses_records zl_ses_place_records(zl_lint *l, const zl_ses_place *p)
{
    zl_ses_records at = {zl_ses_place_zone(l, p), zl_lint_index(l, p->zone), 0, 0};
    if (p->id != ZL_NAME_NONE)
        zl_index_owner_range(at.ix, at.z, p->id, &at.b, &at.e);
    return at;
}

const zl_record *zl_ses_record(const zl_ses_records *at, size_t i)
{
    const zl_record *r = &at->z->recs[at->ix->order[i]];
    return (r->flags & (ZL_REC_BAD_RDATA | ZL_REC_GENERIC)) ? NULL : r;
}

/* Why a record found elsewhere is not where SES looks. */
typedef enum cause {
    AT_PLACE = 0,      /* where it belongs */
    OWNER_NO_DOT,      /* written without a final dot: the origin was appended */
    OWNER_APEX_TWICE,
    OUT_OF_ZONE,
    OCCLUDED,          /* below a delegation of its zone */
    OTHER_ZONE,        /* the right name, in a zone that does not serve it */
    OTHER_NAME,
} cause;

static cause cause_of(zl_lint *l, size_t zone, const zl_record *r, const zl_ses_place *want)
{
    const zl_zone *z = l->zs->zones[zone];
    const zl_names *names = &l->zs->names;
    zl_name_fault f = zl_owner_fault(l->zs, z, r);
    if (f == ZL_FAULT_NO_FINAL_DOT)
        return OWNER_NO_DOT;
    if (f == ZL_FAULT_APEX_TWICE)
        return OWNER_APEX_TWICE;
    if (z->apex != ZL_NAME_NONE && !zl_names_is_below(names, r->owner, z->apex))
        return OUT_OF_ZONE;
    if (zl_index_cut_above(zl_lint_index(l, zone), names, z->apex, r->owner, false) !=
        ZL_NAME_NONE)
        return OCCLUDED;
    if (r->owner == want->id)
        return zone == want->zone ? AT_PLACE : OTHER_ZONE;
    return OTHER_NAME;
}

/* The rule that reports a cause at the record itself, if any. */
static const zl_rule *cause_rule(cause c)
{
    switch (c) {
    case OWNER_NO_DOT: return &zl_rule_missing_trailing_dot;
    case OWNER_APEX_TWICE: return &zl_rule_duplicated_origin;
    case OUT_OF_ZONE: return &zl_rule_out_of_zone;
    case OCCLUDED: return &zl_rule_occluded_by_delegation;
    default: return NULL;
    }
}

void zl_ses_plain_name(const zl_names *names, zl_name_id id, zl_buf *out)
{
    zl_names_format(names, id, out);
    if (out->len > 1)
        out->data[--out->len] = '\0';
}

static bool ends_with_label(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n > k && s[n - k - 1] == '.' && strcmp(s + n - k, suffix) == 0;
}

static bool is_identity(const zl_lint *l, const char *domain)
{
    for (size_t i = 0; l->ses && i < l->ses->n; i++)
        if (strcmp(l->ses->v[i].domain, domain) == 0)
            return true;
    return false;
}

/* owner with label removed gives want ("without the _domainkey label"), or
 * a label lost its underscore ("amazonses, without its underscore"). */
static bool label_slip(const char *o, const char *w, zl_buf *out)
{
    size_t on = strlen(o), wn = strlen(w);
    size_t p = 0;
    while (p < on && p < wn && o[p] == w[p])
        p++;
    if (wn > on && w[p] == '_' && strcmp(o + p, w + p + 1) == 0) {
        size_t e = p + 1;
        while (e < wn && w[e] != '.')
            e++;
        zl_buf_printf(out, "%.*s written without its underscore", (int)(e - p - 1), w + p + 1);
        return true;
    }
    size_t ls = p; /* the start of the label where they part */
    while (ls > 0 && w[ls - 1] != '.')
        ls--;
    size_t le = ls;
    while (le < wn && w[le] != '.')
        le++;
    if (le < wn && strcmp(o + ls, w + le + 1) == 0) {
        zl_buf_printf(out, "without the %.*s label", (int)(le - ls), w + ls);
        return true;
    }
    return false;
}

/* How the owner o relates to the place: which domain it sits under. */
static void relation(const zl_lint *l, const char *o, const zl_ses_place *want, zl_buf *out)
{
    const char *w = want->name, *d = want->identity->domain;
    if (strcmp(o, d) == 0) {
        zl_buf_adds(out, "the identity's own name");
        return;
    }
    size_t wl = strlen(w), dl = strlen(d);
    size_t pl = wl > dl ? wl - dl : 0; /* "TOKEN._domainkey." above the identity */
    if (pl == 0 || strncmp(o, w, pl) != 0) {
        label_slip(o, w, out);
        return;
    }
    const char *r = o + pl;
    const char *dparent = strchr(d, '.'), *rparent = strchr(r, '.');
    if (ends_with_label(d, r))
        zl_buf_printf(out, "under the parent domain %s, not %s", r, d);
    else if (is_identity(l, r))
        zl_buf_printf(out, "under %s, another SES identity, not %s", r, d);
    else if (ends_with_label(r, d))
        zl_buf_printf(out, "under %s, a subdomain of %s", r, d);
    else if (dparent && rparent && strcmp(dparent, rparent) == 0)
        zl_buf_printf(out, "under %s, a sibling of %s", r, d);
    else
        zl_buf_printf(out, "under %s, not %s", r, d);
}

/* True when the owner of r differs from the place only in its first label,
 * which is a near miss of the place's (a typo in a token): why says how. */
static bool owner_near(zl_lint *l, const zl_record *r, const zl_ses_place *want, zl_buf *why)
{
    zl_buf o = {0};
    zl_ses_plain_name(&l->zs->names, r->owner, &o);
    const char *od = strchr(zl_buf_str(&o), '.'), *wd = strchr(want->name, '.');
    /* a dropped underscore is no typo: a provider refused it (a misplacement) */
    bool underscore = want->name[0] == '_' && strcmp(o.data, want->name + 1) == 0;
    bool near = od && wd && !underscore && strcmp(od, wd) == 0 &&
                zl_ses_diff(o.data, (size_t)(od - o.data), want->name,
                            (size_t)(wd - want->name), false, why);
    zl_buf_free(&o);
    return near;
}

/* Where a record is, for messages: "line 12 of db.example.com". */
static void where(const zl_lint *l, const zl_zone *z, const zl_record *r, zl_buf *out)
{
    zl_buf_printf(out, "line %u of %s", zl_record_line(l->zs, z, r),
                  l->zs->srcs[zl_record_src(z, r)]->path);
}

/* Report r, which holds what (e.g. "the Easy DKIM CNAME of token X") but is
 * not at want: ses-wrong-placement, or nothing when the rule of its cause is
 * on and reports it. hint is taken over. */
static void report_misplaced(zl_lint *l, size_t zone, const zl_record *r, cause c,
                             const zl_ses_place *want, const char *what, char *hint)
{
    const zl_rule *owner_rule = cause_rule(c);
    if (c == AT_PLACE || (owner_rule && zl_rule_on(l, owner_rule))) {
        free(hint);
        return;
    }
    const zl_zone *z = l->zs->zones[zone];
    const char *serving = zl_ses_place_zone(l, want)->path;
    zl_buf o = {0}, m = {0};
    zl_ses_plain_name(&l->zs->names, r->owner, &o);
    zl_buf_printf(&m, "%s is at %s.", what, zl_buf_str(&o));
    switch (c) {
    case OWNER_NO_DOT:
        zl_buf_adds(&m, ", because its name was written without a final dot and the origin "
                        "was appended");
        break;
    case OWNER_APEX_TWICE:
        zl_buf_adds(&m, ", which ends with the zone apex twice");
        break;
    case OUT_OF_ZONE:
        zl_buf_adds(&m, ", outside the zone of this file");
        break;
    case OCCLUDED:
        zl_buf_adds(&m, ", below a delegation: the parent's servers never answer with it");
        break;
    case OTHER_ZONE:
        zl_buf_printf(&m, " in %s, a file that does not serve that name", z->path);
        break;
    default: {
        zl_buf rel = {0};
        relation(l, zl_buf_str(&o), want, &rel);
        if (rel.len)
            zl_buf_printf(&m, " (%s)", zl_buf_str(&rel));
        zl_buf_free(&rel);
    }
    }
    zl_buf_printf(&m, "; SES looks for it at %s., served by %s", want->name, serving);
    zl_report_tok(l, &zl_rule_ses_wrong_placement, z, r, zl_ses_owner_tok(r), hint, "%s",
                  zl_buf_str(&m));
    zl_buf_free(&o);
    zl_buf_free(&m);
}

/* Record r of zone k, when it holds what SES wants away from the place: the
 * near miss, kept, or a misplaced record, reported (then true). */
static bool consider(zl_lint *l, const zl_ses_place *want, size_t k, const zl_record *r,
                     zl_ses_holds_fn holds, const void *ctx, const char *what, const char *line,
                     zl_ses_near *near)
{
    const zl_zone *z = l->zs->zones[k];
    if ((r->flags & ZL_REC_BAD_RDATA) || (k == want->zone && r->owner == want->id) ||
        !holds(l, z, r, ctx))
        return false;
    zl_buf why = {0};
    zl_buf_adds(&why, "the first label of its name differs: ");
    if (owner_near(l, r, want, &why) && !near->r) {
        near->z = z;
        near->r = r;
        near->why = why;
        return false;
    }
    zl_buf_free(&why);
    report_misplaced(l, k, r, cause_of(l, k, r, want), want, what,
                     zl_xasprintf("move it: %s", line));
    return true;
}

size_t zl_ses_find_elsewhere(zl_lint *l, const zl_ses_place *want, const zl_ses_refs *among,
                             zl_ses_holds_fn holds, const void *ctx, const char *what,
                             const char *line, zl_ses_near *near)
{
    size_t misplaced = 0;
    for (size_t x = 0; x < among->n; x++) {
        const zl_ses_ref *at = &among->v[x];
        misplaced += consider(l, want, at->zone, &l->zs->zones[at->zone]->recs[at->rec], holds,
                              ctx, what, line, near);
    }
    return misplaced;
}

/* "example.com in us-east-1, from data/example.com.json" */
static void identity_desc(const zl_ses_identity *id, zl_buf *out)
{
    zl_buf_adds(out, id->domain);
    if (id->region)
        zl_buf_printf(out, " in %s", id->region);
    zl_buf_printf(out, ", from %s", id->source);
}

size_t zl_ses_owner_len(zl_lint *l, zl_name_id origin, const char *line)
{
    size_t n = strcspn(line, " ");
    zl_buf o = {0};
    if (origin != ZL_NAME_NONE)
        zl_names_format(&l->zs->names, origin, &o);
    if (o.len > 1 && n > o.len + 1 && line[n - o.len - 1] == '.' &&
        zl_ascii_ieq(line + n - o.len, o.len, zl_buf_str(&o)))
        n -= o.len + 1;
    zl_buf_free(&o);
    return n;
}

zl_fix *zl_ses_rewrite_fix(zl_lint *l, const zl_zone *z, const zl_record *r, const char *line,
                           zl_fix_safety safety)
{
    const zl_source *s = l->zs->srcs[zl_record_src(z, r)];
    uint32_t from = r->start, to = zl_record_end(z, r);
    const char *sp = strchr(line, ' ');
    if (!sp || !(r->flags & ZL_REC_OWNER_WRITTEN) || (from > 0 && s->text[from - 1] != '\n') ||
        memchr(s->text + from, '\n', to - from) || memchr(s->text + from, '(', to - from))
        return NULL;
    /* The owner, and the type with the rdata: a TTL or class between stays. */
    zl_tok owner = zl_record_tok(l->zs, z, r, 0), type = zl_record_tok(l->zs, z, r,
                                                                       zl_record_i_type(r));
    /* Written relative to the origin when the record's owner was. */
    size_t nl = r->owner_absolute ? (size_t)(sp - line)
                                  : zl_ses_owner_len(l, zl_record_origin(z, r), line);
    char *name = zl_xstrndup(line, nl);
    zl_fix *f = zl_fix_new(safety);
    zl_fix_replace(f, zl_record_src(z, r), owner.off, owner.len, name);
    zl_fix_replace(f, zl_record_src(z, r), type.off, to - type.off, sp + 1);
    free(name);
    return f;
}

void zl_ses_report_missing(zl_lint *l, zl_ses_anchors *anchors, const zl_rule *rule,
                           const zl_ses_place *want, char *key, const char *what,
                           const char *line, bool concrete, zl_ses_near *near)
{
    zl_buf m = {0}, d = {0};
    identity_desc(want->identity, &d);
    zl_buf_printf(&m, "%s is missing: it belongs at %s. (%s)", what, want->name,
                  zl_buf_str(&d));
    char *hint;
    zl_fix *fix = NULL;
    if (near->r) {
        zl_buf rec = {0}, at = {0};
        zl_record_describe(l->zs, near->z, near->r, &rec);
        where(l, near->z, near->r, &at);
        zl_buf_printf(&m, "; %s has %s, and %s", zl_buf_str(&at), zl_buf_str(&rec),
                      zl_buf_str(&near->why));
        hint = zl_xasprintf("change line %u to: %s", zl_record_line(l->zs, near->z, near->r),
                            line);
        /* Likely meant, but the record could be another that only looks alike. */
        fix = concrete ? zl_ses_rewrite_fix(l, near->z, near->r, line, ZL_FIX_UNSAFE) : NULL;
        zl_buf_free(&rec);
        zl_buf_free(&at);
    } else {
        hint = zl_xasprintf("add: %s", line);
        fix = concrete ? zl_ses_add_fix(l, anchors, want, line) : NULL;
    }
    zl_report_file_fix(l, rule, zl_ses_place_zone(l, want)->path, key, hint, fix, "%s",
                       zl_buf_str(&m));
    free(key);
    zl_buf_free(&m);
    zl_buf_free(&d);
}

typedef struct value_ctx {
    zl_lint *l;
    bool reported;
} value_ctx;

/* Only whether a problem's rule is on: details is NULL, so none is built. */
static void note_problem(void *vctx, const zl_rule *rule, zl_value_at where, char *hint,
                         char *message)
{
    (void)where;
    (void)hint;
    (void)message;
    value_ctx *c = vctx;
    c->reported = c->reported || zl_rule_on(c->l, rule);
}

bool zl_ses_value_reported(zl_lint *l, const zl_zone *z, const zl_record *r)
{
    value_ctx c = {l, false};
    zl_value_problems(l->zs, z, r, &(zl_value_sink){note_problem, NULL, &c});
    return c.reported;
}

bool zl_ses_rdata_name_reported(zl_lint *l, const zl_zone *z, const zl_record *r, unsigned i)
{
    zl_name_id id;
    zl_name_fault f = zl_rdata_fault(l, z, r, i, &id);
    if (f == ZL_FAULT_NONE)
        return false;
    return zl_rule_on(l, f == ZL_FAULT_APEX_TWICE ? &zl_rule_duplicated_origin
                                                  : &zl_rule_missing_trailing_dot);
}

const char *zl_ses_dkim_region(const zl_ses_identity *id)
{
    return id->signing == ZL_SES_SIGN_DEED && id->dkim_region ? id->dkim_region : id->region;
}

char *zl_ses_key(const zl_ses_identity *id, const char *kind, const char *token)
{
    return zl_xasprintf("%s|%s|%s", id->domain, kind, token);
}

const zl_rule zl_rule_ses_wrong_placement = {
    .id = "ses-wrong-placement",
    .severity = ZL_SEV_ERROR,
    .summary = "an SES record under the wrong name, or in a zone file that does not serve it",
    .explanation =
        "SES looks up each record at one exact name: TOKEN._domainkey.DOMAIN for Easy DKIM, "
        "SELECTOR._domainkey.DOMAIN for a BYODKIM key, _amazonses.DOMAIN for the "
        "verification token, the MAIL FROM domain for its MX and SPF records. A record that "
        "holds the right token elsewhere is never found: under the parent domain, a "
        "sibling, another identity's name, without the _domainkey label, with the "
        "underscore of _amazonses dropped, or at the right name in a zone file that does "
        "not serve it (the parent's file when the name has a zone of its own). SES keeps "
        "the identity pending and fails it after 72 hours. zonelint searches every loaded "
        "zone for the tokens SES issued and says where each record is and where it belongs "
        "(a DKIM or verification token shorter than 16 characters, never one SES issues, "
        "is looked for only at the name SES looks at: elsewhere it would match records by "
        "chance; a BYODKIM selector is looked for as the first label of a TXT key). "
        "A name written without its final dot, with the apex twice, outside its zone or "
        "below a delegation is reported by missing-trailing-dot, duplicated-origin, "
        "out-of-zone or occluded-by-delegation, and by this rule only when those are off. "
        "In Terraform the name is checked as the provider creates it, zone appended: "
        "${TOKEN}._domainkey written relative to example.com for the identity "
        "news.example.com is created under example.com, where SES never looks. In a "
        "CloudFormation template, a record set named by an identity's DkimDNSTokenNameN "
        "belongs in a hosted zone that holds the identity's name, and that name is whole: "
        "a !Sub that adds text to it names another record.",
    .hint = "move the record to the name SES looks for, in the zone file that serves it",
};
