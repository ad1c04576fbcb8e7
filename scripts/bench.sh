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
paas_round() {
    local page=$1 t0
    printf '%s\n' "$page" >"$repo/www/index.html"
    git -C "$repo" add -A && git -C "$repo" commit -qm "$page"
    t0=$(now_ms)
    bpush "$repo" "$app" 2>>"$BENCH_DIR/push.log"
    wait_body "$page" -H "Host: $app.paas.test" "http://127.0.0.1:$NGINX_PORT/"
    elapsed "$t0" "$(now_ms)"
}

echo "warming up (first push creates the app; not counted)"
paas_round "warm-up" >/dev/null
raw_round "raw warm-up" >/dev/null
raw=() pushed=()
for i in $(seq 1 "$rounds"); do
    raw+=("$(raw_round "raw round $i $RANDOM")")
    pushed+=("$(paas_round "paas round $i $RANDOM")")
    echo "round $i: raw ${raw[-1]} ms, paas ${pushed[-1]} ms"
done
raw_median=$(median "${raw[@]}")
paas_median=$(median "${pushed[@]}")
overhead=$(awk -v p="$paas_median" -v r="$raw_median" 'BEGIN { printf "%.1f", p - r }')
ratio=$(awk -v p="$paas_median" -v r="$raw_median" 'BEGIN { printf "%.2f", p / r }')
echo "median raw $raw_median ms, paas $paas_median ms, overhead $overhead ms (x$ratio)"

section=$BENCH_DIR/section.md
cat >"$section" <<MD
## Push to served (issue 2) — \`scripts/bench.sh\`

$(date -u '+%Y-%m-%d %H:%M UTC'); $(machine); paas binaries from \`$(basename "$(dirname "$BIN")")/$(basename "$BIN")\`; $rounds rounds after a warm-up.

| what | median |
| --- | --- |
| raw: Engine API build of the context + container create/start + first answer | $raw_median ms |
| paas: \`git push\` over ssh until nginx serves the new page | $paas_median ms |
| **paas overhead** (ssh, git, hook, reconcile, health wait, nginx switch, old container removed, release recorded) | **$overhead ms** (x$ratio) |

Rounds (ms), raw: ${raw[*]}; paas: ${pushed[*]}. Target: overhead under 300 ms.
MD
write_section push "$section"
echo "written to docs/benchmarks.md"
