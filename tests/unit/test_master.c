/* The master-file reader: directives, inheritance, escapes, recovery and
 * positions, read from an in-memory file system. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <ldns/ldns.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lint/model/index.h"
#include "lint/util/util.h"
#include "parser/master/master.h"
#include "tests/unit/token_ends_agree.h"

typedef struct memfile {
    const char *path, *text;
} memfile;

static const memfile *files;

static zl_read_result mem_read(const zl_fs *fs, const char *path, char **data, size_t *len,
                             char **err)
{
    (void)fs;
    for (const memfile *f = files; f && f->path; f++)
        if (strcmp(f->path, path) == 0) {
            *len = strlen(f->text);
            *data = zl_xstrndup(f->text, *len);
            return ZL_READ_OK;
        }
    *err = zl_xasprintf("%s: no such file", path);
    return ZL_READ_FAILED;
}

static char *mem_identity(const zl_fs *fs, const char *path)
{
    (void)fs;
    return zl_path_normalize(path);
}

static const zl_fs memfs = {.read = mem_read, .identity = mem_identity};

static zl_name_id name(zl_zoneset *zs, const char *text)
{
    ldns_rdf *rdf = NULL;
    assert_int_equal(ldns_str2rdf_dname(&rdf, text), LDNS_STATUS_OK);
    zl_name_id id =
        zl_names_add_wire(&zs->names, ZL_NAME_ROOT, ldns_rdf_data(rdf), ldns_rdf_size(rdf));
    ldns_rdf_deep_free(rdf);
    return id;
}

static zl_zone *read_text(zl_zoneset *zs, const char *text, const char *origin)
{
    zl_master_opts o = {.fs = &memfs,
                        .origin = origin ? name(zs, origin) : ZL_NAME_NONE,
                        .origin_forced = origin != NULL};
    return zl_read_master_text(zs, "main.zone", zl_xstrdup(text), strlen(text), &o);
}

static char *owner_of(zl_zoneset *zs, const zl_zone *z, size_t i)
{
    return zl_names_str(&zs->names, z->recs[i].owner);
}

static void assert_owner(zl_zoneset *zs, const zl_zone *z, size_t i, const char *want)
{
    char *got = owner_of(zs, z, i);
    assert_string_equal(got, want);
    free(got);
}

static void owners_ttls_and_classes(void **state)
{
    (void)state;
    zl_zoneset zs;
    zl_zoneset_init(&zs);
    zl_zone *z = read_text(&zs,
                           "$TTL 1h\n"
                           "@ IN SOA ns h 1 2 3 4 5\n"
                           "  NS ns\n"
                           "www 300 IN A 192.0.2.1\n"
                           "www IN 60 A 192.0.2.2\n"
                           "abs.example.org. CH TXT \"x\"\n"
                           "    TXT \"y\"\n"
                           "Mixed.CASE A 192.0.2.3\n",
                           "example.com.");
    assert_int_equal(zs.ndiags, 0);
    assert_int_equal(z->nrecs, 7);
    assert_owner(&zs, z, 0, "example.com.");
    assert_owner(&zs, z, 1, "example.com.");
    assert_int_equal(z->recs[1].ttl, 3600);
    assert_owner(&zs, z, 2, "www.example.com.");
    assert_int_equal(z->recs[2].ttl, 300);
    assert_int_equal(z->recs[3].ttl, 60);
    assert_true(z->recs[3].flags & ZL_REC_CLASS_FIRST);
    assert_int_equal(zl_record_i_ttl(&z->recs[3]), 2);
    assert_int_equal(z->recs[4].rclass, LDNS_RR_CLASS_CH);
    assert_int_equal(z->recs[5].rclass, LDNS_RR_CLASS_CH); /* class carries over */
    assert_owner(&zs, z, 5, "abs.example.org.");
    assert_false(z->recs[5].flags & ZL_REC_OWNER_WRITTEN);
    assert_owner(&zs, z, 6, "mixed.case.example.com.");
    assert_int_equal(z->apex, name(&zs, "example.com."));
    zl_zoneset_free(&zs);
}

