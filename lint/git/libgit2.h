/* libgit2, loaded with dlopen when a run first calls it, not by the dynamic
 * loader at start. libgit2 and what it links (OpenSSL, Kerberos, mbed TLS,
 * libssh2, PCRE2: 17 libraries, all bound at load) cost 0.9 ms of every
 * start, a tenth of linting a 20,000-record zone, and a plain run never
 * touches git. Include this header instead of <git2.h>: each function
 * zonelint calls is named below and reached through the table, so a call
 * reads as a plain libgit2 call. A function missing from the list is a
 * link error (the binary does not link libgit2). */
#ifndef ZL_GIT_LIBGIT2_H
#define ZL_GIT_LIBGIT2_H

#include <git2.h>
#include <stdbool.h>

#define ZL_LIBGIT2_FUNCTIONS(X)                                                                 \
    X(git_blob_free) X(git_blob_lookup) X(git_blob_rawcontent) X(git_blob_rawsize)              \
    X(git_buf_dispose) X(git_commit_free) X(git_commit_id) X(git_commit_lookup)                 \
    X(git_commit_tree) X(git_config_entry_free) X(git_config_free) X(git_config_get_entry)      \
    X(git_config_get_path) X(git_diff_find_options_init) X(git_diff_find_similar)               \
    X(git_diff_free) X(git_diff_get_delta) X(git_diff_num_deltas) X(git_diff_options_init)      \
    X(git_diff_tree_to_index) X(git_diff_tree_to_tree) X(git_diff_tree_to_workdir_with_index)   \
    X(git_error_last) X(git_index_entry_stage) X(git_index_entrycount) X(git_index_free)        \
    X(git_index_get_byindex) X(git_index_get_bypath) X(git_libgit2_init) X(git_libgit2_opts)    \
    X(git_libgit2_shutdown) X(git_libgit2_version) X(git_merge_base) X(git_object_free)         \
    X(git_object_peel) X(git_oid_cpy) X(git_oid_tostr) X(git_repository_config_snapshot)        \
    X(git_repository_free) X(git_repository_head_unborn) X(git_repository_index)                \
    X(git_repository_is_empty) X(git_repository_is_shallow) X(git_repository_item_path)        \
    X(git_repository_open_ext) X(git_repository_workdir) X(git_revparse)                       \
    X(git_revparse_single) X(git_tree_entry_byindex) X(git_tree_entry_bypath)                  \
    X(git_tree_entry_filemode) X(git_tree_entry_free) X(git_tree_entry_id)                     \
    X(git_tree_entry_name) X(git_tree_entry_type) X(git_tree_entrycount) X(git_tree_free)       \
    X(git_tree_lookup) X(git_tree_walk)

typedef struct zl_libgit2 {
#define ZL_LIBGIT2_MEMBER(f) __typeof__(f) *f;
    ZL_LIBGIT2_FUNCTIONS(ZL_LIBGIT2_MEMBER)
#undef ZL_LIBGIT2_MEMBER
} zl_libgit2;

/* The loaded library's functions, loading it on the first call (from any
 * thread). A library that cannot be loaded ends the run with status 2 and
 * the loader's reason: the git modes cannot run without it. */
const zl_libgit2 *zl_libgit2_get(void);

/* Whether libgit2 can be loaded: false with the loader's reason in *why
 * (unless why is NULL), for a caller that does without it. */
bool zl_libgit2_try(const char **why);

