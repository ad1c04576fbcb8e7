#ifndef PAAS_CLIBGIT2_SHIM_H
#define PAAS_CLIBGIT2_SHIM_H
#include <git2.h>
#include <zlib.h>

/* inflateInit is a macro, which Swift cannot call. */
static inline int paas_inflate_init(z_stream *stream) {
    return inflateInit(stream);
}

/* git_libgit2_opts is variadic, which Swift cannot call. */
static inline int paas_git_set_owner_validation(int enabled) {
    return git_libgit2_opts(GIT_OPT_SET_OWNER_VALIDATION, enabled);
}
#endif