static void ttl_inheritance_without_ttl_directive(void **state)
{
    (void)state;
    zl_zoneset zs;
    zl_zoneset_init(&zs);
    zl_zone *z = read_text(&zs,
                           "@ SOA ns h 1 2 3 4 1800\n"
                           "a A 192.0.2.1\n"
                           "b 60 A 192.0.2.2\n"
                           "c A 192.0.2.3\n",
                           "example.com.");
    assert_int_equal(zs.ndiags, 0);
    assert_int_equal(z->recs[0].ttl, 1800); /* the SOA's own minimum */
    assert_int_equal(z->recs[1].ttl, 1800); /* the previous record's */
    assert_int_equal(z->recs[3].ttl, 60);
    zl_zoneset_free(&zs);
}

static void origin_directive_and_escapes(void **state)
{
    (void)state;
    zl_zoneset zs;
    zl_zoneset_init(&zs);
    zl_zone *z = read_text(&zs,
                           "$TTL 60\n"
                           "$ORIGIN sub\n" /* relative: below the current origin */
                           "a A 192.0.2.1\n"
                           "$ORIGIN example.net.\n"
                           "b\\.c A 192.0.2.2\n"
                           "\\065bc A 192.0.2.3\n"
                           "*.w A 192.0.2.4\n",
                           "example.com.");
    assert_int_equal(zs.ndiags, 0);
    assert_owner(&zs, z, 0, "a.sub.example.com.");
    assert_owner(&zs, z, 1, "b\\.c.example.net.");
    assert_owner(&zs, z, 2, "abc.example.net.");
    assert_owner(&zs, z, 3, "*.w.example.net.");
    assert_int_equal(zl_record_origin(z, &z->recs[0]), name(&zs, "sub.example.com."));
    zl_zoneset_free(&zs);
}

/* The same owner text, written again: the same name under the same origin,
 * another under another, and an absolute one still absolute. */
static void repeated_owner_text(void **state)
{
    (void)state;
    zl_zoneset zs;
    zl_zoneset_init(&zs);
    zl_zone *z = read_text(&zs,
                           "$TTL 60\n"
                           "www A 192.0.2.1\n"
                           "www A 192.0.2.2\n"
                           "$ORIGIN example.net.\n"
                           "www A 192.0.2.3\n"
                           "www. A 192.0.2.4\n"
                           "www. AAAA 2001:db8::1\n"
                           "@ A 192.0.2.5\n"
                           "@ AAAA 2001:db8::2\n",
                           "example.com.");
    assert_int_equal(zs.ndiags, 0);
    assert_owner(&zs, z, 0, "www.example.com.");
    assert_owner(&zs, z, 1, "www.example.com.");
    assert_owner(&zs, z, 2, "www.example.net.");
    assert_owner(&zs, z, 3, "www.");
    assert_owner(&zs, z, 4, "www.");
    assert_owner(&zs, z, 5, "example.net.");
    assert_owner(&zs, z, 6, "example.net.");
    assert_false(z->recs[2].owner_absolute);
    assert_true(z->recs[3].owner_absolute);
    assert_true(z->recs[4].owner_absolute);
    assert_false(z->recs[6].owner_absolute);
    zl_zoneset_free(&zs);
}

static void includes_restore_origin_and_report_loops(void **state)
{
    (void)state;
    static const memfile fs[] = {
        {"inc/a.inc", "x A 192.0.2.1\n$INCLUDE b.inc\n"},
        {"inc/b.inc", "y A 192.0.2.2\n$INCLUDE a.inc\n"},
        {"inc/m.inc", "@ MX 10 mx\nmx A 192.0.2.3\n"},
        {NULL, NULL},
    };
    files = fs;
    zl_zoneset zs;
    zl_zoneset_init(&zs);
    zl_zone *z = read_text(&zs,
                           "$TTL 60\n"
                           "$INCLUDE inc/m.inc mail.example.com.\n"
                           "after A 192.0.2.4\n"
                           "$INCLUDE inc/a.inc\n"
                           "$INCLUDE inc/none.inc\n",
                           "example.com.");
    assert_int_equal(z->nrecs, 5);
    assert_owner(&zs, z, 0, "mail.example.com.");
    assert_owner(&zs, z, 1, "mx.mail.example.com.");
    assert_owner(&zs, z, 2, "after.example.com.");
    assert_int_equal(zs.ndiags, 2); /* the loop back to a.inc, the missing file */
    assert_non_null(strstr(zs.diags[0].message, "loop"));
    assert_string_equal(zs.srcs[zs.diags[0].src]->path, "inc/b.inc");
    assert_non_null(strstr(zs.diags[1].message, "cannot read"));
    files = NULL;
    zl_zoneset_free(&zs);
}

