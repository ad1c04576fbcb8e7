#ifndef PAAS_SYSTEM_SHIM_H
#define PAAS_SYSTEM_SHIM_H
/* GNU extensions Swift's Glibc module does not show. */
#include <spawn.h>

int paas_pipe_cloexec(int fds[2]);
int paas_spawn_addchdir(posix_spawn_file_actions_t *actions, const char *path);
#endif
