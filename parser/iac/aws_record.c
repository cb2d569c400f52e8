#include "parser/iac/aws_record.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "parser/exports/emit.h"
#include "lint/model/tld.h"

/* The provider's string test: does the name end with the zone's name? */
static bool ends_with(const zl_lstr *name, const char *zone)
{
    size_t n = name->n, k = strlen(zone);
    if (n && name->p[n - 1] == '.')
        n--;
    return n >= k && strncasecmp(name->p + n - k, zone, k) == 0;
}

/* A name of another domain: three labels or more, under a top-level domain. */
static bool foreign(const zl_lstr *name)
{
    size_t dots = 0, last = 0;
    for (size_t i = 0; i < name->n; i++)
        if (name->p[i] == '.')
            dots++, last = i + 1;
    return dots >= 2 && zl_is_tld(name->p + last, name->n - last);
}

void zl_appended_owner(zl_synth *s, const zl_lstr *name, const char *zone, const char *who)
{
    if (!zone || ends_with(name, zone)) {
        zl_emit_name(s, name, ZL_EMIT_ABSOLUTE);
        return;
    }
    if (foreign(name))
        zl_synth_diag_raw(s, "out-of-zone", name->raw[0], name->raw[name->n] - name->raw[0],
                          zl_xasprintf("%.*s is not in the zone %s: %s appends the zone and "
                                       "creates %.*s.%s.",
                                       (int)name->n, name->p, zone, who, (int)name->n, name->p,
                                       zone),
                          zl_xasprintf("write the name relative to %s, or create the record "
                                       "in the hosted zone it belongs to",
                                       zone));
    zl_emit_name(s, name, 0); /* relative: read below $ORIGIN zone */
}

/* A TXT value: the provider puts it between quotes as it is. */
void zl_aws_txt(zl_synth *s, const zl_lstr *v)
{
    if (v->n >= 2 && v->p[0] == '"' && v->p[v->n - 1] == '"') {
        zl_synth_diag_raw(s, "value-quoting", v->raw[0], v->raw[v->n] - v->raw[0],
                          zl_xstrdup("the value is in quotes, and the AWS provider adds its own: "
                                     "Route 53 gets \"\"...\"\" and rejects it"),
                          zl_xasprintf("remove the quotes: %.*s", (int)(v->n - 2), v->p + 1));
        zl_lstr inner = zl_lstr_sub(v, 1, v->n - 1);
        zl_aws_txt(s, &inner);
        return;
    }
    zl_synth_put(s, "\"", 1, v->raw[0], 0);
    size_t from = 0;
    for (size_t i = 0; i + 1 < v->n; i++) {
        if (v->p[i] != '"' || v->p[i + 1] != '"')
            continue;
        /* "a\"\"b" in HCL: the documented way to split strings. */
        zl_lstr piece = zl_lstr_sub(v, from, i);
        zl_emit_rdata(s, &piece, 0);
        zl_synth_copy(s, v, i, i + 1);
        zl_synth_glue(s, " ");
        zl_synth_copy(s, v, i + 1, i + 2);
        from = ++i + 1;
    }
    zl_lstr rest = zl_lstr_sub(v, from, v->n);
    zl_emit_rdata(s, &rest, 0);
    zl_synth_put(s, "\"", 1, v->raw[v->n], 0);
    zl_synth_mark(s, v->raw[v->n]);
}
