#include "include/shim.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

/* The soname these headers describe; no unversioned fallback, whose ABI could differ. */
#define PAAS_GIT_LIBRARY "libgit2.so.1.5"
#define PAAS_GIT_INSTALL "install libgit2 1.5 (apt-get install libgit2-1.5)"

/* Every libgit2 function called, as X(name). Pointers get the real prototypes' types. */
#define PAAS_GIT_FUNCTIONS(X)                                                                      \
    X(git_libgit2_init) X(git_libgit2_opts) X(git_error_last)                                      \
    X(git_oid_fmt) X(git_oid_fromstr)                                                              \
    X(git_repository_init) X(git_repository_open_ext) X(git_repository_free)                       \
    X(git_repository_path) X(git_repository_config) X(git_repository_odb)                         \
    X(git_config_open_level) X(git_config_set_string) X(git_config_free)                           \
    X(git_revparse_single) X(git_object_peel) X(git_object_free)                                   \
    X(git_commit_author) X(git_commit_id) X(git_commit_summary) X(git_commit_tree)                 \
    X(git_commit_tree_id) X(git_commit_free)                                                       \
    X(git_tree_lookup) X(git_tree_entrycount) X(git_tree_entry_byindex) X(git_tree_entry_bypath)   \
    X(git_tree_entry_filemode) X(git_tree_entry_id) X(git_tree_entry_name)                         \
    X(git_tree_entry_type) X(git_tree_entry_free) X(git_tree_free)                                 \
    X(git_blob_lookup) X(git_blob_rawcontent) X(git_blob_rawsize) X(git_blob_free)                 \
    X(git_odb_add_disk_alternate) X(git_odb_read) X(git_odb_object_data) X(git_odb_object_size)    \
    X(git_odb_object_free) X(git_odb_open_rstream) X(git_odb_stream_read)                          \
    X(git_odb_stream_free) X(git_odb_free) X(git_odb_read_header)

#define PAAS_DECLARE_POINTER(name) static __typeof__(&name) p_##name;
PAAS_GIT_FUNCTIONS(PAAS_DECLARE_POINTER)

static pthread_once_t load_once = PTHREAD_ONCE_INIT;
static int loaded;
static char load_error[512];
/* What paas_git_error_last reports when libgit2 is missing. */
static git_error load_failure = {load_error, GIT_ERROR_NONE};

static void load(void) {
    void *library = dlopen(PAAS_GIT_LIBRARY, RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) {
        const char *why = dlerror();
        snprintf(load_error, sizeof load_error, "cannot load " PAAS_GIT_LIBRARY ": %s; " PAAS_GIT_INSTALL,
                 why ? why : "unknown error");
        return;
    }
#define PAAS_RESOLVE(name)                                                                         \
    *(void **)(&p_##name) = dlsym(library, #name);                                                 \
    if (p_##name == NULL) {                                                                        \
        snprintf(load_error, sizeof load_error,                                                    \
                 "cannot load " PAAS_GIT_LIBRARY ": the libgit2 found has no function " #name      \
                 "; " PAAS_GIT_INSTALL);                                                           \
        return;                                                                                    \
    }
    PAAS_GIT_FUNCTIONS(PAAS_RESOLVE)
#undef PAAS_RESOLVE
    loaded = 1;
}

int paas_git_load(void) {
    pthread_once(&load_once, load);
    return loaded ? 0 : -1;
}

const char *paas_git_load_error(void) {
    return paas_git_load() == 0 ? NULL : load_error;
}

/* A wrapper returning `type`: calls the real `name`, or returns `fallback` without libgit2. */
#define PAAS_WRAP(type, name, params, args, fallback)                                              \
    type paas_##name params {                                                                      \
        if (paas_git_load() != 0) return fallback;                                                 \
        return p_##name args;                                                                      \
    }

/* A wrapper of a function returning nothing (the free functions). */
#define PAAS_WRAP_VOID(name, params, args)                                                         \
    void paas_##name params {                                                                      \
        if (paas_git_load() == 0) p_##name args;                                                   \
    }

int paas_git_set_owner_validation(int enabled) {
    if (paas_git_load() != 0) return -1;
    return p_git_libgit2_opts(GIT_OPT_SET_OWNER_VALIDATION, enabled);
}

PAAS_WRAP(int, git_libgit2_init, (void), (), -1)
PAAS_WRAP(const git_error *, git_error_last, (void), (), &load_failure)

PAAS_WRAP(int, git_oid_fmt, (char *out, const git_oid *id), (out, id), -1)
PAAS_WRAP(int, git_oid_fromstr, (git_oid *out, const char *str), (out, str), -1)

PAAS_WRAP(int, git_repository_init, (git_repository **out, const char *path, unsigned is_bare),
          (out, path, is_bare), -1)
PAAS_WRAP(int, git_repository_open_ext,
          (git_repository **out, const char *path, unsigned int flags, const char *ceiling_dirs),
          (out, path, flags, ceiling_dirs), -1)
