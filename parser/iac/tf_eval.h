/* A Terraform module (the .tf files of one directory) and the static
 * evaluation of its expressions: variables with their defaults (and
 * terraform.tfvars), locals, resources and data sources, count and for_each,
 * for-expressions, conditionals and the common functions. What depends on
 * the world (ids, tokens, remote state, variables without a value) is
 * unknown, with a description of what it stands for. */
#ifndef ZL_TF_EVAL_H
#define ZL_TF_EVAL_H

#include "lint/io/fs.h"
#include "lint/util/strset.h"
#include "parser/iac/hcl.h"
#include "parser/iac/tf_value.h"

typedef struct tf_file {
    char *path;
    char *text;
    size_t len;
    zl_hcl_file hcl;
} tf_file;

typedef enum tf_block_kind { TF_RESOURCE, TF_DATA, TF_LOCAL, TF_VARIABLE, TF_PROVIDER,
                             TF_TFVAR, TF_MODULE } tf_block_kind;

typedef struct tf_block {
    tf_block_kind kind;
    uint32_t file;
    const zl_hcl_item *item; /* the block; for a local or a tfvars value, its attribute */
    char *type;              /* resource or data type; provider name */
    char *name;
    tf_val *cache;
    int state;               /* 0 not evaluated, 1 being evaluated, 2 done */
} tf_block;

/* The limits of an evaluation. Steps and memory, once spent, make every
 * value after unknown; depth and a string's length one value, instances
 * one block's. */
typedef enum tf_stop { TF_STOP_STEPS, TF_STOP_MEMORY, TF_STOP_DEPTH, TF_STOP_STRING,
                       TF_STOP_INSTANCES, TF_NSTOPS } tf_stop;

typedef struct tf_module {
    tf_file *files;
    size_t nfiles, fcap;
    tf_block *blocks;
    size_t nblocks, bcap;
    tf_arena arena;
    unsigned depth;
    size_t steps, max_steps; /* limits grow with the text read: linear, never silent */
    /* The limits reached (tf_stopped), in order, each place once: steps
     * and memory where first reached, depth, length and instances at every value
     * and block they made unknown (an expression or block of this module). */
    struct tf_stop_at {
        tf_stop why;
        tf_origin at;
    } *stops;
    size_t nstops, scap;
    bool stopped[TF_NSTOPS];
    zl_strset stop_places;
    /* Objects of many keys, indexed when first looked into (tf_key): by
     * the object's address, a hash table of where each key is first (its
     * place + 1, in the arena: counted as values are). */
    zl_strset objects;
    struct tf_keys {
        uint32_t *slots;
        size_t nslots;
    } *keys;
    size_t nkeys, kcap;
    uint32_t *index; /* blocks by kind, type and name (open addressing), for tf_find */
    size_t nindex, indexed;
    /* A module called by another (module "x" { source = "./dir" ... }): the
     * caller, the values of its arguments, and the first file id of this
     * module (origins name files by id, unique across the modules read). */
    struct tf_module *caller;
    struct tf_input {
        char *name;
        tf_val *v;
    } *inputs;
    size_t ninputs, icap;
    uint32_t base;
    /* Where file() reads (tf_file.c): through fs (NULL: nothing is read),
     * relative to root, the directory of the root module, where terraform
     * runs; dir is this module's ("" or ending in '/'). Each file is read
     * once: read[i] is the text of the i-th path of read_paths (NULL: not
     * read, and noted). */
    const zl_fs *fs;
    char *root, *dir;
    /* Whether a variable's type has optional() attributes (0: not looked
     * yet, 1: no, 2: yes): Terraform then gives an attribute the value
     * lacks as null, and a missing attribute is no error (tf_error_val). */
    int optional_attrs;
    zl_strset read_paths;
    tf_val **read;
    size_t rcap;
    /* What Terraform itself would refuse or fail on, that the evaluation
     * met (a file() not read, a csvdecode of a ragged table): each place
     * once (stop_places), reported with the stops (rule: input-refused,
     * syntax-error). */
    struct tf_note {
        tf_origin at;
        const char *rule;
        char *message, *hint;
    } *notes;
    size_t nnotes, ncap;
} tf_module;

