#!/usr/bin/env bash
# Fanout benchmarks: deliveries per ws-node core vs a bare Jetty broadcast (-Dmode=throughput, default),
# POST-to-frame latency at rising rates (-Dmode=latency), and read-on-demand savings in a large guild
# (-Dmode=large). Real ws-node, fanout-worker and (latency) api-node processes; results in docs/benchmarks.md.
# Usage: ops/bench/run-fanout.sh [-Dname=value ...]   (every parameter and its default is printed first)
# e.g.   ops/bench/run-fanout.sh -Dsessions=2000 -Dseconds=5          (small, for development)
#        ops/bench/run-fanout.sh -Dmode=latency -DlatRates=10,50,100
# Builds ops/bench and what it depends on (offline, no install), then runs io.concord.bench.fanout.FanoutBench.
# Skip the build with SKIP_BUILD=1. Needs Redis, PostgreSQL (database of -DpostgresUrl) and, for latency, Cassandra up.
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  mvn -o -q -pl ops/bench -am package -DskipTests
fi
cp="ops/bench/target/bench.jar:$(ls ops/bench/target/lib/*.jar | tr '\n' ':')"
echo "# ulimit -n: $(ulimit -n)   (each server and client process needs one fd per socket)"
exec "$JAVA_HOME/bin/java" -Xmx1g -cp "$cp" "$@" io.concord.bench.fanout.FanoutBench
