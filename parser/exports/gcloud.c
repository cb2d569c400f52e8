/* Google Cloud DNS: `gcloud dns record-sets export` as YAML (a stream of
 * documents, kind dns#resourceRecordSet, with name, type, ttl and rrdatas)
 * and with --zone-file-format (dnspython writes every owner absolute, no
 * $ORIGIN or $TTL, no comments).
 *
 * Names and targets are absolute with their final dot, rrdatas are rdata in
 * zone-file syntax (a TXT rrdata carries its own quotes, a long value is
 * several quoted strings of one rrdata): both are read as written. */
#include <stdlib.h>

#include "parser/exports/emit.h"
#include "parser/master/origin.h"
#include "parser/exports/readers.h"
#include "parser/exports/yaml_pos.h"

static void record_set(zl_ydoc *d, zl_synth *s, zl_ynode rs)
{
    zl_ynode name = zl_yget(rs, "name"), type = zl_yget(rs, "type");
    zl_ynode ttl = zl_yget(rs, "ttl"), rrdatas = zl_yget(rs, "rrdatas");
    zl_lstr n = {0}, t = {0};
    bool ok = zl_yscalar(d, name, &n) && zl_yscalar(d, type, &t);
    long long ttl_v = 0;
    if (!ok || !zl_emit_is_type(&t) || !zl_yis(rrdatas, YAML_SEQUENCE_NODE) ||
        !zl_yint(ttl, &ttl_v)) {
        zl_ynode at = rs.n ? rs : name;
        zl_synth_diag_raw(s, "syntax-error", zl_ystart(at), 1,
                          zl_xstrdup("record set without name, type, ttl and rrdatas"), NULL);
    } else {
        for (size_t i = 0; i < zl_ycount(rrdatas); i++) {
            zl_lstr v;
            if (!zl_yscalar(d, zl_yitem(rrdatas, i), &v))
                continue;
            zl_emit_name(s, &n, 0);
            zl_emit_ttl_type(s, ttl_v, zl_ystart(ttl), zl_ylen(ttl), &t);
            zl_emit_rdata(s, &v, 0);
            zl_synth_glue(s, "\n");
            zl_lstr_free(&v);
        }
    }
    zl_lstr_free(&n);
    zl_lstr_free(&t);
}

/* Every record set of the stream: one per document, or a list of them. */
static size_t sets(const zl_ydoc *d, size_t doc, zl_ynode *out, size_t i)
{
    zl_ynode root = zl_yroot(d, doc);
    if (zl_yis(root, YAML_SEQUENCE_NODE)) {
        if (i < zl_ycount(root))
            *out = zl_yitem(root, i);
        return zl_ycount(root);
    }
    *out = root;
    return 1;
}

/* The SOA's name: the zone, origin of any name written without its dot. */
static void origin_from_soa(const zl_ydoc *d, zl_synth *s)
{
    for (size_t k = 0; k < d->n; k++) {
        zl_ynode rs;
        for (size_t i = 0; i < sets(d, k, &rs, i); i++) {
            zl_lstr n, type;
            bool soa = zl_yscalar(d, zl_yget(rs, "type"), &type) &&
                       zl_ascii_ieq(type.p, type.n, "SOA");
            zl_lstr_free(&type);
            if (soa && zl_yscalar(d, zl_yget(rs, "name"), &n)) {
                zl_synth_glue(s, "$ORIGIN ");
                zl_emit_name(s, &n, ZL_EMIT_ABSOLUTE);
                zl_synth_glue(s, "\n");
                zl_lstr_free(&n);
                return;
            }
        }
    }
}

/* Whether the stream holds record sets at all (a YAML file of another kind
 * is not read as an empty zone). */
static bool any_set(const zl_ydoc *d)
{
    for (size_t k = 0; k < d->n; k++) {
        zl_ynode rs;
        for (size_t i = 0; i < sets(d, k, &rs, i); i++)
            if (zl_yget(rs, "rrdatas").n)
                return true;
    }
    return false;
}

bool zl_read_gcloud_yaml(zl_input *in, char **err)
{
    zl_ydoc d;
    if (!zl_input_decode(in, "gcloud-yaml", NULL, &d, err))
        return false;
    if (!any_set(&d)) {
        zl_ydoc_free(&d);
        return zl_input_fail(in, 0, "gcloud-yaml",
                             zl_xstrdup("no record sets (documents with name, type, ttl and "
                                        "rrdatas)"),
                             err);
    }
    zl_synth s;
    zl_synth_init(&s, in->text, in->len);
    origin_from_soa(&d, &s);
    for (size_t k = 0; k < d.n; k++) {
        zl_ynode rs;
        for (size_t i = 0; i < sets(&d, k, &rs, i); i++)
            record_set(&d, &s, rs);
    }
    zl_synth_carry_comments(&s, '#');
    zl_synth_read(&s, in->zs, in->path, "gcloud-yaml", in->o);
    zl_ydoc_free(&d);
    free(in->text);
    return true;
}

bool zl_read_gcloud_zone(zl_input *in, char **err)
{
    (void)err;
    zl_zone *z = zl_read_master_text(in->zs, in->path, in->text, in->len, in->o);
    z->format = "gcloud-zone";
    return true;
}
