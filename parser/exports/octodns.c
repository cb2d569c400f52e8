/* octoDNS zone configuration (YAML): the file ZONE.yaml holds the zone ZONE;
 * its keys are names relative to the zone ('' for the apex), each with one
 * record or a list of them (type, ttl, value or values, octodns options).
 *
 * octoDNS's own rules, as its validators state them:
 * - targets (CNAME, DNAME, PTR, NS, MX exchange, SRV target) must end with a
 *   dot ("missing trailing ."), so they are read with the dot and reported
 *   (missing-trailing-dot); with lenient: true (on the record, or the zone's
 *   in the octoDNS configuration) octoDNS passes them on as written: to
 *   targets that take every name as absolute (Route 53, Cloudflare, ...) that
 *   is what was meant and nothing is reported, while a target that writes
 *   zone files (octodns_bind) appends the zone, which is reported;
 * - a key that already ends with the zone gives zone.zone once octoDNS
 *   appends the zone (duplicated-origin); one that ends with a dot is
 *   rejected (syntax-error);
 * - in TXT and SPF values a ';' must be escaped as \; ("unescaped ; in",
 *   "double escaped ; in": value-quoting); octoDNS splits long values into
 *   strings of 255 octets when it publishes them, so they are read split.
 * Provider-specific types (Route53Provider/ALIAS), ALIAS and records marked
 * octodns: {ignored: true} are not DNS records of the zone and are skipped. */
#include <stdlib.h>
#include <string.h>

#include "lint/model/tld.h"
#include "parser/exports/emit.h"
#include "parser/exports/octodns_config.h"
#include "parser/master/origin.h"
#include "parser/exports/readers.h"
#include "parser/exports/yaml_pos.h"

/* Fields of the mapping values of each type, in rdata order: '#' as
 * written (numbers, flags, digests), '^' a target, '"' a text; "a|b" where
 * octoDNS accepts either key. */
static const struct octo_type {
    const char *type;
    const char *fields[12];
} types[] = {
    {"A", {0}},
    {"AAAA", {0}},
    {"CAA", {"#flags", "#tag", "\"value"}},
    {"CNAME", {"^"}},
    {"DNAME", {"^"}},
    {"DS", {"#key_tag", "#algorithm", "#digest_type", "#digest"}},
    {"LOC",
     {"#lat_degrees", "#lat_minutes", "#lat_seconds", "#lat_direction", "#long_degrees",
      "#long_minutes", "#long_seconds", "#long_direction", "#altitude", "#size",
      "#precision_horz", "#precision_vert"}},
    {"MX", {"#preference|priority", "^exchange|value"}},
    {"NAPTR", {"#order", "#preference", "\"flags", "\"service", "\"regexp", "^replacement"}},
    {"NS", {"^"}},
    {"PTR", {"^"}},
    {"SPF", {"\""}},
    {"SRV", {"#priority", "#weight", "#port", "^target"}},
    {"SSHFP", {"#algorithm", "#fingerprint_type", "#fingerprint"}},
    {"TLSA",
     {"#certificate_usage", "#selector", "#matching_type", "#certificate_association_data"}},
    {"TXT", {"\""}},
};

typedef struct octo {
    zl_ydoc d;
    zl_synth s;
    char *zone; /* with its final dot */
    zl_octo_config cfg;
    bool lenient; /* the record being read has octodns: {lenient: true} */
} octo;

static void target(octo *o, const zl_lstr *v)
{
    uint32_t off = zl_synth_off(&o->s);
    zl_emit_name(&o->s, v, ZL_EMIT_ABSOLUTE);
    size_t n = v->n;
    while (n && (v->p[n - 1] == ' ' || v->p[n - 1] == '\t'))
        n--;
    /* The text ends with the "." the reader added; the fix writes it where
     * the name ends with a top-level domain, so the name meant is certain. */
    uint32_t end = zl_synth_off(&o->s);
    size_t last = n;
    while (last && v->p[last - 1] != '.')
        last--;
    const char *dot = last > 0 && zl_is_tld(v->p + last, n - last) ? "." : NULL;
    bool lenient = o->lenient || o->cfg.lenient;
    if (n && v->p[n - 1] != '.' && lenient && o->cfg.appending)
        zl_synth_diag_fix(&o->s, "missing-trailing-dot", off, end - off,
                      zl_xasprintf("target \"%.*s\" has no final dot: with lenient: true "
                                   "octoDNS passes it to %s, which publishes it as %.*s.%s",
                                   (int)n, v->p, o->cfg.appending, (int)n, v->p, o->zone),
                      zl_xasprintf("add a final dot: %.*s.", (int)n, v->p), end - 1, 0, dot);
    else if (n && v->p[n - 1] != '.' && !(lenient && o->cfg.found))
        zl_synth_diag_fix(&o->s, "missing-trailing-dot", off, end - off,
                      o->cfg.appending
                          ? zl_xasprintf("target \"%.*s\" has no final dot: octoDNS rejects it "
                                         "(missing trailing .), and with lenient: true %s "
                                         "would publish it as %.*s.%s",
                                         (int)n, v->p, o->cfg.appending, (int)n, v->p, o->zone)
                          : zl_xasprintf("target \"%.*s\" has no final dot: octoDNS rejects it "
                                         "(missing trailing .), or with lenient: true publishes "
                                         "it as %.*s.",
                                         (int)n, v->p, (int)n, v->p),
                      zl_xasprintf("add a final dot: %.*s.", (int)n, v->p), end - 1, 0, dot);
}

