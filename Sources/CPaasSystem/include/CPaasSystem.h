#ifndef PAAS_SYSTEM_SHIM_H
#define PAAS_SYSTEM_SHIM_H
/* GNU extensions Swift's Glibc module does not show. */
#include <spawn.h>

int paas_pipe_cloexec(int fds[2]);
int paas_spawn_addchdir(posix_spawn_file_actions_t *actions, const char *path);
/* POSIX_SPAWN_SETSID: the child starts a session of its own (no controlling terminal). */
short paas_spawn_setsid_flag(void);
/* Closes every descriptor from `from` up in the child (glibc 2.34+). */
int paas_spawn_addclosefrom(posix_spawn_file_actions_t *actions, int from);
#endif