static void recovery_reports_each_broken_record(void **state)
{
    (void)state;
    zl_zoneset zs;
    zl_zoneset_init(&zs);
    zl_zone *z = read_text(&zs,
                           "$TTL 60\n"
                           "a A 256.1.1.1\n"
                           "b BOGUS x\n"
                           "c A 192.0.2.1\n"
                           "d TXT \"open\n"
                           "e MX 10\n"
                           "f A 192.0.2.2 extra\n"
                           "g A 192.0.2.3\n",
                           "example.com.");
    assert_int_equal(zs.ndiags, 5);
    /* Records with bad rdata stay in the model, marked; the others read on. */
    size_t good = 0;
    for (size_t i = 0; i < z->nrecs; i++)
        good += !(z->recs[i].flags & ZL_REC_BAD_RDATA);
    assert_int_equal(good, 2);
    const zl_diag *bad_a = NULL;
    for (size_t i = 0; i < zs.ndiags; i++)
        if (strstr(zs.diags[i].message, "256.1.1.1"))
            bad_a = &zs.diags[i];
    assert_non_null(bad_a);
    uint32_t line, col;
    zl_source_position(zs.srcs[bad_a->src], bad_a->off, &line, &col);
    assert_int_equal(line, 2);
    assert_int_equal(col, 5);
    zl_zoneset_free(&zs);
}

static void bad_names(void **state)
{
    (void)state;
    zl_zoneset zs;
    zl_zoneset_init(&zs);
    zl_zone *z = read_text(&zs,
                           "$TTL 60\n"
                           "a..b A 192.0.2.1\n"
                           ".a A 192.0.2.1\n"
                           "a.b.. A 192.0.2.1\n"
                           "x\\256 A 192.0.2.1\n"
                           "ok.x-y_z A 192.0.2.1\n"
                           ". A 192.0.2.1\n",
                           "example.com.");
    assert_int_equal(zs.ndiags, 4);
    assert_int_equal(z->nrecs, 2);
    assert_owner(&zs, z, 0, "ok.x-y_z.example.com.");
    assert_owner(&zs, z, 1, ".");
    zl_zoneset_free(&zs);
}

static void generate_expands(void **state)
{
    (void)state;
    zl_zoneset zs;
    zl_zoneset_init(&zs);
    zl_zone *z = read_text(&zs,
                           "$TTL 60\n"
                           "$GENERATE 1-3 host$ A 192.0.2.$\n"
                           "$GENERATE 10-11 r${0,3,d} CNAME host${-9}\n",
                           "example.com.");
    assert_int_equal(zs.ndiags, 0);
    assert_int_equal(z->nrecs, 5);
    assert_owner(&zs, z, 2, "host3.example.com.");
    assert_owner(&zs, z, 3, "r010.example.com.");
    zl_tok t = zl_record_rdata(&zs, z, &z->recs[4], 0);
    assert_int_equal(t.len, 5);
    assert_memory_equal(t.p, "host2", 5);
    /* Generated records point at the $GENERATE line. */
    uint32_t line, col;
    zl_source_position(zs.srcs[zl_record_src(z, &z->recs[0])], z->recs[0].start, &line, &col);
    assert_int_equal(line, 2);
    zl_zoneset_free(&zs);
}