/* The value as octoDNS keeps it (_ChunkedValue.process): a value that
 * starts with '"' loses its first and last character, and every '" "' (the
 * seam of chunks written out) is dropped. *out owns its bytes and offsets. */
static void processed(const zl_lstr *v, zl_buf *bytes, zl_lstr *out)
{
    size_t from = 0, to = v->n;
    if (to && v->p[0] == '"') {
        from = 1;
        to = to > 1 ? to - 1 : 1;
    }
    uint32_t *raw = zl_xmalloc((to - from + 1) * sizeof *raw);
    for (size_t i = from; i < to; i++) {
        if (i + 3 <= to && memcmp(v->p + i, "\" \"", 3) == 0) {
            i += 2;
            continue;
        }
        raw[bytes->len] = v->raw[i];
        zl_buf_addc(bytes, v->p[i]);
    }
    raw[bytes->len] = v->raw[to];
    *out = (zl_lstr){zl_buf_str(bytes), bytes->len, raw};
}

/* TXT text: octoDNS wants every ';' escaped, and only once. A doubly
 * escaped one is read as meant (one ';'), so that the SPF, DKIM and DMARC
 * rules judge the value and not the escaping reported here. */
static void text(octo *o, const zl_lstr *written)
{
    zl_buf kept = {0};
    zl_lstr pv;
    processed(written, &kept, &pv);
    const zl_lstr *v = &pv;
    zl_buf meant = {0};
    uint32_t *raw = zl_xmalloc((v->n + 1) * sizeof *raw);
    bool reported = false;
    for (size_t i = 0; i <= v->n; i++) {
        size_t bs = 0;
        while (i < v->n && v->p[i] == ';' && bs < i && v->p[i - 1 - bs] == '\\')
            bs++;
        if (i < v->n && v->p[i] == ';' && bs != 1 && !reported) {
            zl_synth_diag_raw(&o->s, "value-quoting", v->raw[i - bs],
                              v->raw[i + 1] - v->raw[i - bs],
                              zl_xasprintf("%s ; in the value: octoDNS rejects it (%s ; in "
                                           "\"...\")",
                                           bs ? "doubly escaped" : "unescaped",
                                           bs ? "double escaped" : "unescaped"),
                              zl_xstrdup("write every ; as \\; in octoDNS TXT values"));
            reported = true;
        }
        if (bs > 1)
            meant.len -= bs - 1; /* those backslashes were copied already */
        raw[meant.len] = v->raw[i];
        if (i < v->n)
            zl_buf_addc(&meant, v->p[i]);
    }
    zl_lstr m = {zl_buf_str(&meant), meant.len, raw};
    zl_emit_text(&o->s, &m, ZL_EMIT_ESCAPED | ZL_EMIT_CHUNK);
    zl_lstr_free(&m);
    zl_buf_free(&meant);
    zl_lstr_free(&pv);
    zl_buf_free(&kept);
}

static void field(octo *o, zl_ynode val, const char *spec)
{
    zl_ynode f = val;
    if (spec[1]) {
        const char *bar = strchr(spec + 1, '|');
        char key[40];
        snprintf(key, sizeof key, "%.*s", (int)(bar ? (size_t)(bar - spec - 1) : strlen(spec + 1)),
                 spec + 1);
        f = zl_yget(val, key);
        if (!f.n && bar)
            f = zl_yget(val, bar + 1);
    }
    zl_lstr v;
    if (!zl_yscalar(&o->d, f, &v)) {
        zl_synth_diag_raw(&o->s, "syntax-error", zl_ystart(val), 1,
                          zl_xasprintf("value without %s", spec[1] ? spec + 1 : "text"), NULL);
        zl_synth_glue(&o->s, "\"\"");
        return;
    }
    if (spec[0] == '^')
        target(o, &v);
    else if (spec[0] == '"' && !spec[1])
        text(o, &v); /* a TXT value, with octoDNS's escaping */
    else if (spec[0] == '"')
        zl_emit_text(&o->s, &v, 0);
    else
        zl_emit_rdata(&o->s, &v, 0);
    zl_lstr_free(&v);
}

