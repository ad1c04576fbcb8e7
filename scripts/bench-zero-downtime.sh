#!/usr/bin/env bash
# Zero-downtime proof under load, both proxies side by side (issue 10): builds paas, then runs
# ZeroDowntimeBenchmark, which for HAProxy and then nginx sets up its own state root, proxy and
# sshd (PaasHarness), puts the same loopback load through the proxy — keep-alive clients and
# new-connection clients (scripts/loadgen.py) — and runs 20 changes back to back: 10 pushes,
# 3 with a failing health check, 2 interrupted with SIGINT, 2 scale changes, 1 config change,
# 1 domain add, 1 certificate add. The figures go to $PAAS_BENCH_OUT (raw records beside it).
#
#   scripts/bench-zero-downtime.sh        600 + 400 req/s, report in /tmp/paas-bench-zero-downtime.md
#   PAAS_BENCH_KEEPALIVE_RATE=300 PAAS_BENCH_NEWCONN_RATE=200 PAAS_BENCH_OUT=x.md scripts/bench-zero-downtime.sh
#
# Needs what the end-to-end tests need: dockerd, haproxy, nginx-light, openssh-server, openssl,
# git, python3 and the paas/busybox:latest image (scripts/make-base-images.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
export PAAS_BENCH=1
export PAAS_BENCH_KEEPALIVE_RATE=${PAAS_BENCH_KEEPALIVE_RATE:-600}
export PAAS_BENCH_NEWCONN_RATE=${PAAS_BENCH_NEWCONN_RATE:-400}
export PAAS_BENCH_OUT=${PAAS_BENCH_OUT:-/tmp/paas-bench-zero-downtime.md}
scripts/make-base-images.sh >/dev/null
swift build --build-tests
# The product as installed: release binaries with the Swift runtime linked in (the test bundle
# that drives them stays a debug build).
source scripts/lib/common.sh
PAAS_BIN_DIR=$(release_bin_dir paas paas-pre-receive paas-haproxy paas-nginx)
export PAAS_BIN_DIR
swift test --skip-build --filter 'EndToEndTests.ZeroDowntimeBenchmark'
echo "report: $PAAS_BENCH_OUT"
cat "$PAAS_BENCH_OUT"
