#!/bin/bash
# Issue 3's benchmark: what paas adds to a command over ssh. Times, on a loopback sshd,
# `ssh paas@host config:get APP KEY` and `ssh paas@host version` against the same ssh login
# whose forced command is `true`, plus `paas config:get` run locally. Medians into docs/benchmarks.md.
# Usage: scripts/bench-commands.sh [RUNS]  (default 30; needs root, sshd, jq, a built paas)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/bench-env.sh
runs=${1:-30}
bench_setup

app=$BENCH_ID
"$BIN/paas" apps:create "$app" >/dev/null
"$BIN/paas" config:set --no-restart "$app" GREETING='hello bench' >/dev/null
# The baseline key: same sshd, same login, forced command `true`.
ssh-keygen -q -t ed25519 -N '' -f "$BENCH_DIR/true_ed25519"
echo "command=\"true\",no-pty $(cat "$BENCH_DIR/true_ed25519.pub")" >>"$PAAS_ROOT/.ssh/authorized_keys"
[ "$(bssh config:get "$app" GREETING)" = "hello bench" ] || { echo "config:get over ssh does not work" >&2; exit 1; }

# Times `"$@"` $runs times after two warm-ups; prints the median in ms.
time_median() {
    local times=() i t0
    "$@" >/dev/null; "$@" >/dev/null
    for i in $(seq 1 "$runs"); do
        t0=$(now_ms)
        "$@" >/dev/null
        times+=("$(elapsed "$t0" "$(now_ms)")")
    done
    median "${times[@]}"
}

ssh_true() { ssh $BENCH_SSH_OPTS -p "$SSH_PORT" -i "$BENCH_DIR/true_ed25519" root@127.0.0.1 true; }

baseline=$(time_median ssh_true)
echo "ssh true:           $baseline ms"
get=$(time_median bssh config:get "$app" GREETING)
echo "ssh config:get:     $get ms"
version=$(time_median bssh version)
echo "ssh version:        $version ms"
local_get=$(time_median "$BIN/paas" config:get "$app" GREETING)
echo "local config:get:   $local_get ms"
get_part=$(awk -v a="$get" -v b="$baseline" 'BEGIN { printf "%.1f", a - b }')
version_part=$(awk -v a="$version" -v b="$baseline" 'BEGIN { printf "%.1f", a - b }')
ratio=$(awk -v a="$get" -v b="$baseline" 'BEGIN { printf "%.2f", a / b }')
echo "paas part of config:get over ssh: $get_part ms (x$ratio of a bare ssh login)"

section=$BENCH_DIR/section.md
cat >"$section" <<MD
## Commands over ssh (issue 3) — \`scripts/bench-commands.sh\`

$(date -u '+%Y-%m-%d %H:%M UTC'); $(machine); paas binaries from \`$(basename "$(dirname "$BIN")")/$(basename "$BIN")\`; median of $runs runs each after 2 warm-ups, sshd on loopback.

| what | median |
| --- | --- |
| \`ssh host true\` (same sshd and login, forced command \`true\`) | $baseline ms |
| \`ssh paas@host version\` | $version ms |
| \`ssh paas@host config:get APP KEY\` | $get ms |
| \`paas config:get APP KEY\` run locally (no ssh) | $local_get ms |
| **paas part of a read over ssh** (config:get − ssh true) | **$get_part ms** (x$ratio) |
| paas part of \`version\` (version − ssh true) | $version_part ms |

Target: under 20 ms for a read. The ssh login itself (key exchange, sshd forking a session and
the login shell that runs the forced command) dominates on this machine; the local figure is
paas's whole cost for a read (process start, state root, SQLite open, one query).
MD
write_section commands "$section"
echo "written to docs/benchmarks.md"