static void one(octo *o, const zl_lstr *name, const struct octo_type *ot, const zl_lstr *type,
                long long ttl, zl_ynode ttl_n, zl_ynode val)
{
    zl_emit_relative_owner(&o->s, name, o->zone);
    zl_emit_ttl_type(&o->s, ttl, ttl_n.n ? zl_ystart(ttl_n) : name->raw[name->n],
                     zl_ylen(ttl_n), type);
    if (!ot->fields[0]) {
        field(o, val, "#");
    } else {
        for (size_t f = 0; f < sizeof ot->fields / sizeof ot->fields[0] && ot->fields[f]; f++) {
            if (f)
                zl_synth_glue(&o->s, " ");
            field(o, val, ot->fields[f]);
        }
    }
    zl_synth_glue(&o->s, "\n");
}

/* value: with nothing after it (YAML's null), or an empty list. */
static bool empty(zl_ynode v)
{
    if (zl_yis(v, YAML_SEQUENCE_NODE))
        return zl_ycount(v) == 0;
    if (!zl_yis(v, YAML_SCALAR_NODE) || v.n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
        return false;
    const char *t = (const char *)v.n->data.scalar.value;
    size_t n = v.n->data.scalar.length;
    return n == 0 || (n == 1 && t[0] == '~') || zl_ascii_ieq(t, n, "null");
}

static void record(octo *o, const zl_lstr *name, zl_ynode rec)
{
    zl_ynode type_n = zl_yget(rec, "type"), ttl_n = zl_yget(rec, "ttl");
    zl_ynode ignored = zl_yget(zl_yget(rec, "octodns"), "ignored");
    zl_ynode lenient = zl_yget(zl_yget(rec, "octodns"), "lenient");
    o->lenient = zl_yis(lenient, YAML_SCALAR_NODE) &&
                 strcmp((const char *)lenient.n->data.scalar.value, "true") == 0;
    zl_lstr type;
    if (!zl_yscalar(&o->d, type_n, &type)) {
        zl_synth_diag_raw(&o->s, "syntax-error", zl_ystart(rec.n ? rec : type_n), 1,
                          zl_xstrdup("record without a type"), NULL);
        return;
    }
    const struct octo_type *ot = NULL;
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        if (zl_ascii_ieq(type.p, type.n, types[i].type))
            ot = &types[i];
    long long ttl = 3600; /* octoDNS's default */
    if (ttl_n.n && !zl_yint(ttl_n, &ttl))
        zl_synth_diag_raw(&o->s, "syntax-error", zl_ystart(ttl_n), zl_ylen(ttl_n),
                          zl_xstrdup("ttl is not a number"), NULL);
    bool skip = zl_yis(ignored, YAML_SCALAR_NODE) &&
                strcmp((const char *)ignored.n->data.scalar.value, "true") == 0;
    o->s.skipped = o->s.skipped || !ot || skip;
    if (ot && !skip) {
        zl_ynode values = zl_yget(rec, "values");
        /* A list under value: is read as values, as octoDNS's validator reads it. */
        zl_ynode v = values.n ? values : zl_yget(rec, "value");
        if (!v.n)
            zl_synth_diag_raw(&o->s, "syntax-error", zl_ystart(type_n), zl_ylen(type_n),
                              zl_xstrdup("record without value or values"), NULL);
        else if (empty(v))
            zl_synth_diag_raw(&o->s, "syntax-error", zl_ystart(v), zl_ylen(v) ? zl_ylen(v) : 1,
                              zl_xstrdup("empty value: octoDNS rejects the record (missing "
                                         "value(s))"),
                              zl_xstrdup("write the value the record should hold"));
        else if (zl_yis(v, YAML_SEQUENCE_NODE))
            for (size_t i = 0; i < zl_ycount(v); i++)
                one(o, name, ot, &type, ttl, ttl_n, zl_yitem(v, i));
        else
            one(o, name, ot, &type, ttl, ttl_n, v);
    }
    zl_lstr_free(&type);
}

/* The folder holding the file when it is named like a zone with its final
 * dot (example.com.), as SplitYamlProvider names it; ZL_NAME_NONE if not. */
static zl_name_id split_zone_of(const zl_input *in)
{
    char *full = in->o->fs->identity(in->o->fs, in->path);
    zl_name_id id = ZL_NAME_NONE;
    const char *slash = full ? strrchr(full, '/') : NULL;
    if (slash && slash > full && slash[-1] == '.') {
        const char *dir = slash - 1;
        while (dir > full && dir[-1] != '/')
            dir--;
        if (slash - 1 > dir)
            id = zl_origin_intern(&in->zs->names, dir, (size_t)(slash - dir));
    }
    free(full);
    return id;
}

/* The zone: --origin, else the folder of a split zone (SplitYamlProvider:
 * example.com./www.yaml), else the file's name without .yaml (and without
 * the part after "._" of one of several files: example.com._0_base.yaml).
 * *part: the file holds one part of the zone's records (split or several). */
static zl_name_id zone_of(const zl_input *in, bool *part)
{
    zl_name_id split = split_zone_of(in);
    *part = split != ZL_NAME_NONE;
    if (in->o->origin_forced)
        return in->o->origin;
    const char *slash = strrchr(in->path, '/');
    const char *base = slash ? slash + 1 : in->path;
    if (split != ZL_NAME_NONE)
        return split;
    size_t n = strlen(base);
    for (const char *ext = ".yaml"; ext; ext = strcmp(ext, ".yaml") == 0 ? ".yml" : NULL) {
        size_t k = strlen(ext);
        if (n <= k || strcmp(base + n - k, ext) != 0)
            continue;
        /* Several files of one zone: example.com._0_base.yaml. */
        size_t m = n - k;
        for (size_t i = 1; i + 1 < m; i++)
            if (base[i] == '.' && base[i + 1] == '_') {
                m = i + 1;
                *part = true;
                break;
            }
        return zl_origin_intern(&in->zs->names, base, m);
    }
    return ZL_NAME_NONE;
}

bool zl_read_octodns(zl_input *in, char **err)
{
    octo o = {0};
    bool part;
    zl_name_id zone = zone_of(in, &part);
    if (!zl_input_decode(in, "octodns", NULL, &o.d, err))
        return false;
    zl_ynode root = o.d.n ? zl_yroot(&o.d, 0) : (zl_ynode){0};
    if (zl_yis(root, YAML_MAPPING_NODE) && zl_yget(root, "providers").n &&
        zl_yget(root, "zones").n) {
        /* octoDNS's own configuration (providers and zones), not a zone. */
        zl_ydoc_free(&o.d);
        free(in->text);
        return true;
    }
    if (zone == ZL_NAME_NONE || !zl_yis(root, YAML_MAPPING_NODE)) {
        zl_ydoc_free(&o.d);
        return zl_input_fail(in, 0, "octodns",
                             zl_xstrdup(zone == ZL_NAME_NONE
                                            ? "the zone comes from the file's name "
                                              "(example.com.yaml); name the file so, or pass "
                                              "--origin"
                                            : "not a mapping of names to records"),
                             err);
    }
    zl_buf z = {0};
    zl_names_format(&in->zs->names, zone, &z);
    o.zone = zl_buf_take(&z);
    zl_octo_config_find(in->o->fs, in->path, o.zone, &o.cfg);
    zl_synth_init(&o.s, in->text, in->len);
    o.s.skipped = part;
    zl_synth_glue(&o.s, "$ORIGIN ");
    zl_synth_glue(&o.s, o.zone);
    zl_synth_glue(&o.s, "\n");
    for (size_t i = 0; i < zl_ycount(root); i++) {
        zl_lstr name;
        zl_ynode val = zl_yvalue(root, i);
        if (!zl_yscalar(&o.d, zl_ykey(root, i), &name))
            continue;
        if (name.n && name.p[name.n - 1] == '.')
            zl_synth_diag_raw(&o.s, "syntax-error", name.raw[0], name.raw[name.n] - name.raw[0],
                              zl_xasprintf("octoDNS rejects a name ending with a dot: keys are "
                                           "relative to the zone (write %.*s)",
                                           (int)(name.n - 1), name.p),
                              NULL);
        if (zl_yis(val, YAML_SEQUENCE_NODE))
            for (size_t k = 0; k < zl_ycount(val); k++)
                record(&o, &name, zl_yitem(val, k));
        else
            record(&o, &name, val);
        zl_lstr_free(&name);
    }
    zl_synth_carry_comments(&o.s, '#');
    zl_synth_read(&o.s, in->zs, in->path, "octodns", in->o);
    zl_ydoc_free(&o.d);
    zl_octo_config_free(&o.cfg);
    free(o.zone);
    free(in->text);
    return true;
}
