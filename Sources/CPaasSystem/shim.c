#define _GNU_SOURCE
#include <fcntl.h>
#include <spawn.h>
#include <unistd.h>
#include "CPaasSystem.h"

int paas_pipe_cloexec(int fds[2]) { return pipe2(fds, O_CLOEXEC); }

int paas_spawn_addchdir(posix_spawn_file_actions_t *actions, const char *path) {
    return posix_spawn_file_actions_addchdir_np(actions, path);
}

short paas_spawn_setsid_flag(void) { return POSIX_SPAWN_SETSID; }

int paas_spawn_addclosefrom(posix_spawn_file_actions_t *actions, int from) {
    return posix_spawn_file_actions_addclosefrom_np(actions, from);
}
