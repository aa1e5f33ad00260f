#!/usr/bin/env bash
# Read-state benchmark: the readstate-worker draining acks and mentions mixed (updates/s, per CPU
# second, CQL writes after coalescing), the same updates written one by one, and READY's
# read_state load for a user in 200 channels. Results: docs/benchmarks.md "Read states".
# Usage: ops/bench/run-readstate.sh [-Dname=value ...]   (parameters and defaults are printed first)
# Needs the stores up with their environment exported (ops/concord infra-up; set -a; . .concord/concord.env).
# Builds ops/bench and what it depends on (offline, no install); skip with SKIP_BUILD=1.
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  mvn -o -q -pl ops/bench -am package -DskipTests
fi
cp="ops/bench/target/bench.jar:$(ls ops/bench/target/lib/*.jar | tr '\n' ':')"
exec "$JAVA_HOME/bin/java" -Xmx1g -cp "$cp" "$@" io.concord.bench.readstate.ReadStateBench
