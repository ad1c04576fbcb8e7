#!/usr/bin/env bash
# Swarm figures (issue 11), one host against three in the same run: builds paas, then runs
# SwarmBenchmark, which makes a swarm of this host (manager) and three simulated Docker hosts
# (dockerds in network namespaces: two app nodes and one accessory node), and measures for the
# same app with 3 replicas: push → every replica serving on docker-local and on docker-swarm,
# failed requests during the swarm's rolling updates under keep-alive and new-connection load,
# the time until every replica serves again after a node is lost, and the bytes each node
# received (image bytes from the registry, all bytes on its link).
#
#   scripts/bench-swarm.sh                   5 rounds, 500 + 500 req/s, report in /tmp/paas-bench-swarm.md
#   PAAS_BENCH_ROUNDS=9 PAAS_BENCH_RATE=200 PAAS_BENCH_OUT=x.md scripts/bench-swarm.sh
#
# HAProxy logs every request and server change (PAAS_TEST_HAPROXY_LOG=1) and paas prints timed
# lines (PAAS_TRACE=1): the report lists each request HAProxy did not plainly serve, and OUT.haproxy.log,
# OUT.supervisor.log and OUT.pushes.log (the swarm pushes' output and tasks) are kept beside it.
#
# Needs what the end-to-end tests need (scripts/test.sh installs it), docker-registry included,
# and a main dockerd that is in no swarm (the benchmark makes it a manager and leaves after).
set -euo pipefail
cd "$(dirname "$0")/.."
export PAAS_BENCH=1
export PAAS_BENCH_ROUNDS=${PAAS_BENCH_ROUNDS:-5}
export PAAS_BENCH_RATE=${PAAS_BENCH_RATE:-500}
export PAAS_BENCH_OUT=${PAAS_BENCH_OUT:-/tmp/paas-bench-swarm.md}
export PAAS_TEST_HAPROXY_LOG=${PAAS_TEST_HAPROXY_LOG:-1}
export PAAS_TRACE=${PAAS_TRACE:-1}
scripts/make-base-images.sh >/dev/null
swift build --build-tests
source scripts/lib/common.sh
PAAS_BIN_DIR=$(release_bin_dir paas paas-pre-receive paas-haproxy paas-nginx)
export PAAS_BIN_DIR
swift test --skip-build --filter 'EndToEndTests.SwarmBenchmark'
echo "report: $PAAS_BENCH_OUT"
cat "$PAAS_BENCH_OUT"
