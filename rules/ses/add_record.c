/* Where a missing SES record goes, as a fix: the line SES's data names,
 * inserted after the last record of a sibling name (the other DKIM CNAMEs
 * beside a missing one), else of the parent name, else at the end of the
 * zone's file. Only in a master file (an export would need its own syntax),
 * and never beside a CNAME or, for a CNAME, beside other data. */
#include <ldns/ldns.h>
#include <string.h>

#include "rules/ses/place.h"

/* The name's parent, looked up in the name table; ZL_NAME_NONE if unknown. */
static zl_name_id parent_of(const zl_names *names, const char *name)
{
    const char *dot = strchr(name, '.');
    zl_name_id deepest;
    return dot ? zl_ses_name_lookup(names, dot + 1, &deepest) : ZL_NAME_NONE;
}

/* True when the record's line holds the record alone, without parentheses,
 * so that a line after it is a line of its own. */
static bool alone_on_line(const zl_source *s, const zl_zone *z, const zl_record *r,
                          uint32_t *next_line)
{
    uint32_t from = r->start, to = zl_record_end(z, r);
    while (from > 0 && s->text[from - 1] != '\n')
        from--;
    const char *nl = memchr(s->text + to, '\n', s->len - to);
    if (!nl)
        return false;
    bool quoted = false;
    for (const char *p = s->text + from; p < nl; p++) {
        if (*p == '\\' && p + 1 < nl)
            p++;
        else if (*p == '"')
            quoted = !quoted;
        else if (!quoted && *p == ';')
            break;
        else if (!quoted && (*p == '(' || *p == ')'))
            return false;
    }
    *next_line = (uint32_t)(nl - s->text) + 1;
    return true;
}

/* Records at the place that the new one would sit badly beside. */
static bool conflicts_at(zl_lint *l, const zl_ses_place *want, bool adding_cname)
{
    zl_ses_records at = zl_ses_place_records(l, want);
    for (size_t i = at.b; i < at.e; i++) {
        if (adding_cname || at.z->recs[at.ix->order[i]].type == LDNS_RR_TYPE_CNAME)
            return true;
    }
    return false;
}

zl_fix *zl_ses_add_fix(zl_lint *l, const zl_ses_place *want, const char *line)
{
    const zl_zone *z = zl_ses_place_zone(l, want);
    const zl_source *s = l->zs->srcs[z->src];
    const char *sp = strchr(line, ' ');
    if (s->map || strcmp(z->format, "bind") != 0 || !sp)
        return NULL;
    if (conflicts_at(l, want, strncmp(sp + 1, "CNAME ", 6) == 0))
        return NULL;
    const zl_names *names = &l->zs->names;
    zl_name_id parent = parent_of(names, want->name);
    const zl_record *sibling = NULL, *at_parent = NULL;
    for (size_t i = 0; parent != ZL_NAME_NONE && i < z->nrecs; i++) {
        const zl_record *r = &z->recs[i];
        if (zl_record_src(z, r) != z->src)
            continue;
        if (r->owner != ZL_NAME_ROOT && zl_names_parent(names, r->owner) == parent)
            sibling = r;
        else if (r->owner == parent)
            at_parent = r;
    }
    const zl_record *anchor = sibling ? sibling : at_parent;
    uint32_t at = (uint32_t)s->len;
    bool beside = anchor && alone_on_line(s, z, anchor, &at);
    if (!beside)
        at = (uint32_t)s->len;
    bool need_nl = at == s->len && s->len && s->text[s->len - 1] != '\n';
    /* Lines end as the file's do. */
    const char *first_nl = memchr(s->text, '\n', s->len);
    const char *eol = first_nl && first_nl > s->text && first_nl[-1] == '\r' ? "\r\n" : "\n";
    /* Beside its neighbours, written as they are: relative to their origin. */
    size_t owner = strcspn(line, " ");
    size_t keep = beside && !anchor->owner_absolute
                      ? zl_ses_owner_len(l, zl_record_origin(z, anchor), line)
                      : owner;
    zl_buf text = {0};
    zl_buf_printf(&text, "%s%.*s%s%s", need_nl ? eol : "", (int)keep, line, line + owner, eol);
    zl_fix *f = zl_fix_new(ZL_FIX_SAFE);
    zl_fix_replace(f, z->src, at, 0, zl_buf_str(&text));
    zl_buf_free(&text);
    return f;
}
