#!/usr/bin/env bash
# Zero-downtime proof under load (issue 5): builds paas, then runs RolloutBenchmark, which sets
# up its own state root, nginx and sshd (PaasHarness), puts a steady loopback load through
# nginx (scripts/loadgen.py) and runs 20 deploys back to back: alternating two versions, 3 with
# a failing health check, 2 interrupted with SIGINT. The figures go to $PAAS_BENCH_OUT.
#
#   scripts/bench-zero-downtime.sh              200 req/s, report in /tmp/paas-bench-zero-downtime.md
#   PAAS_BENCH_RATE=100 PAAS_BENCH_OUT=x.md scripts/bench-zero-downtime.sh
#
# Needs what the end-to-end tests need: dockerd, nginx-light, openssh-server, git, python3 and
# the paas/busybox:latest image (scripts/make-base-images.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
export PAAS_BENCH=1
export PAAS_BENCH_RATE=${PAAS_BENCH_RATE:-200}
export PAAS_BENCH_OUT=${PAAS_BENCH_OUT:-/tmp/paas-bench-zero-downtime.md}
scripts/make-base-images.sh >/dev/null
swift build --build-tests
swift test --skip-build --filter 'EndToEndTests.RolloutBenchmark'
echo "report: $PAAS_BENCH_OUT"
cat "$PAAS_BENCH_OUT"
