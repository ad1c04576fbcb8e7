#!/usr/bin/env bash
# Benchmark of issue 12: a shared repository with 20 linked apps. (1) a push that changes one
# app's dir: how long the decision for all 20 takes, and how many deploys follow; (2) a push that
# changes lib/, watched by 5 apps: wall time with the 5 deployed in parallel against the same 5
# one after another (repos:set parallel 1); (3) disk of the shared repository against 20 copies.
# Usage: scripts/bench-repos.sh [RUNS]   Writes its section of docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
source scripts/lib/common.sh
bin=$(release_bin_dir paas paas-pre-receive)
work=$(mktemp -d /tmp/paas-bench-repos.XXXXXX)
label="paas.test=bench-repos-$$"
cleanup() {
  docker ps -aq --filter "label=$label" | xargs -r docker rm -f >/dev/null
  docker images -q --filter "reference=paas/benchr*" | sort -u | xargs -r docker rmi -f >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
export PAAS_ROOT=$work/root PAAS_BIN_DIR=$bin
mkdir -p "$PAAS_ROOT"
printf '{"domain":"bench.test","labels":{"paas.test":"bench-repos-%s"}}\n' "$$" >"$PAAS_ROOT/settings.json"
median() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.1f", m}'; }
commit() { git -C "$src" add -A && git -C "$src" -c user.name=b -c user.email=b@b commit -qm "$1"; }
# A push as git makes it on the host: the hook finds the shared repository by its directory.
push() { git -C "$src" push -q "$PAAS_ROOT/repos/benchmono.git" main 2>"$work/push.log" \
  || { echo "push failed:"; cat "$work/push.log"; exit 1; }; }

apps=(); for i in $(seq -w 1 20); do apps+=("benchr$i"); done
src=$work/src; mkdir -p "$src/lib"
for app in "${apps[@]}"; do
  mkdir -p "$src/services/$app/www"
  printf 'FROM paas/busybox:latest\nCOPY www /www\nCMD ["httpd","-f","-p","5000","-h","/www"]\n' >"$src/services/$app/Dockerfile"
  echo "$app v1" >"$src/services/$app/www/index.html"
  # Some source per service, so that the repository's size means something.
  head -c 200000 /dev/urandom | base64 >"$src/services/$app/www/data.txt"
done
head -c 300000 /dev/urandom | base64 >"$src/lib/shared.txt"
git -C "$src" init -qb main; commit v1
"$bin/paas" repos:create benchmono 2>/dev/null
"$bin/paas" repos:set benchmono parallel 2 2>/dev/null
for i in "${!apps[@]}"; do
  app=${apps[$i]}
  "$bin/paas" apps:create "$app" >/dev/null
  "$bin/paas" checks:set "$app" settle 0 2>/dev/null
  if [ "$i" -lt 5 ]; then watch=(--watch lib); else watch=(); fi
  "$bin/paas" repos:link benchmono "$app" --path "services/$app" "${watch[@]}" 2>/dev/null
done
push
grep -q "20 deployed, 0 failed" "$work/push.log" || { echo "the first push did not deploy all 20:"; tail -30 "$work/push.log"; exit 1; }

# (1) one app's dir changes
decide_ms=(); deploys=()
for r in $(seq "$runs"); do
  echo "benchr07 run $r" >"$src/services/benchr07/www/index.html"; commit "one dir $r"; push
  decide_ms+=($(grep -o 'decided in [0-9]* ms' "$work/push.log" | grep -o '[0-9]*'))
  deploys+=($(grep -o '[0-9]* of 20 linked app(s) to deploy' "$work/push.log" | grep -o '^[0-9]*'))
done
decide=$(printf '%s\n' "${decide_ms[@]}" | median)
deploys_seen=$(printf '%s\n' "${deploys[@]}" | sort -u | tr '\n' ' ')

# (2) lib/ changes, watched by 5 apps: in parallel (5 at once) and one after another
par_s=(); seq_s=()
for r in $(seq "$runs"); do
  for mode in 5 1; do
    "$bin/paas" repos:set benchmono parallel "$mode" 2>/dev/null
    echo "lib $r $mode" >>"$src/lib/shared.txt"; commit "lib $r $mode"
    s=$(date +%s%N); push; e=$(date +%s%N)
    grep -q "5 deployed, 0 failed" "$work/push.log" || { echo "the lib push did not deploy 5:"; tail -30 "$work/push.log"; exit 1; }
    ms=$(( (e - s) / 1000000 ))
    if [ "$mode" = 5 ]; then par_s+=("$ms"); else seq_s+=("$ms"); fi
  done
done
par=$(printf '%s\n' "${par_s[@]}" | awk '{print $1/1000}' | median)
seq=$(printf '%s\n' "${seq_s[@]}" | awk '{print $1/1000}' | median)

# (3) disk: the shared repository against 20 per-app copies of the same history, stored the way
# paas stores an app's repository (a bare repository with receive.unpackLimit at its maximum).
shared_kb=$(du -sk "$PAAS_ROOT/repos/benchmono.git" | cut -f1)
copy=$work/copy.git; git init -q --bare "$copy"; git -C "$copy" config receive.unpackLimit 2147483647
git -C "$src" push -q "$copy" main 2>/dev/null
copy_kb=$(du -sk "$copy" | cut -f1)
copies_kb=$(( copy_kb * 20 ))

date=$(date -u +%Y-%m-%d)
section=$(cat <<MD
## Shared repositories (issue 12) — \`scripts/bench-repos.sh\`

Measured $date by \`scripts/bench-repos.sh $runs\` on this 2-core machine (shared with other
builds while it ran), release build, 20 busybox apps linked to one repository, pushed on the
host (the hook as git runs it; no ssh).

| what | median of $runs |
| --- | --- |
| decision for all 20 linked apps when one app's dir changed (tree ids only; "decided in" of the push) | $decide ms |
| deploys that followed, per push | $deploys_seen|
| push changing \`lib/\`, watched by 5 apps, 5 at once (\`repos:set parallel 5\`) | $par s |
| the same push, one app after another (\`repos:set parallel 1\`) | $seq s |

Target: the decision within 50 ms, 1 deploy. Disk of the repository's history (20 services
with ~270 KB each, a 400 KB lib, $(( runs * 3 + 1 )) commits):

| storage | KB |
| --- | --- |
| the shared repository (\`du -sk repos/benchmono.git\`) | $shared_kb |
| 20 per-app copies of the same history (one copy × 20) | $copies_kb |
MD
)
python3 - "$section" <<'PY'
import re, sys
path = "docs/benchmarks.md"
text = open(path).read()
section = sys.argv[1].rstrip() + "\n"
start = text.find("## Shared repositories (issue 12)")
if start >= 0:
    end = text.find("\n## ", start + 1)
    text = text[:start] + section + ("" if end < 0 else text[end:])
else:
    text = text.rstrip() + "\n\n" + section
open(path, "w").write(text)
PY
echo "$section"
