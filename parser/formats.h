/* The input formats: BIND master files and provider exports, recognised by
 * their content (--input-format names one instead). Each format is one entry
 * of the table in formats.c: a name, a detector and a reader that turns the
 * file into zones of zs. */
#ifndef ZL_FORMATS_H
#define ZL_FORMATS_H

#include <stdbool.h>
#include <stddef.h>

#include "parser/master/master.h"

typedef struct zl_input {
    zl_zoneset *zs;
    const char *path; /* as shown in findings */
    char *text;       /* the file, NUL-terminated; the reader owns it */
    size_t len;
    size_t mapped;    /* text is a mapping of this length (zl_fs_unmap), or 0: on the heap */
    const zl_master_opts *o;
} zl_input;

/* What detection looks at: the text, its head (text exports say what they
 * are in their first records or header, so a large BIND file is not searched
 * to its end once per format), the path, and whether it opens as JSON. */
typedef struct zl_sniff {
    const char *text;
    size_t len, head;
    const char *path;
    bool json;
} zl_sniff;

typedef struct zl_format {
    const char *name;
    /* Whether the content is this format's; NULL for bind, the fallback. */
    bool (*detect)(const zl_sniff *s);
    /* Read in->text into zones; false with *err when the file cannot be read
     * as this format at all (a problem in one record is a finding instead). */
    bool (*read)(zl_input *in, char **err);
    zl_scope scope; /* how much of its zone such a file holds */
} zl_format;

/* The format of that name, NULL when there is none. */
const zl_format *zl_format_find(const char *name);
/* Every name, comma-separated, for messages. */
extern const char zl_format_list[];
/* The format the content shows; "bind" when nothing else fits. */
const zl_format *zl_format_detect(const char *text, size_t len, const char *path);

/* CloudFormation templates (CDK's cdk.out/NAME.template.json among them)
 * are JSON or YAML of a name any file may have: of the folders and changes
 * zonelint looks through, it reads those that are templates creating Route
 * 53 record sets, told by name, then by content. */
#define ZL_TEMPLATE_MAX ((size_t)16 << 20) /* larger JSON or YAML is no template read */
bool zl_format_template_name(const char *path);
bool zl_format_dns_template(const char *path, const char *text, size_t len);

/* Read the input as format (NULL or "auto": detected). */
bool zl_format_read(zl_input *in, const char *format, char **err);

#endif