static void relative_name_without_origin(void **state)
{
    (void)state;
    zl_zoneset zs;
    zl_zoneset_init(&zs);
    zl_zone *z = read_text(&zs, "$TTL 60\nabs.example. A 192.0.2.1\nrel A 192.0.2.2\n", NULL);
    assert_int_not_equal(z->no_origin_src, ZL_NONE);
    uint32_t line, col;
    zl_source_position(zs.srcs[z->no_origin_src], z->no_origin_off, &line, &col);
    assert_int_equal(line, 3);
    zl_zoneset_free(&zs);
}

/* The highest zone cut at or above a name, as the delegation checks ask:
 * nested cuts, the cut itself with and without strict, names outside. */
static void zone_cuts(void **state)
{
    (void)state;
    zl_zoneset zs;
    zl_zoneset_init(&zs);
    zl_zone *z = read_text(&zs,
                           "$TTL 60\n@ SOA ns hm 1 2 3 4 5\n@ NS ns\na NS ns.other.\n"
                           "b.a NS ns.other.\nc NS ns.other.\nx.c A 192.0.2.1\n",
                           "example.");
    zl_index *ix = zl_index_build(&zs, z);
    const zl_names *t = &zs.names;
    zl_name_id apex = name(&zs, "example."), a = name(&zs, "a.example."),
               c = name(&zs, "c.example.");
    struct {
        const char *name;
        zl_name_id want, want_strict;
    } cases[] = {
        {"x.c.example.", c, c},         {"c.example.", c, ZL_NAME_NONE},
        {"b.a.example.", a, a},         {"z.b.a.example.", a, a},
        {"a.example.", a, ZL_NAME_NONE}, {"www.example.", ZL_NAME_NONE, ZL_NAME_NONE},
        {"example.", ZL_NAME_NONE, ZL_NAME_NONE}, {"ns.other.", ZL_NAME_NONE, ZL_NAME_NONE},
        {"c.example.other.", ZL_NAME_NONE, ZL_NAME_NONE},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        zl_name_id id = name(&zs, cases[i].name);
        if (zl_index_cut_above(ix, t, apex, id, false) != cases[i].want ||
            zl_index_cut_above(ix, t, apex, id, true) != cases[i].want_strict)
            fail_msg("the cut above %s", cases[i].name);
    }
    assert_int_equal(zl_index_cut_above(ix, t, apex, ZL_NAME_NONE, false), ZL_NAME_NONE);
    zl_index_free(ix);
    zl_zoneset_free(&zs);
}

/* The owner groups holding TXT (or SPF) records, and those holding MX
 * records: each once, in the index's order, with all its records. */
static void owner_groups_by_kind(void **state)
{
    (void)state;
    zl_zoneset zs;
    zl_zoneset_init(&zs);
    zl_zone *z = read_text(&zs,
                           "$TTL 60\na TXT \"x\"\nb MX 10 a\nc A 192.0.2.1\nc MX 10 a\n"
                           "c TXT \"y\"\nd SPF \"v=spf1 -all\"\ne A 192.0.2.2\na TXT \"z\"\n",
                           "example.");
    zl_index *ix = zl_index_build(&zs, z);
    static const char *const want[ZL_GROUP_KINDS][4] = {
        [ZL_GROUP_TXT] = {"a.example.", "c.example.", "d.example.", NULL},
        [ZL_GROUP_MX] = {"b.example.", "c.example.", NULL},
    };
    static const size_t want_size[ZL_GROUP_KINDS][4] = {
        [ZL_GROUP_TXT] = {2, 3, 1},
        [ZL_GROUP_MX] = {1, 3},
    };
    for (int kind = 0; kind < ZL_GROUP_KINDS; kind++) {
        size_t g = 0, b, e, n = 0;
        while (zl_index_next_owner_with(ix, z, (zl_group_kind)kind, &g, &b, &e)) {
            assert_non_null(want[kind][n]);
            assert_int_equal(z->recs[ix->order[b]].owner, name(&zs, want[kind][n]));
            assert_int_equal(e - b, want_size[kind][n]);
            n++;
        }
        assert_null(want[kind][n]);
    }
    zl_index_free(ix);
    zl_zoneset_free(&zs);
}

