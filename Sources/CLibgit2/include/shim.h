#ifndef PAAS_CLIBGIT2_SHIM_H
#define PAAS_CLIBGIT2_SHIM_H
/* git2.h is included for its types and constants only: nothing here links against libgit2.
   libgit2 is opened with dlopen the first time a paas_git_* function is called, so that
   commands which never read a repository do not pay for loading it and its dependencies.
   zlib is small and stays linked normally. */
#include <git2.h>
#include <stddef.h>
#include <zlib.h>

/* inflateInit is a macro, which Swift cannot call. */
static inline int paas_inflate_init(z_stream *stream) {
    return inflateInit(stream);
}

/* Loads libgit2 once per process (thread-safe); 0 when it is usable, -1 when it is not. */
int paas_git_load(void);

/* Why libgit2 could not be loaded, on one line; NULL when it was loaded. */
const char *paas_git_load_error(void);

/* git_libgit2_opts is variadic, which Swift cannot call: GIT_OPT_SET_OWNER_VALIDATION only. */
int paas_git_set_owner_validation(int enabled);

/* The libgit2 functions used, resolved on first use. When libgit2 cannot be loaded, functions
   returning int return -1 (GIT_ERROR), pointers are NULL, sizes 0, void ones do nothing, and
   paas_git_error_last describes the load failure. */
int paas_git_libgit2_init(void);
const git_error *paas_git_error_last(void);

int paas_git_oid_fmt(char *out, const git_oid *id);
int paas_git_oid_fromstr(git_oid *out, const char *str);

int paas_git_repository_init(git_repository **out, const char *path, unsigned is_bare);
int paas_git_repository_open_ext(git_repository **out, const char *path, unsigned int flags,
                                 const char *ceiling_dirs);
void paas_git_repository_free(git_repository *repo);
const char *paas_git_repository_path(const git_repository *repo);
int paas_git_repository_config(git_config **out, git_repository *repo);
int paas_git_repository_odb(git_odb **out, git_repository *repo);

int paas_git_config_open_level(git_config **out, const git_config *parent, git_config_level_t level);
int paas_git_config_set_string(git_config *cfg, const char *name, const char *value);
void paas_git_config_free(git_config *cfg);

int paas_git_revparse_single(git_object **out, git_repository *repo, const char *spec);
int paas_git_object_peel(git_object **peeled, const git_object *object, git_object_t target_type);
void paas_git_object_free(git_object *object);

const git_signature *paas_git_commit_author(const git_commit *commit);
const git_oid *paas_git_commit_id(const git_commit *commit);
const char *paas_git_commit_summary(git_commit *commit);
int paas_git_commit_tree(git_tree **tree_out, const git_commit *commit);
const git_oid *paas_git_commit_tree_id(const git_commit *commit);
void paas_git_commit_free(git_commit *commit);

int paas_git_tree_lookup(git_tree **out, git_repository *repo, const git_oid *id);
size_t paas_git_tree_entrycount(const git_tree *tree);
const git_tree_entry *paas_git_tree_entry_byindex(const git_tree *tree, size_t idx);
int paas_git_tree_entry_bypath(git_tree_entry **out, const git_tree *root, const char *path);
git_filemode_t paas_git_tree_entry_filemode(const git_tree_entry *entry);
const git_oid *paas_git_tree_entry_id(const git_tree_entry *entry);
const char *paas_git_tree_entry_name(const git_tree_entry *entry);
git_object_t paas_git_tree_entry_type(const git_tree_entry *entry);
void paas_git_tree_entry_free(git_tree_entry *entry);
void paas_git_tree_free(git_tree *tree);

int paas_git_blob_lookup(git_blob **blob, git_repository *repo, const git_oid *id);
const void *paas_git_blob_rawcontent(const git_blob *blob);
git_object_size_t paas_git_blob_rawsize(const git_blob *blob);
void paas_git_blob_free(git_blob *blob);

int paas_git_odb_add_disk_alternate(git_odb *odb, const char *path);
int paas_git_odb_read(git_odb_object **out, git_odb *db, const git_oid *id);
int paas_git_odb_read_header(size_t *len_out, git_object_t *type_out, git_odb *db, const git_oid *id);
const void *paas_git_odb_object_data(git_odb_object *object);
size_t paas_git_odb_object_size(git_odb_object *object);
void paas_git_odb_object_free(git_odb_object *object);
int paas_git_odb_open_rstream(git_odb_stream **out, size_t *len, git_object_t *type, git_odb *db,
                              const git_oid *oid);
int paas_git_odb_stream_read(git_odb_stream *stream, char *buffer, size_t len);
void paas_git_odb_stream_free(git_odb_stream *stream);
void paas_git_odb_free(git_odb *db);

#endif
