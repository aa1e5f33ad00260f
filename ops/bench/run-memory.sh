#!/usr/bin/env bash
# Memory per idle gateway session: a real ws-node vs a bare Jetty WebSocket server, same run.
# Usage: ops/bench/run-memory.sh [-Dname=value ...]   (every parameter and its default is printed first)
# e.g.   ops/bench/run-memory.sh -Dloads=200,400,600,800 -Dcompress=zlib-stream
# Builds ops/bench and what it depends on (offline, no install), then runs io.concord.bench.memory.MemoryBench.
# Skip the build with SKIP_BUILD=1. Needs Redis and PostgreSQL up (ops/concord infra-up).
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  mvn -o -q -pl ops/bench -am package -DskipTests
fi
cp="ops/bench/target/bench.jar:$(ls ops/bench/target/lib/*.jar | tr '\n' ':')"
echo "# ulimit -n: $(ulimit -n)   (each server and client process needs one fd per socket)"
exec "$JAVA_HOME/bin/java" -Xmx1g -cp "$cp" "$@" io.concord.bench.memory.MemoryBench