static char *target_of(zl_zoneset *zs, const zl_zone *z, size_t i)
{
    return zl_names_str(&zs->names, zl_record_name(z, &z->recs[i]));
}

/* Read text with origin example.com.; want holds, a line each, the name
 * name_of gives for each record. Both buffers are freed. */
static void read_names_as(zl_buf *text, zl_buf *want,
                          char *(*name_of)(zl_zoneset *, const zl_zone *, size_t))
{
    zl_zoneset zs;
    zl_zoneset_init(&zs);
    zl_zone *z = read_text(&zs, zl_buf_str(text), "example.com.");
    const char *w = zl_buf_str(want);
    size_t i = 0;
    for (const char *nl; (nl = strchr(w, '\n')); w = nl + 1, i++) {
        assert_true(i < z->nrecs);
        char *got = name_of(&zs, z, i);
        if (strlen(got) != (size_t)(nl - w) || memcmp(got, w, (size_t)(nl - w)) != 0)
            fail_msg("record %zu: %s, not %.*s", i, got, (int)(nl - w), w);
        free(got);
    }
    assert_int_equal(i, z->nrecs);
    zl_zoneset_free(&zs);
    zl_buf_free(text);
    zl_buf_free(want);
}

/* The owner, and " (absolute)" when it was written with its final dot. */
static char *owner_as_written(zl_zoneset *zs, const zl_zone *z, size_t i)
{
    char *name = zl_names_str(&zs->names, z->recs[i].owner);
    char *s = zl_xasprintf("%s%s", name, z->recs[i].owner_absolute ? " (absolute)" : "");
    free(name);
    return s;
}

/* Owners looked up ahead through the memo of suffixes: more subdomains
 * than it holds, in turn, the same suffix text under two origins, a suffix
 * with an escape, absolute owners (of one label too). The text is large
 * enough to be lexed ahead. */
static void owners_under_many_subdomains(void **state)
{
    (void)state;
    zl_buf text = {0}, want = {0};
    zl_buf_adds(&text, "$TTL 60\n");
    for (int round = 0; round < 20; round++) {
        const char *origin = round % 2 ? "example.org." : "example.com.";
        zl_buf_printf(&text, "$ORIGIN %s\n", origin);
        for (int i = 0; i < 600; i++) {
            int sub = (i * 7) % 13;
            if (i % 50 == 49) {
                zl_buf_printf(&text, "h%d.d\\%03d 60 IN A 192.0.2.1\n", i, 'a' + sub % 3);
                zl_buf_printf(&want, "h%d.d%c.%s\n", i, 'a' + sub % 3, origin);
            } else if (i % 50 == 7) {
                zl_buf_printf(&text, "h%d.s%d.dc.%s 60 IN A 192.0.2.1\n", i, sub, origin);
                zl_buf_printf(&want, "h%d.s%d.dc.%s (absolute)\n", i, sub, origin);
            } else if (i % 50 == 8) {
                zl_buf_printf(&text, "tld%d. 60 IN A 192.0.2.1\n", sub);
                zl_buf_printf(&want, "tld%d. (absolute)\n", sub);
            } else {
                zl_buf_printf(&text, "h%d.s%d.dc 60 IN A 192.0.2.1\n", i, sub);
                zl_buf_printf(&want, "h%d.s%d.dc.%s\n", i, sub, origin);
            }
        }
    }
    read_names_as(&text, &want, owner_as_written);
}

/* Names in rdata read through the memo of suffixes: relative and absolute
 * targets under turning subdomains, in both cases of letters, an escaped
 * suffix, and the same suffix text under two origins. */
