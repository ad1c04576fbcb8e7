#!/usr/bin/env bash
# Requests lost while paas upgrades itself (issue 13): a throwaway installation (bench-env.sh)
# whose binaries live in a "host binary folder" of its own, one app behind nginx, and a bounded
# loopback load through nginx from two clients at once: keep-alive connections, and a new
# connection per request (scripts/loadgen.py). Each round, under that load:
#   1. a successful upgrade 0.1.0 -> 0.2.0 (a bundle with a SQL migration),
#   2. a failed upgrade 0.2.0 -> 0.3.0 (its migration fails at step 4: rolled back),
#   3. upgrade:rollback back to 0.1.0.
# Wall time of each (`paas upgrade BUNDLE --wait` until it returns) and the failed requests
# during each go to docs/benchmarks.md (section bench:upgrade).
#
#   scripts/bench-upgrade.sh [ROUNDS]        default 3; PAAS_BENCH_RATE req/s per client (100)
#
# Release build by default (PAAS_BIN_DIR=DIR uses binaries built already). Needs dockerd,
# nginx-light, openssh-server, git, jq, python3 and paas/busybox:latest.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/bench-env.sh
ROUNDS=${1:-3}
RATE=${PAAS_BENCH_RATE:-100}
[[ "$ROUNDS" =~ ^[0-9]+$ ]] && [ "$ROUNDS" -ge 1 ] && [ "$ROUNDS" -le 10 ] || { echo "ROUNDS: 1 to 10" >&2; exit 2; }
[[ "$RATE" =~ ^[0-9]+$ ]] && [ "$RATE" -ge 1 ] && [ "$RATE" -le 1000 ] || { echo "PAAS_BENCH_RATE: 1 to 1000" >&2; exit 2; }
scripts/make-base-images.sh >/dev/null
bench_setup

# The host binary folder the upgrades replace files in, and keys whose forced command uses it.
HOSTBIN=$BENCH_DIR/hostbin
mkdir -p "$HOSTBIN"
cp "$BIN/paas" "$BIN/paas-pre-receive" "$BIN/paas-nginx" "$HOSTBIN/"
PAAS="$HOSTBIN/paas"
# nginx logs its reloads at "notice": the report counts them. 256 worker connections (the
# test-sized value of bench-env.sh) ran out during CPU stalls on this shared machine, and nginx
# then closes new and idle keep-alive connections; a host's nginx has more.
sed -i 's/error.log warn;/error.log notice;/; s/worker_connections 256;/worker_connections 4096;/' "$BENCH_DIR/nginx/nginx.conf"
nginx -p "$BENCH_DIR/nginx" -c "$BENCH_DIR/nginx/nginx.conf" -s reload
sleep 1
: >"$BENCH_DIR/nginx/error.log"
jq --argjson port "$NGINX_PORT" '. + {upgrade: {proxyPort: $port}}' "$PAAS_ROOT/settings.json" >"$BENCH_DIR/s.json"
mv "$BENCH_DIR/s.json" "$PAAS_ROOT/settings.json"

echo "==> bundles"
mkdir -p "$BENCH_DIR/good" "$BENCH_DIR/bad"
echo "CREATE TABLE benchNote (id INTEGER PRIMARY KEY);" >"$BENCH_DIR/good/0001-bench-note.sql"
cp "$BENCH_DIR/good/0001-bench-note.sql" "$BENCH_DIR/bad/"
echo "ALTER TABLE noSuchTable ADD COLUMN x TEXT;" >"$BENCH_DIR/bad/0002-broken.sql"
GOOD=$(scripts/package.sh --bin-dir "$BIN" --version 0.2.0 --migrations "$BENCH_DIR/good" --out "$BENCH_DIR/out" | tail -n1)
BAD=$(scripts/package.sh --bin-dir "$BIN" --version 0.3.0 --migrations "$BENCH_DIR/bad" --out "$BENCH_DIR/out" | tail -n1)

