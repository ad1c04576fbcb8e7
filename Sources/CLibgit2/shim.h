#ifndef PAAS_CLIBGIT2_SHIM_H
#define PAAS_CLIBGIT2_SHIM_H
#include <git2.h>
#endif
