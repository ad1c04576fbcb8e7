#!/bin/sh
# Micro-benchmark of plugin dispatch: 50 enabled plugins, 5 of which declare post-deploy.
# Times firing post-deploy through PaasPlugins against 5 bare `sh -c true` starts.
# Usage: scripts/bench-plugins.sh [ROUNDS]   (builds the test target if needed)
set -eu
cd "$(dirname "$0")/.."
rounds=${1:-20}
swift build --build-tests >/dev/null
PAAS_BENCH_ROUNDS=$rounds swift test --skip-build --filter PluginBenchmarkTests 2>&1 | grep -E '^bench|error|failed' || true
