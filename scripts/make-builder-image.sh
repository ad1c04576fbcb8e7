#!/usr/bin/env bash
# Makes paas's Python builder image, paas/builder-python:latest, FROM the local
# paas/python:bookworm (scripts/make-base-images.sh --python makes that). Made only when missing.
#
#   scripts/make-builder-image.sh [--force]
#
# The image follows the builder contract of docs/builders.md: /workspace and /cache exist,
# label paas.builder.build names the build command, paas.builder.start the start command,
# paas.builder.env the runtime environment.
set -euo pipefail
. "$(dirname "$0")/lib/common.sh"

IMAGE=paas/builder-python:latest
BASE=paas/python:bookworm

force=false
for arg in "$@"; do
    case "$arg" in
    --force) force=true ;;
    -h | --help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option '$arg'; expected --force" ;;
    esac
done

command -v docker >/dev/null || die "the docker client is missing; install docker.io"
docker_answers || die "the Docker Engine does not answer on $DOCKER_SOCK; start dockerd first"
if ! $force && docker image inspect "$IMAGE" >/dev/null 2>&1; then
    info "$IMAGE exists"
    exit 0
fi
docker image inspect "$BASE" >/dev/null 2>&1 || die "$BASE is missing; run scripts/make-base-images.sh --python first"

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
mkdir -p "$dir/builder"

cat >"$dir/builder/build" <<'SH'
#!/bin/sh
# paas builder-python: byte-compiles the app in /workspace; keeps a build counter in /cache.
set -eu
cd /workspace
echo "Python builder on $(python3 --version 2>&1)"
count=0
if [ -f /cache/builds ]; then count=$(cat /cache/builds); fi
count=$((count + 1))
echo "$count" >/cache/builds
echo "Build cache: build number $count with this app's cache"
files=$(find . -name '*.py' | wc -l)
echo "Byte-compiling $files Python file(s)"
python3 -m compileall -q .
if [ -f requirements.txt ]; then
    echo "requirements.txt found: this builder installs no packages (no package index is reachable)"
fi
echo "Build finished"
SH

cat >"$dir/builder/start" <<'SH'
#!/bin/sh
# paas builder-python: runs the app when its Procfile has no web process.
cd /workspace
for main in app.py main.py server.py; do
    if [ -f "$main" ]; then exec python3 "$main"; fi
done
echo "nothing to start: add a Procfile with 'web: ...' or an app.py" >&2
exit 1
SH
chmod 755 "$dir/builder/build" "$dir/builder/start"

cat >"$dir/Dockerfile" <<EOF2
FROM $BASE
COPY builder/ /builder/
RUN mkdir -p /workspace /cache
WORKDIR /workspace
LABEL paas.builder.build=/builder/build \\
      paas.builder.start=/builder/start \\
      paas.builder.env=PYTHONUNBUFFERED=1
CMD ["/builder/build"]
EOF2

info "building $IMAGE from $BASE"
DOCKER_BUILDKIT=0 docker build -q -t "$IMAGE" "$dir" >/dev/null
info "made $IMAGE"