static void targets_under_many_subdomains(void **state)
{
    (void)state;
    zl_buf text = {0}, want = {0};
    zl_buf_adds(&text, "$TTL 60\n");
    for (int round = 0; round < 6; round++) {
        const char *origin = round % 2 ? "example.org." : "example.com.";
        zl_buf_printf(&text, "$ORIGIN %s\n", origin);
        for (int i = 0; i < 300; i++) {
            int sub = (i * 5) % 11;
            switch (i % 4) {
            case 0:
                zl_buf_printf(&text, "c%d CNAME t%d.s%d.dc\n", i, i, sub);
                zl_buf_printf(&want, "t%d.s%d.dc.%s\n", i, sub, origin);
                break;
            case 1:
                zl_buf_printf(&text, "m%d MX 10 T%d.S%d.Example.NET.\n", i, i, sub);
                zl_buf_printf(&want, "t%d.s%d.example.net.\n", i, sub);
                break;
            case 2:
                zl_buf_printf(&text, "p%d PTR t%d.s\\%03d.dc\n", i, i, '0' + sub % 10);
                zl_buf_printf(&want, "t%d.s%c.dc.%s\n", i, '0' + sub % 10, origin);
                break;
            default:
                zl_buf_printf(&text, "n%d NS t%d.s%d.dc.%s\n", i, i, sub, origin);
                zl_buf_printf(&want, "t%d.s%d.dc.%s\n", i, sub, origin);
            }
        }
    }
    read_names_as(&text, &want, target_of);
}

static void generic_rdata(void **state)
{
    (void)state;
    zl_zoneset zs;
    zl_zoneset_init(&zs);
    zl_zone *z = read_text(&zs,
                           "$TTL 60\n"
                           "a TYPE65280 \\# 3 abcdef\n"
                           "b A \\# 4 C0000201\n"
                           "c A \\# 3 C00002\n",
                           "example.com.");
    assert_int_equal(z->nrecs, 3);
    assert_true(z->recs[0].flags & ZL_REC_GENERIC);
    assert_false(z->recs[1].flags & ZL_REC_BAD_RDATA);
    assert_true(z->recs[2].flags & ZL_REC_BAD_RDATA); /* 3 octets are no IPv4 address */
    assert_int_equal(zs.ndiags, 1);
    zl_zoneset_free(&zs);
}

static void token_ends(void **state)
{
    (void)state;
    zl_zoneset zs;
    zl_zoneset_init(&zs);
    zl_zone *z = read_text(&zs,
                           "$TTL 60\n"
                           "a\\  IN\tTXT \"x y\"  \"z\"\"w\"\n"
                           "b\\\\ IN TXT ( \"one\" ; note\n  \"two\" )\n"
                           "c IN SVCB 1 . alpn=\"h2 h3\"  port=443\n"
                           "d IN\t\tMX 10 mail(\n)\n"
                           "e\\040f IN A 192.0.2.1 ; end\n"
                           "g IN CNAME h\\\n"
                           "i IN TXT \"a\\\"b\"  \"c d\"\t\"\" \"e\\\\\" \"f\"\n"
                           "j IN SVCB 1 . key=\"a b\"\t\tport=1 alpn=x\\\" ech=y\n",
                           "example.com.");
    assert_true(z->nrecs >= 5);
    size_t zone, rec;
    unsigned tok;
    if (!token_ends_agree(&zs, &zone, &rec, &tok))
        fail_msg("zone %zu record %zu token %u: not where the lexer ends it", zone, rec, tok);
    for (size_t i = 0; i < z->nrecs; i++) {
        const zl_record *r = &z->recs[i];
        zl_tok last = zl_record_tok(&zs, z, r, r->ntok - 1u);
        assert_int_equal(zl_record_end(z, r), last.off + last.len);
    }
    zl_zoneset_free(&zs);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(owners_ttls_and_classes),
        cmocka_unit_test(ttl_inheritance_without_ttl_directive),
        cmocka_unit_test(origin_directive_and_escapes),
        cmocka_unit_test(repeated_owner_text),
        cmocka_unit_test(includes_restore_origin_and_report_loops),
        cmocka_unit_test(recovery_reports_each_broken_record),
        cmocka_unit_test(bad_names),
        cmocka_unit_test(generate_expands),
        cmocka_unit_test(relative_name_without_origin),
        cmocka_unit_test(generic_rdata),
        cmocka_unit_test(zone_cuts),
        cmocka_unit_test(owners_under_many_subdomains),
        cmocka_unit_test(targets_under_many_subdomains),
        cmocka_unit_test(owner_groups_by_kind),
        cmocka_unit_test(token_ends),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