PAAS_WRAP_VOID(git_repository_free, (git_repository *repo), (repo))
PAAS_WRAP(const char *, git_repository_path, (const git_repository *repo), (repo), NULL)
PAAS_WRAP(int, git_repository_config, (git_config **out, git_repository *repo), (out, repo), -1)
PAAS_WRAP(int, git_repository_odb, (git_odb **out, git_repository *repo), (out, repo), -1)

PAAS_WRAP(int, git_config_open_level,
          (git_config **out, const git_config *parent, git_config_level_t level),
          (out, parent, level), -1)
PAAS_WRAP(int, git_config_set_string, (git_config *cfg, const char *name, const char *value),
          (cfg, name, value), -1)
PAAS_WRAP_VOID(git_config_free, (git_config *cfg), (cfg))

PAAS_WRAP(int, git_revparse_single, (git_object **out, git_repository *repo, const char *spec),
          (out, repo, spec), -1)
PAAS_WRAP(int, git_object_peel,
          (git_object **peeled, const git_object *object, git_object_t target_type),
          (peeled, object, target_type), -1)
PAAS_WRAP_VOID(git_object_free, (git_object *object), (object))

PAAS_WRAP(const git_signature *, git_commit_author, (const git_commit *commit), (commit), NULL)
PAAS_WRAP(const git_oid *, git_commit_id, (const git_commit *commit), (commit), NULL)
PAAS_WRAP(const char *, git_commit_summary, (git_commit *commit), (commit), NULL)
PAAS_WRAP(int, git_commit_tree, (git_tree **tree_out, const git_commit *commit), (tree_out, commit), -1)
PAAS_WRAP(const git_oid *, git_commit_tree_id, (const git_commit *commit), (commit), NULL)
PAAS_WRAP_VOID(git_commit_free, (git_commit *commit), (commit))

PAAS_WRAP(int, git_tree_lookup, (git_tree **out, git_repository *repo, const git_oid *id),
          (out, repo, id), -1)
PAAS_WRAP(size_t, git_tree_entrycount, (const git_tree *tree), (tree), 0)
PAAS_WRAP(const git_tree_entry *, git_tree_entry_byindex, (const git_tree *tree, size_t idx),
          (tree, idx), NULL)
PAAS_WRAP(int, git_tree_entry_bypath, (git_tree_entry **out, const git_tree *root, const char *path),
          (out, root, path), -1)
PAAS_WRAP(git_filemode_t, git_tree_entry_filemode, (const git_tree_entry *entry), (entry),
          GIT_FILEMODE_UNREADABLE)
PAAS_WRAP(const git_oid *, git_tree_entry_id, (const git_tree_entry *entry), (entry), NULL)
PAAS_WRAP(const char *, git_tree_entry_name, (const git_tree_entry *entry), (entry), NULL)
PAAS_WRAP(git_object_t, git_tree_entry_type, (const git_tree_entry *entry), (entry), GIT_OBJECT_INVALID)
PAAS_WRAP_VOID(git_tree_entry_free, (git_tree_entry *entry), (entry))
PAAS_WRAP_VOID(git_tree_free, (git_tree *tree), (tree))

PAAS_WRAP(int, git_blob_lookup, (git_blob **blob, git_repository *repo, const git_oid *id),
          (blob, repo, id), -1)
PAAS_WRAP(const void *, git_blob_rawcontent, (const git_blob *blob), (blob), NULL)
PAAS_WRAP(git_object_size_t, git_blob_rawsize, (const git_blob *blob), (blob), 0)
PAAS_WRAP_VOID(git_blob_free, (git_blob *blob), (blob))

PAAS_WRAP(int, git_odb_add_disk_alternate, (git_odb *odb, const char *path), (odb, path), -1)
PAAS_WRAP(int, git_odb_read, (git_odb_object **out, git_odb *db, const git_oid *id), (out, db, id), -1)
PAAS_WRAP(int, git_odb_read_header, (size_t *len_out, git_object_t *type_out, git_odb *db, const git_oid *id),
          (len_out, type_out, db, id), -1)
PAAS_WRAP(const void *, git_odb_object_data, (git_odb_object *object), (object), NULL)
PAAS_WRAP(size_t, git_odb_object_size, (git_odb_object *object), (object), 0)
PAAS_WRAP_VOID(git_odb_object_free, (git_odb_object *object), (object))
PAAS_WRAP(int, git_odb_open_rstream,
          (git_odb_stream **out, size_t *len, git_object_t *type, git_odb *db, const git_oid *oid),
          (out, len, type, db, oid), -1)
PAAS_WRAP(int, git_odb_stream_read, (git_odb_stream *stream, char *buffer, size_t len),
          (stream, buffer, len), -1)
PAAS_WRAP_VOID(git_odb_stream_free, (git_odb_stream *stream), (stream))
PAAS_WRAP_VOID(git_odb_free, (git_odb *db), (db))
