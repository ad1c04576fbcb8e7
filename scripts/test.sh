#!/usr/bin/env bash
# Runs paas's tests on this machine, installing and starting what they need first.
#
#   scripts/test.sh [swift test options, e.g. --filter EndToEndTests]
#
# Run as root on Debian 12 (CI runs it on a fresh machine with no daemon and no stdin).
# The tests start their own sshd, nginx and HAProxy on loopback ports; they need a running dockerd and
# the local base images, which this script makes once per machine. Swarm tests start extra dockerds
# in network namespaces (iproute2, iptables) and their own registry (docker-registry).
set -euo pipefail
REPO_ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$REPO_ROOT/scripts/lib/common.sh"

PACKAGES=(git openssh-server openssh-client docker.io nginx-light haproxy openssl libgit2-dev libcurl4-openssl-dev
    libsqlite3-dev busybox-static sudo curl ca-certificates procps wrk debootstrap docker-registry iproute2 iptables)

require_root
started=$(date +%s)

section "Packages"
apt_install_missing "${PACKAGES[@]}"

section "Docker Engine"
ensure_dockerd
disable_default_registry

section "Base images"
"$REPO_ROOT/scripts/make-base-images.sh" --python
"$REPO_ROOT/scripts/make-builder-image.sh"

section "sshd prerequisites"
ensure_sshd_prerequisites
info "/run/sshd and host keys are in place"

SWIFT=$(find_swift)
cd "$REPO_ROOT"

section "Build ($SWIFT build --build-tests)"
"$SWIFT" build --build-tests

section "Test ($SWIFT test $*)"
status=0
"$SWIFT" test "$@" </dev/null || status=$?

section "Done in $(($(date +%s) - started)) s"
if [ "$status" -ne 0 ]; then
    printf 'TESTS FAILED (swift test exited with %d)\n' "$status" >&2
    exit "$status"
fi
echo "all tests passed"