echo "==> app"
APP=$BENCH_ID-web
REPO=$BENCH_DIR/app
mkdir -p "$REPO/www"
printf 'FROM paas/busybox:latest\nCOPY www /www\nCMD httpd -f -p $PORT -h /www\n' >"$REPO/Dockerfile"
echo "steady" >"$REPO/www/index.html"
git -C "$REPO" init -q -b main
git -C "$REPO" -c user.email=b@paas.test -c user.name=bench add -A
git -C "$REPO" -c user.email=b@paas.test -c user.name=bench commit -qm app
bpush "$REPO" "$APP" 2>/dev/null
for i in $(seq 1 100); do
    [ "$(curl -s -H "Host: $APP.paas.test" "http://127.0.0.1:$NGINX_PORT/")" = steady ] && break
    sleep 0.1
done

# Runs "$@" under both loads; appends "label ms ka_sent ka_failed new_sent new_failed status" to $RESULTS.
RESULTS=$BENCH_DIR/results
measure() {
    local label=$1
    shift
    rm -f "$BENCH_DIR/stop"
    python3 scripts/loadgen.py --port "$NGINX_PORT" --host "$APP.paas.test" --rate "$RATE" --duration 300 \
        --keepalive --stop-file "$BENCH_DIR/stop" --out "$BENCH_DIR/ka.jsonl" >"$BENCH_DIR/ka.json" &
    local ka=$!
    python3 scripts/loadgen.py --port "$NGINX_PORT" --host "$APP.paas.test" --rate "$RATE" --duration 300 \
        --stop-file "$BENCH_DIR/stop" --out "$BENCH_DIR/new.jsonl" >"$BENCH_DIR/new.json" &
    local fresh=$!
    sleep 1
    local start end status=0 reloads
    reloads=$(grep -c reconfiguring "$BENCH_DIR/nginx/error.log" || true)
    start=$(now_ms)
    "$@" >>"$BENCH_DIR/upgrade.log" 2>&1 || status=$?
    end=$(now_ms)
    sleep 1
    touch "$BENCH_DIR/stop"
    wait "$ka" "$fresh"
    echo "$label $(($(grep -c reconfiguring "$BENCH_DIR/nginx/error.log" || true) - reloads))" >>"$BENCH_DIR/reloads"
    # Keep what every failed request got, to say why in the report.
    jq -r --arg l "$label" 'select(.error or .status < 200 or .status >= 300)
        | "\($l) \(.status) \(.ms | floor) ms \(.error // .body)"' "$BENCH_DIR/ka.jsonl" "$BENCH_DIR/new.jsonl" \
        >>"$BENCH_DIR/failures"
    local st=$PAAS_ROOT/upgrade/status.json
    jq -r --arg l "$label" '.steps[] | "\($l) \(.number) \(.name) \((.seconds // 0) * 1000)"' "$st" >>"$BENCH_DIR/steps"
    # Before the helper: from the command's start until the status was written (bundle checked);
    # the helper's start: until step 1 began; the rollback: from the failed step to the end.
    local started first_begin last_end finished
    started=$(date -d "$(jq -r .started "$st")" +%s%3N)
    first_begin=$(jq -r '.steps[0] | "\(.time) \(.seconds // 0)"' "$st" | { read -r t sec; awk -v t="$(date -d "$t" +%s%3N)" -v s="$sec" 'BEGIN { printf "%.0f", t - s * 1000 }'; })
    last_end=$(date -d "$(jq -r '.steps[-1].time' "$st")" +%s%3N)
    finished=$(date -d "$(jq -r .finished "$st")" +%s%3N)
    echo "$label 0 before-the-helper $(awk -v a="$start" -v b="$started" 'BEGIN { printf "%.0f", b - a }')" >>"$BENCH_DIR/steps"
    echo "$label 0 helper-start $((first_begin - started))" >>"$BENCH_DIR/steps"
    echo "$label 8 rollback $((finished - last_end))" >>"$BENCH_DIR/steps"
    echo "$label $(elapsed "$start" "$end") $(jq -r '"\(.sent) \(.errors + .non2xx)"' "$BENCH_DIR/ka.json") $(jq -r '"\(.sent) \(.errors + .non2xx)"' "$BENCH_DIR/new.json") $status" >>"$RESULTS"
    echo "    $(tail -n1 "$RESULTS")"
}

echo "==> $ROUNDS rounds at $RATE req/s per client"
for round in $(seq 1 "$ROUNDS"); do
    measure success "$PAAS" upgrade "$GOOD" --wait
    measure failed "$PAAS" upgrade "$BAD" --wait
    measure rollback "$PAAS" upgrade:rollback --wait
done

# Expected exits: success 0, failed non-zero (rolled back), rollback 0.
awk '($1 == "failed") != ($7 != 0) { bad = 1 } END { exit bad }' "$RESULTS" ||
    { echo "an upgrade ended unexpectedly; see $BENCH_DIR/upgrade.log" >&2; cat "$BENCH_DIR/upgrade.log" >&2; exit 1; }

row() {
    local label=$1 what=$2
    local times ka_sent ka_failed new_sent new_failed
    times=$(awk -v l="$label" '$1 == l { print $2 }' "$RESULTS")
    read -r ka_sent ka_failed new_sent new_failed < <(awk -v l="$label" '$1 == l { a += $3; b += $4; c += $5; d += $6 } END { print a, b, c, d }' "$RESULTS")
    # shellcheck disable=SC2086
    echo "| $what | $(median $times) ms ($(echo $times | tr ' ' '/')) | **$ka_failed** of $ka_sent | **$new_failed** of $new_sent | $(awk -v l="$label" '$1 == l { n += $2 } END { print n + 0 }' "$BENCH_DIR/reloads") |"
}
body=$BENCH_DIR/section.md
{
    echo "## Self-upgrade under load (issue 13) — \`scripts/bench-upgrade.sh\`"
    echo
    echo "$(date -u '+%Y-%m-%d %H:%M UTC'); $(machine); paas binaries from \`$BIN\`; $ROUNDS rounds; load through nginx on loopback: $RATE req/s of keep-alive clients and $RATE req/s of new connections at once, from 1 s before until 1 s after each command."
    echo
    echo "| what (\`paas ... --wait\`, until it returns) | wall time, median (each round) | failed requests, keep-alive | failed requests, new connections | nginx reloads |"
    echo "| --- | --- | --- | --- | --- |"
    row success "successful upgrade 0.1.0 → 0.2.0 (one SQL migration)"
    row failed "failed upgrade 0.2.0 → 0.3.0 (its migration fails at step 4; rolled back)"
    row rollback "\`upgrade:rollback\` 0.2.0 → 0.1.0 (database snapshot restored)"
    if [ -s "$BENCH_DIR/failures" ]; then
        echo
        echo "Failed requests, by what they got (label, status, latency, error or body):"
        echo
        sort "$BENCH_DIR/failures" | cut -c1-120 | uniq -c | sort -rn | head -n 10 | sed 's/^/    /'
    fi
    echo
    log=$BENCH_DIR/nginx/error.log
    echo "nginx's error log over the rounds: $(grep -c 'reconfiguring' "$log" || true) reloads, $(grep -c 'exited on signal' "$log" || true) workers killed, $(grep -c 'worker_connections are not enough' "$log" || true) times out of worker connections."
    echo
    echo "Load average when the rounds ended: $(cut -d' ' -f1-3 /proc/loadavg) (the machine is shared)."
    echo
    echo 'Where the time goes (median ms, from the times in `status.json`):'
    echo
    echo "| step | successful upgrade | failed upgrade |"
    echo "| --- | --- | --- |"
    for key in before-the-helper helper-start 1 2 3 4 5 6 7 rollback; do
        field=2
        case "$key" in [0-9]) ;; *) field=3 ;; esac
        name=$(awk -v k="$key" -v f="$field" '$f == k { print $2 " " $3; exit }' "$BENCH_DIR/steps" | sed 's/^[08] //')
        ok=$(awk -v k="$key" -v f="$field" '$1 == "success" && $f == k && !($3 == "rollback") { print $4 }' "$BENCH_DIR/steps")
        ko=$(awk -v k="$key" -v f="$field" '$1 == "failed" && $f == k { print $4 }' "$BENCH_DIR/steps")
        [ "$key" = rollback ] && ok=""
        # shellcheck disable=SC2086
        echo "| $name | $( [ -n "$ok" ] && median $ok || echo -) | $( [ -n "$ko" ] && median $ko || echo "- (not reached)") |"
    done
    echo
    echo '"before-the-helper" is `paas upgrade` itself: unpacking the bundle (gzip, about 290 MB of'
    echo 'release binaries with the static Swift runtime), checking SHA256SUMS, running its'
    echo '`paas version`. "helper-start" is creating and starting the container until step 1 begins.'
    echo 'The rollback of the failed upgrade puts binaries, plugins and the database back, re-syncs'
    echo 'and checks again. What remains of the wall time is `--wait` polling the status (200 ms).'
    echo
    echo "Target: 0 failed requests for both. The wall time includes unpacking and checking the"
    echo "bundle, starting the helper container, the seven steps (two app-lock passes, the SQLite"
    echo "backup, the binary renames, the re-sync of every app and the checks through nginx), and"
    echo "for the failed upgrade its rollback. Apps are never restarted and nginx reloads only when a"
    echo "server block changes, so the load sees nothing."
} >"$body"
write_section upgrade "$body"
cat "$body"
