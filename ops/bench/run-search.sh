#!/usr/bin/env bash
# Search benchmark: 1M messages from the guild stream to searchable by a real search-indexer (documents/s,
# per indexer and Meilisearch CPU-second), then GET /guilds/{g}/messages/search on a real api-node as a
# member who can read 10 of 200 channels (the permission filter) and as the owner (all 200), and the same
# queries straight against Meilisearch with and without the channel filter. Results: docs/benchmarks.md
# "Search: indexing and permission-filtered queries".
# Usage: ops/bench/run-search.sh [-Dname=value ...]   (every parameter and its default is printed first)
# e.g.   ops/bench/run-search.sh -Dmessages=20000 -Drounds=1      (small, for development)
# Needs Redis, PostgreSQL, Cassandra and Meilisearch up (ops/concord infra-up). MEILI_URL and MEILI_MASTER_KEY
# come from the environment, else from .concord/secrets.env of this checkout or of $CONCORD_HOME (e.g. /work/main).
# Builds ops/bench and what it depends on (offline, no install); skip with SKIP_BUILD=1.
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
if [[ -z "${MEILI_MASTER_KEY:-}" ]]; then
  for f in .concord/secrets.env "${CONCORD_HOME:-.}/.concord/secrets.env"; do
    if [[ -r "$f" ]]; then MEILI_MASTER_KEY="$(sed -n 's/^MEILI_MASTER_KEY=//p' "$f")"; break; fi
  done
fi
export MEILI_URL="${MEILI_URL:-http://127.0.0.1:7700}" MEILI_MASTER_KEY="${MEILI_MASTER_KEY:-}"
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  mvn -o -q -pl ops/bench -am package -DskipTests
fi
cp="ops/bench/target/bench.jar:$(ls ops/bench/target/lib/*.jar | tr '\n' ':')"
exec "$JAVA_HOME/bin/java" -Xmx2g -cp "$cp" "$@" io.concord.bench.search.SearchBench
