#!/bin/bash
# Issue 2's benchmark: push-to-served time of a busybox Dockerfile app through paas (git push
# over ssh, hook, Engine API build, container start, health wait, nginx switch, old container
# removed) against the raw work it contains: the same kind of context built with the Engine API
# plus one container started and answering. Each round changes the page, so both sides build.
# Writes the medians and paas's overhead into docs/benchmarks.md.
# Usage: scripts/bench.sh [ROUNDS]  (default 7; needs root, dockerd, nginx, sshd, jq, a built paas)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/bench-env.sh
rounds=${1:-7}
bench_setup

app=$BENCH_ID
repo=$BENCH_DIR/app
mkdir -p "$repo/www"
git -C "$repo" init -q -b main
git -C "$repo" config user.email bench@paas.invalid
git -C "$repo" config user.name bench
printf 'FROM paas/busybox:latest\nCOPY www /www\nCMD httpd -f -p $PORT -h /www\n' >"$repo/Dockerfile"

# Polls `curl ARGS...` until the body is $1 (30 s).
wait_body() {
    local want=$1 i
    shift
    for i in $(seq 1 3000); do
        [ "$(curl -s --max-time 2 "$@" 2>/dev/null)" = "$want" ] && return 0
        sleep 0.01
    done
    echo "never answered '$want'" >&2
    return 1
}

# One raw round: build the context with the Engine API, create and start a container with
# PORT published on loopback, wait until it serves the page; prints ms.
raw_round() {
    local page=$1 labels t0 image id port
    printf '%s\n' "$page" >"$repo/www/index.html"
    labels=$(jq -rn --arg id "$BENCH_ID" '{"paas.test": $id} | tojson | @uri')
    tar -C "$repo" --exclude .git -cf "$BENCH_DIR/context.tar" .
    t0=$(now_ms)
    image=$(engine POST "/build?t=$BENCH_ID-raw:latest&rm=1&forcerm=1&labels=$labels" \
        -H 'Content-Type: application/x-tar' --data-binary "@$BENCH_DIR/context.tar" |
        jq -rs 'map(select(.aux.ID)) | last | .aux.ID')
    id=$(jq -n --arg image "$image" --arg id "$BENCH_ID" '{Image: $image, Env: ["PORT=5000"],
            ExposedPorts: {"5000/tcp": {}}, Labels: {"paas.test": $id},
            HostConfig: {Init: true, PortBindings: {"5000/tcp": [{HostIp: "127.0.0.1", HostPort: ""}]}}}' |
        engine POST /containers/create -H 'Content-Type: application/json' --data-binary @- | jq -r .Id)
    engine POST "/containers/$id/start" >/dev/null
    port=$(engine GET "/containers/$id/json" | jq -r '.NetworkSettings.Ports["5000/tcp"][0].HostPort')
    wait_body "$page" "http://127.0.0.1:$port/"
    elapsed "$t0" "$(now_ms)"
    engine DELETE "/containers/$id?force=1" >/dev/null
}

# One paas round: commit a new page, push, wait until nginx serves it; prints ms.
# Prints "served done": ms from the start of `git push` until nginx first serves the new page
# (polled while the push runs), and until the push has returned (old container removed too).
paas_round() {
    local page=$1 t0 done poller
    printf '%s\n' "$page" >"$repo/www/index.html"
    git -C "$repo" add -A && git -C "$repo" commit -qm "$page"
    rm -f "$BENCH_DIR/served"
    t0=$(now_ms)
    (wait_body "$page" -H "Host: $app.paas.test" "http://127.0.0.1:$NGINX_PORT/" && now_ms >"$BENCH_DIR/served") &
    poller=$!
    bpush "$repo" "$app" 2>>"$BENCH_DIR/push.log"
    done=$(now_ms)
    wait "$poller"
    echo "$(elapsed "$t0" "$(cat "$BENCH_DIR/served")") $(elapsed "$t0" "$done")"
}

# A bare ssh login on the same sshd (forced command `true`): part of every push, not of paas.
ssh-keygen -q -t ed25519 -N '' -f "$BENCH_DIR/true_ed25519"
echo "command=\"true\",no-pty $(cat "$BENCH_DIR/true_ed25519.pub")" >>"$PAAS_ROOT/.ssh/authorized_keys"
ssh_true_round() {
    local t0
    t0=$(now_ms)
    # shellcheck disable=SC2086
    ssh $BENCH_SSH_OPTS -p "$SSH_PORT" -i "$BENCH_DIR/true_ed25519" root@127.0.0.1 true
    elapsed "$t0" "$(now_ms)"
}

echo "warming up (first push creates the app; not counted)"
paas_round "warm-up" >/dev/null
raw_round "raw warm-up" >/dev/null
raw=() pushed=() finished=() logins=()
for i in $(seq 1 "$rounds"); do
    logins+=("$(ssh_true_round)")
    raw+=("$(raw_round "raw round $i $RANDOM")")
    read -r served done <<<"$(paas_round "paas round $i $RANDOM")"
    pushed+=("$served") finished+=("$done")
    echo "round $i: raw ${raw[-1]} ms, paas served ${served} ms, push returned ${done} ms"
done
raw_median=$(median "${raw[@]}")
paas_median=$(median "${pushed[@]}")
done_median=$(median "${finished[@]}")
overhead=$(awk -v p="$paas_median" -v r="$raw_median" 'BEGIN { printf "%.1f", p - r }')
ratio=$(awk -v p="$paas_median" -v r="$raw_median" 'BEGIN { printf "%.2f", p / r }')
done_overhead=$(awk -v p="$done_median" -v r="$raw_median" 'BEGIN { printf "%.1f", p - r }')
login_median=$(median "${logins[@]}")
own=$(awk -v o="$overhead" -v l="$login_median" 'BEGIN { printf "%.1f", o - l }')
echo "median raw $raw_median ms, paas served $paas_median ms (overhead $overhead ms, x$ratio), push returned $done_median ms"

section=$BENCH_DIR/section.md
cat >"$section" <<MD
## Push to served (issue 2) — \`scripts/bench.sh\`

$(date -u '+%Y-%m-%d %H:%M UTC'); $(machine); paas binaries from \`$(basename "$(dirname "$BIN")")/$(basename "$BIN")\`; $rounds rounds after a warm-up.

| what | median |
| --- | --- |
| raw: Engine API build of the context + container create/start + first answer | $raw_median ms |
| paas: from \`git push\` over ssh until nginx serves the new page (polled during the push) | $paas_median ms |
| **paas overhead to served** (ssh, git, hook, reconcile, health check and settle, nginx switch) | **$overhead ms** (x$ratio) |
| a bare ssh login to the same sshd (forced command \`true\`), part of every push | $login_median ms |
| **paas's own overhead to served** (overhead minus the ssh login) | **$own ms** |
| paas: until \`git push\` returns (old container drained, stopped and removed, release recorded) | $done_median ms (overhead $done_overhead ms) |

Rounds (ms), raw: ${raw[*]}; served: ${pushed[*]}; push returned: ${finished[*]}. Target: overhead under 300 ms.
With the defaults (\`checks settle\` 0.1 s). Of the switch, about 130 ms is nginx itself: after a
reload its master waits 100 ms before telling the old workers to finish, and paas waits until
they have exited so that no request can reach a container about to stop.
MD
write_section push "$section"
echo "written to docs/benchmarks.md"