/* Variables in scope: for-expression variables, count, each. */
typedef struct tf_scope {
    const struct tf_scope *up;
    const char *name;
    tf_val *v;
} tf_scope;

void tf_module_init(tf_module *m);
/* Add a file (text taken over, NUL after len); tfvars: a terraform.tfvars
 * file whose attributes are values of variables. Returns its index. */
uint32_t tf_module_add(tf_module *m, const char *path, char *text, size_t len, bool tfvars);
void tf_module_free(tf_module *m);

/* The origin of offset off of file (an index into m's files). */
static inline tf_origin tf_at(const tf_module *m, uint32_t file, uint32_t off)
{
    return (tf_origin){m->base + file, off};
}
/* Whether limit why made a value unknown that was not: what the readers
 * built is not all there is, and must be said (input-refused, at the places
 * m->stops lists). */
static inline bool tf_stopped(const tf_module *m, tf_stop why)
{
    return m->stopped[why];
}
/* The message that says so, with the limit's numbers. */
char *tf_stop_message(const tf_module *m, tf_stop why);
/* What to do about it (static text). */
const char *tf_stop_hint(tf_stop why);
/* Note at `at` what Terraform would refuse or fail on there (message and
 * hint taken over; a place noted before keeps its first note). */
void tf_note(tf_module *m, tf_origin at, const char *rule, char *message, char *hint);
/* A text Terraform refuses to decode at `at`: noted (syntax-error, message
 * taken over), and an unknown. */
tf_val *tf_refused(tf_module *m, tf_origin at, char *message);
/* Grant the limits for n more octets of text the module reads. */
void tf_module_grant(tf_module *m, size_t n);
/* Count as steps work that no expression node stands for (the items a
 * function walks, the items an equality compares), charged to the place
 * at: false, the limit noted, once the steps are spent. Work is so bounded
 * by steps, however the loops nest. */
bool tf_charge(tf_module *m, size_t work, tf_origin at);
/* The value at key of an object (NULL when absent): an object of many keys
 * is indexed, so that looking into it costs the same whatever its size;
 * the index is charged to at, and unknown when the steps run out. */
tf_val *tf_key(tf_module *m, const tf_val *obj, const char *key, tf_origin at);
/* A value given to variable name by the module's caller (taken over: name). */
void tf_module_input(tf_module *m, char *name, tf_val *v);

/* The value of e, in file, with scope sc (NULL: the module's). */
tf_val *tf_eval(tf_module *m, uint32_t file, const zl_hx *e, const tf_scope *sc);

/* The instances of a resource block: count.index or each.key/each.value as
 * scopes (one NULL scope without count or for_each). False when their
 * number is unknown; *scopes is arena memory. */
bool tf_instances(tf_module *m, const tf_block *b, const tf_scope ***scopes, size_t *n);

/* The instances b has if it is created at all: as tf_instances, but a
 * count or for_each whose every outcome is either none or the same
 * instances (COND ? 3 : 0, COND ? toset([...]) : [] with COND unknown)
 * gives those; *conditional says the number rests on that. What is checked
 * on such instances must hold of each on its own: whether they exist
 * beside other resources is not known. */
bool tf_instances_if_created(tf_module *m, const tf_block *b, const tf_scope ***scopes, size_t *n,
                             bool *conditional);

/* The instance of b a reference names by the text after the block's name:
 * "[N]", "[\"KEY\"]", else the first; if_created: among the instances b has
 * if it is created (a reference to it from a resource that is created means
 * it is). False when there is no such instance. */
bool tf_instance_at(tf_module *m, const tf_block *b, const char *index, bool if_created,
                    const tf_scope **sc);

/* The block of that kind, type and name, or NULL. */
tf_block *tf_find(tf_module *m, tf_block_kind kind, const char *type, const char *name,
                  size_t nname);

/* Whether two known values are equal (==): 1 or 0, charged by the items
 * compared, and -1 when the steps ran out before the answer. */
int tf_same(tf_module *m, const tf_val *a, const tf_val *b, tf_origin at);

/* Functions (tf_funcs.c): name(args); at is the call's place. */
tf_val *tf_call(tf_module *m, const char *name, size_t nname, tf_val **args, size_t nargs,
                tf_origin at);

#endif