#ifndef ZL_LIBGIT2_LOADER
#define git_blob_free (zl_libgit2_get()->git_blob_free)
#define git_blob_lookup (zl_libgit2_get()->git_blob_lookup)
#define git_blob_rawcontent (zl_libgit2_get()->git_blob_rawcontent)
#define git_blob_rawsize (zl_libgit2_get()->git_blob_rawsize)
#define git_buf_dispose (zl_libgit2_get()->git_buf_dispose)
#define git_commit_free (zl_libgit2_get()->git_commit_free)
#define git_commit_id (zl_libgit2_get()->git_commit_id)
#define git_commit_lookup (zl_libgit2_get()->git_commit_lookup)
#define git_commit_tree (zl_libgit2_get()->git_commit_tree)
#define git_config_entry_free (zl_libgit2_get()->git_config_entry_free)
#define git_config_free (zl_libgit2_get()->git_config_free)
#define git_config_get_entry (zl_libgit2_get()->git_config_get_entry)
#define git_config_get_path (zl_libgit2_get()->git_config_get_path)
#define git_diff_find_options_init (zl_libgit2_get()->git_diff_find_options_init)
#define git_diff_find_similar (zl_libgit2_get()->git_diff_find_similar)
#define git_diff_free (zl_libgit2_get()->git_diff_free)
#define git_diff_get_delta (zl_libgit2_get()->git_diff_get_delta)
#define git_diff_num_deltas (zl_libgit2_get()->git_diff_num_deltas)
#define git_diff_options_init (zl_libgit2_get()->git_diff_options_init)
#define git_diff_tree_to_index (zl_libgit2_get()->git_diff_tree_to_index)
#define git_diff_tree_to_tree (zl_libgit2_get()->git_diff_tree_to_tree)
#define git_diff_tree_to_workdir_with_index (zl_libgit2_get()->git_diff_tree_to_workdir_with_index)
#define git_error_last (zl_libgit2_get()->git_error_last)
#define git_index_entry_stage (zl_libgit2_get()->git_index_entry_stage)
#define git_index_entrycount (zl_libgit2_get()->git_index_entrycount)
#define git_index_free (zl_libgit2_get()->git_index_free)
#define git_index_get_byindex (zl_libgit2_get()->git_index_get_byindex)
#define git_index_get_bypath (zl_libgit2_get()->git_index_get_bypath)
#define git_libgit2_init (zl_libgit2_get()->git_libgit2_init)
#define git_libgit2_opts (zl_libgit2_get()->git_libgit2_opts)
#define git_libgit2_shutdown (zl_libgit2_get()->git_libgit2_shutdown)
#define git_libgit2_version (zl_libgit2_get()->git_libgit2_version)
#define git_merge_base (zl_libgit2_get()->git_merge_base)
#define git_object_free (zl_libgit2_get()->git_object_free)
#define git_object_peel (zl_libgit2_get()->git_object_peel)
#define git_oid_cpy (zl_libgit2_get()->git_oid_cpy)
#define git_oid_tostr (zl_libgit2_get()->git_oid_tostr)
#define git_repository_config_snapshot (zl_libgit2_get()->git_repository_config_snapshot)
#define git_repository_free (zl_libgit2_get()->git_repository_free)
#define git_repository_head_unborn (zl_libgit2_get()->git_repository_head_unborn)
#define git_repository_index (zl_libgit2_get()->git_repository_index)
#define git_repository_is_empty (zl_libgit2_get()->git_repository_is_empty)
#define git_repository_is_shallow (zl_libgit2_get()->git_repository_is_shallow)
#define git_repository_item_path (zl_libgit2_get()->git_repository_item_path)
#define git_repository_open_ext (zl_libgit2_get()->git_repository_open_ext)
#define git_repository_workdir (zl_libgit2_get()->git_repository_workdir)
#define git_revparse (zl_libgit2_get()->git_revparse)
#define git_revparse_single (zl_libgit2_get()->git_revparse_single)
#define git_tree_entry_byindex (zl_libgit2_get()->git_tree_entry_byindex)
#define git_tree_entry_bypath (zl_libgit2_get()->git_tree_entry_bypath)
#define git_tree_entry_filemode (zl_libgit2_get()->git_tree_entry_filemode)
#define git_tree_entry_free (zl_libgit2_get()->git_tree_entry_free)
#define git_tree_entry_id (zl_libgit2_get()->git_tree_entry_id)
#define git_tree_entry_name (zl_libgit2_get()->git_tree_entry_name)
#define git_tree_entry_type (zl_libgit2_get()->git_tree_entry_type)
#define git_tree_entrycount (zl_libgit2_get()->git_tree_entrycount)
#define git_tree_free (zl_libgit2_get()->git_tree_free)
#define git_tree_lookup (zl_libgit2_get()->git_tree_lookup)
#define git_tree_walk (zl_libgit2_get()->git_tree_walk)
#endif

#endif
