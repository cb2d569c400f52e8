/* A tolerant reader of HCL native syntax (HashiCorp's HCL 2 specification,
 * the language of Terraform's .tf files): bodies of attributes and blocks,
 * and every expression form, each node with its byte span in the file.
 *
 * Nothing is evaluated here (see tf_eval.h). A parse error becomes a
 * diagnostic with its position, and reading resumes at the next line of the
 * same body: a file with three broken blocks gives three diagnostics and
 * every other block intact. */
#ifndef ZL_HCL_H
#define ZL_HCL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lint/util/arena.h"

typedef enum zl_hx_kind {
    ZL_HX_NUMBER,   /* num */
    ZL_HX_BOOL,     /* num is 0 or 1 */
    ZL_HX_NULL,
    ZL_HX_TEMPLATE, /* kids: parts (literals, interpolated expressions, directives) */
    ZL_HX_LITERAL,  /* template text [start, end), escapes undecoded; flags: ZL_HX_QUOTED */
    ZL_HX_TPL_IF,   /* kids: condition, then-template, else-template (or NULL) */
    ZL_HX_TPL_FOR,  /* name: key variable (or none), name2: value; kids: collection, body */
    ZL_HX_TUPLE,    /* kids: elements */
    ZL_HX_OBJECT,   /* kids: key, value, key, value, ... */
    ZL_HX_VAR,      /* name: a variable (var, local, aws_route53_zone, each, ...) */
    ZL_HX_ATTR,     /* kids[0].name */
    ZL_HX_INDEX,    /* kids[0][kids[1]] */
    ZL_HX_SPLAT,    /* kids[0]: the collection; kids[1]: applied to each (ZL_HX_ANCHOR) */
    ZL_HX_ANCHOR,   /* the element a splat's traversal starts from */
    ZL_HX_CALL,     /* name(kids...); ZL_HX_EXPAND: the last argument is expanded (...) */
    ZL_HX_FOR,      /* name: key variable (or none), name2: value; kids: collection, key
                       (NULL for a tuple), value, condition (or NULL); ZL_HX_GROUP */
    ZL_HX_COND,     /* kids: condition, then, else */
    ZL_HX_UNARY,    /* op: '!' or '-'; kids[0] */
    ZL_HX_BINARY,   /* op (see below); kids[0], kids[1] */
    ZL_HX_PAREN,    /* kids[0] */
    ZL_HX_ERROR,    /* what could not be read (already reported) */
} zl_hx_kind;

enum {
    ZL_HX_QUOTED = 1 << 0, /* a literal of a quoted string: backslash escapes apply */
    ZL_HX_EXPAND = 1 << 1,
    ZL_HX_GROUP = 1 << 2,  /* for-expression with "..." after the value */
    ZL_HX_HEREDOC = 1 << 3,  /* a template from a heredoc */
    ZL_HX_INDENTED = 1 << 4, /* a <<- heredoc, whose indentation is removed */
};

/* Binary operators: the characters, or one of these for two-character ones. */
enum { ZL_OP_EQ = 'E', ZL_OP_NE = 'N', ZL_OP_LE = 'L', ZL_OP_GE = 'G', ZL_OP_AND = '&',
       ZL_OP_OR = '|' };

typedef struct zl_hx zl_hx;
struct zl_hx {
    zl_hx_kind kind;
    uint8_t flags;
    char op;
    uint32_t start, end; /* bytes of the file the expression spans */
    const char *name;    /* into the file's text; not NUL-terminated */
    uint32_t nname;
    const char *name2;
    uint32_t nname2;
    double num;
    zl_hx **kids;
    uint32_t nkids;
};

typedef struct zl_hcl_body zl_hcl_body;

typedef struct zl_hcl_label {
    const char *p; /* between the quotes; escapes are not decoded */
    uint32_t n;
    uint32_t start;
} zl_hcl_label;

typedef struct zl_hcl_item {
    const char *name; /* attribute name or block type */
    uint32_t nname;
    uint32_t start;   /* offset of the name */
    zl_hx *expr;      /* an attribute's value; NULL for a block */
    zl_hcl_label *labels;
    uint32_t nlabels;
    zl_hcl_body *body; /* a block's body; NULL for an attribute */
} zl_hcl_item;

struct zl_hcl_body {
    zl_hcl_item *items;
    size_t n, cap;
    uint32_t start, end;
};

typedef struct zl_hcl_diag {
    uint32_t off, len;
    char *message;
} zl_hcl_diag;

typedef struct zl_hcl_file {
    const char *text; /* not owned; must outlive the file */
    size_t len;
    zl_hcl_body *body;
    zl_hcl_diag *diags;
    size_t ndiags, dcap;
    zl_arena nodes; /* every expression node and its kids, freed together */
} zl_hcl_file;

/* Parse text (len bytes, NUL after them) into f; always succeeds, with
 * diagnostics for what could not be read. */
void zl_hcl_parse(zl_hcl_file *f, const char *text, size_t len);
/* The same for Terraform's JSON syntax (.tf.json, hcl_json.c): the same
 * tree, strings parsed as templates in place. */
void zl_hcl_parse_json(zl_hcl_file *f, const char *text, size_t len);
void zl_hcl_free(zl_hcl_file *f);

/* Helpers for readers of the tree. */
/* The attribute of that name in body, or NULL. */
const zl_hcl_item *zl_hcl_attr(const zl_hcl_body *body, const char *name);

#endif
