/* Where a missing SES record goes, as a fix: the line SES's data names,
 * inserted after the last record of a sibling name (the other DKIM CNAMEs
 * beside a missing one), else of the parent name, else at the end of the
 * zone's file. Only in a master file (an export would need its own syntax),
 * and never beside a CNAME or, for a CNAME, beside other data. */
#include <ldns/ldns.h>
#include <stdlib.h>
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

/* The zone's records of its own file by their owner's parent, the last in
 * file order of each parent kept. */
static void anchors_build(const zl_lint *l, zl_ses_anchors *a, size_t k)
{
    if (!a->by_zone) {
        a->nzones = l->zs->nzones;
        a->by_zone = zl_xcalloc(a->nzones, sizeof *a->by_zone);
        a->n = zl_xcalloc(a->nzones, sizeof *a->n);
    }
    const zl_zone *z = l->zs->zones[k];
    zl_keyed *v = zl_xmallocn(z->nrecs + 1, sizeof *v);
    size_t n = 0;
    for (size_t i = 0; i < z->nrecs; i++) {
        const zl_record *r = &z->recs[i];
        if (zl_record_src(z, r) == z->src && r->owner != ZL_NAME_ROOT)
            v[n++] = (zl_keyed){zl_names_parent(&l->zs->names, r->owner), (uint32_t)i};
    }
    zl_keyed_sort(v, n);
    size_t kept = 0;
    for (size_t i = 0; i < n; i++) {
        if (kept && v[kept - 1].key == v[i].key)
            kept--;
        v[kept++] = v[i];
    }
    a->by_zone[k] = v;
    a->n[k] = kept;
}

/* The last record of the zone's own file whose owner is a child of parent,
 * or NULL. */
static const zl_record *last_child(const zl_lint *l, zl_ses_anchors *a, size_t k,
                                   zl_name_id parent)
{
    if (!a->by_zone || !a->by_zone[k])
        anchors_build(l, a, k);
    size_t at = zl_keyed_find(a->by_zone[k], a->n[k], parent);
    return at < a->n[k] ? &l->zs->zones[k]->recs[a->by_zone[k][at].i] : NULL;
}

/* The last record of the zone's own file at owner, or NULL. */
static const zl_record *last_at(zl_lint *l, size_t k, zl_name_id owner)
{
    const zl_zone *z = l->zs->zones[k];
    const zl_index *ix = zl_lint_index(l, k);
    size_t b, e;
    zl_index_owner_range(ix, z, owner, &b, &e);
    const zl_record *last = NULL;
    for (size_t i = b; i < e; i++) {
        const zl_record *r = &z->recs[ix->order[i]];
        if (zl_record_src(z, r) == z->src && (!last || r > last))
            last = r;
    }
    return last;
}

void zl_ses_anchors_free(zl_ses_anchors *a)
{
    for (size_t k = 0; a->by_zone && k < a->nzones; k++)
        free(a->by_zone[k]);
    free(a->by_zone);
    free(a->n);
    memset(a, 0, sizeof *a);
}

zl_fix *zl_ses_add_fix(zl_lint *l, zl_ses_anchors *anchors, const zl_ses_place *want,
                       const char *line)
{
    const zl_zone *z = zl_ses_place_zone(l, want);
    const zl_source *s = l->zs->srcs[z->src];
    const char *sp = strchr(line, ' ');
    if (s->map || strcmp(z->format, "bind") != 0 || !sp)
        return NULL;
    if (conflicts_at(l, want, strncmp(sp + 1, "CNAME ", 6) == 0))
        return NULL;
    zl_name_id parent = parent_of(&l->zs->names, want->name);
    const zl_record *anchor = NULL;
    if (parent != ZL_NAME_NONE) {
        anchor = last_child(l, anchors, want->zone, parent);
        if (!anchor)
            anchor = last_at(l, want->zone, parent);
    }
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
