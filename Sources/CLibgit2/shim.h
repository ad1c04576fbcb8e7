#ifndef PAAS_CLIBGIT2_SHIM_H
#define PAAS_CLIBGIT2_SHIM_H
#include <git2.h>
#include <zlib.h>

/* inflateInit is a macro, which Swift cannot call. */
static inline int paas_inflate_init(z_stream *stream) {
    return inflateInit(stream);
}
#endif
