# shellcheck shell=bash
# Load tooling: 'ops/concord seed' (io.concord.seed.SeedMain in ops/seed) and the Gatling smoke run
# of 'ops/concord test' (the ops/load simulations at a tiny size against freshly started services).

# The simulations the smoke run executes.
SMOKE_SIMULATIONS=(
  io.concord.load.ConnectStormSimulation
  io.concord.load.SmallGuildsChatSimulation
  io.concord.load.LargeGuildSimulation
  io.concord.load.HistoryScrollSimulation
  io.concord.load.ReadStateAckSimulation
)

seed_classpath() {
  printf '%s/ops/seed/target/seed.jar:%s/ops/seed/target/lib/*' "$REPO_ROOT" "$REPO_ROOT"
}

build_seed() {
  info "Building the seeder: mvn -B -q -DskipTests -pl ops/seed -am package (JDK $BUILD_JAVA_HOME)"
  (cd "$REPO_ROOT" && run_mvn -B -q -DskipTests -pl ops/seed -am package) ||
    die "The Maven build of ops/seed failed (see the output above)."
}

# run_seed <default out dir> [SeedMain options...]: runs the seeder with the environment exported
# by the caller (POSTGRES_*, CQL_*, TOKEN_SECRET); --out defaults to <default out dir>.
run_seed() {
  local out="$1"
  shift
  local args=("$@") a has_out=""
  for a in "${args[@]}"; do
    case "$a" in --out | --out=*) has_out=1 ;; esac
  done
  if [[ -z "$has_out" ]]; then args+=(--out "$out"); fi
  [[ -f "$REPO_ROOT/ops/seed/target/seed.jar" ]] ||
    die "ops/seed/target/seed.jar is missing." "Build it: ops/concord seed without CONCORD_SKIP_BUILD=1, or ops/concord up."
  local jvm=(-Xmx1g --enable-native-access=ALL-UNNAMED)
  # The CQL driver's shaded Guava uses sun.misc.Unsafe, which JDK 23+ warns about.
  if (($(java_major "$BUILD_JAVA_HOME") >= 23)); then jvm+=(--sun-misc-unsafe-memory-access=allow); fi
  (cd "$REPO_ROOT" && "$BUILD_JAVA_HOME/bin/java" "${jvm[@]}" -cp "$(seed_classpath)" io.concord.seed.SeedMain "${args[@]}")
}

# The environment the seeder writes with: the stack's (concord.env), or a file naming another
# deployment's stores and TOKEN_SECRET (a remote Concord).
load_seed_env_file() {
  local file="$1" key
  [[ -r "$file" ]] || die "Cannot read the environment file $file."
  set -a
  # shellcheck disable=SC1090 # a concord.env-style file chosen by the operator
  . "$file"
  set +a
  for key in POSTGRES_URL TOKEN_SECRET; do
    [[ -n "${!key:-}" ]] || die "$file does not set $key." \
      "It needs POSTGRES_URL, POSTGRES_USER, POSTGRES_PASSWORD, CQL_CONTACT_POINTS, CQL_LOCAL_DC, CQL_KEYSPACE and the deployment's TOKEN_SECRET."
  done
}

# ops/concord seed [--env-file <file>] [SeedMain options]
cmd_seed() {
  local env_file="" args=()
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --env-file)
        [[ $# -ge 2 ]] || die "--env-file needs a file."
        env_file="$2"
        shift 2
        ;;
      --env-file=*)
        env_file="${1#--env-file=}"
        shift
        ;;
      -h | --help)
        seed_usage
        return 0
        ;;
      *)
        args+=("$1")
        shift
        ;;
    esac
  done
  find_build_jdk
  if [[ -n "$env_file" ]]; then
    load_seed_env_file "$env_file"
    info "Seeding the stores named in $env_file"
  else
    ensure_secrets
    local port
    # shellcheck disable=SC2153 # PG_PORT and CQL_PORT are set by select_stack
    for port in "$PG_PORT" "$CQL_PORT"; do
      port_open "$port" ||
        die "Nothing answers on 127.0.0.1:$port (PostgreSQL $PG_PORT, CQL $CQL_PORT of the $STACK stack)." \
          "Start the stack first: ops/concord up (or infra-up), or seed a remote Concord with --env-file <file>."
    done
    export_concord_env
    info "Seeding the $STACK stack (postgres 127.0.0.1:$PG_PORT, cassandra 127.0.0.1:$CQL_PORT)"
  fi
  if [[ "${CONCORD_SKIP_BUILD:-}" != "1" ]]; then build_seed; fi
  run_seed "$BASE_STATE_DIR/load" "${args[@]}"
  local api="http://127.0.0.1:${API_PORT}/api/v10"
  if [[ -n "$env_file" ]]; then api="<that Concord's REST base, e.g. https://host/api/v10>"; fi
  cat <<EOF

Run a scenario against it (each prints its parameters; the HTML report lands in
ops/load/target/gatling/<simulation>-<timestamp>/index.html; add -DseedDir=<dir> if you used --out):
  mvn -pl ops/load gatling:test -Dgatling.simulationClass=io.concord.load.ConnectStormSimulation -DapiUrl=$api
  (SmallGuildsChatSimulation, LargeGuildSimulation, HistoryScrollSimulation, ReadStateAckSimulation: see README.md, "Load testing")
EOF
}

seed_usage() {
  cat <<'EOF'
Usage: ops/concord seed [--env-file <file>] [options]

Creates load-test users (with access tokens), small guilds with a text channel each, optionally one
large guild, bots (application, token, managed role), stored messages for history, straight in
PostgreSQL and the CQL store, and writes the feeder files of ops/load (seed-*.csv) to
<state>/load (--out). Without --env-file it writes to the dev stack (ops/concord up); with it, to the
stores and TOKEN_SECRET that file names (POSTGRES_URL, POSTGRES_USER, POSTGRES_PASSWORD,
CQL_CONTACT_POINTS, CQL_LOCAL_DC, CQL_KEYSPACE, TOKEN_SECRET: a remote Concord's).
CONCORD_SKIP_BUILD=1 uses the existing ops/seed/target/seed.jar.

EOF
  if [[ -f "$REPO_ROOT/ops/seed/target/seed.jar" ]]; then
    find_build_jdk
    "$BUILD_JAVA_HOME/bin/java" -cp "$(seed_classpath)" io.concord.seed.SeedMain --help
  else
    echo "(build ops/seed to list the options: they are in ops/seed/.../SeedPlan.java)"
  fi
}

# True when 'ops/concord test' should run the smoke run after 'mvn verify'.
load_smoke_wanted() {
  case "${CONCORD_LOAD_SMOKE:-}" in
    0 | false | no) return 1 ;;
    1 | true | yes) return 0 ;;
  esac
  # By default only after a full 'mvn verify' (no extra Maven arguments): a partial build
  # (-pl ...) may not have packaged the services.
  (($# == 0))
}

# The smoke run, on the test stack whose servers are up: start the five services (test ports, own
# Redis database), seed a tiny dataset, run the simulations at a tiny size, stop the services.
# Returns Maven's exit code (non-zero when a Gatling assertion failed).
load_smoke() {
  local started=$SECONDS
  info "Load smoke run: services on the test stack, a tiny seed, ${#SMOKE_SIMULATIONS[@]} Gatling simulations (skip with CONCORD_LOAD_SMOKE=0)"
  # Read by services.sh (services_up, launch_service): the test stack's service ports.
  # shellcheck disable=SC2034
  API_PORT="${TEST_API_PORT:-18080}"
  # shellcheck disable=SC2034
  WS_PORT="${TEST_WS_PORT:-18081}"
  # shellcheck disable=SC2034
  API_ADMIN_PORT="${TEST_API_ADMIN_PORT:-19091}"
  # shellcheck disable=SC2034
  WS_ADMIN_PORT="${TEST_WS_ADMIN_PORT:-19092}"
  # shellcheck disable=SC2034
  FANOUT_ADMIN_PORT="${TEST_FANOUT_ADMIN_PORT:-19093}"
  # shellcheck disable=SC2034
  READSTATE_ADMIN_PORT="${TEST_READSTATE_ADMIN_PORT:-19094}"
  # shellcheck disable=SC2034
  SEARCH_ADMIN_PORT="${TEST_SEARCH_ADMIN_PORT:-19095}"
  # Redis database 1: the tests' gateway registry and streams (database 0) are not the smoke's.
  export REDIS_URL="redis://127.0.0.1:$REDIS_PORT/1"
  export WS_HEARTBEAT_INTERVAL_MS=2000 WS_DRAIN_DEADLINE_SECONDS=5
  LOAD_SMOKE_SERVICES=1
  WS_NODES=1 CONCORD_SKIP_BUILD=1 services_up

  local seed_dir="$STATE_DIR/load"
  info "Seeding a tiny dataset into the test stack ($seed_dir)"
  run_seed "$seed_dir" --users 64 --guild-size 8 --large-guild-members 40 --bots 1 --bot-guilds 2 \
    --history-channels 2 --history-messages 120 --node-id 1000 >"$STATE_DIR/logs/seed.log" 2>&1 || {
    cat "$STATE_DIR/logs/seed.log" >&2
    die "Seeding the smoke run failed (log: $STATE_DIR/logs/seed.log)."
  }
  grep '^Seeded' "$STATE_DIR/logs/seed.log" | sed 's/^/    /'

  local includes mvn_args=(-B -q)
  includes="$(IFS=,; echo "${SMOKE_SIMULATIONS[*]}")"
  if is_ci; then mvn_args+=(--no-transfer-progress); fi
  # Tiny sizes, seconds each. Thresholds: no KO at all; latencies loose, as this machine is shared.
  local params=(
    -DapiUrl="http://127.0.0.1:$API_PORT/api/v10" -DseedDir="$seed_dir"
    -DmaxErrorPercent=0 -DrampSeconds=2 -DwarmupSeconds=2 -DdurationSeconds=5 -DgraceSeconds=3
    -Dsessions=20 -Dheartbeats=2
    -Dguilds=4 -DmessagesPerSecond=4 -DbotSessions=1
    -Donline=30
    -Dscrollers=6 -Dpages=4 -DpageIntervalMs=100
    -Dusers=6 -DackIntervalMs=500 -DackP99Ms=5000
    -DgatewayP99Ms=5000 -DhelloP99Ms=5000 -DreadyP99Ms=10000 -DheartbeatAckP99Ms=5000
    -DsendP99Ms=5000 -DdeliveryP99Ms=5000 -DbotDeliveryP99Ms=5000 -DnewestP99Ms=5000 -DbeforeP99Ms=5000
  )
  info "Running: mvn -pl ops/load gatling:test (${SMOKE_SIMULATIONS[*]##*.})"
  local rc=0
  (cd "$REPO_ROOT" && run_mvn "${mvn_args[@]}" -pl ops/load gatling:test -Dgatling.runMultipleSimulations=true \
    -Dgatling.includes="$includes" -Dgatling.continueOnAssertionFailure=true "${params[@]}") || rc=$?

  services_down
  # shellcheck disable=SC2034 # read by test_cleanup in ops/concord
  LOAD_SMOKE_SERVICES=""
  local report
  for report in "$REPO_ROOT"/ops/load/target/gatling/*/index.html; do
    [[ -f "$report" && "$report" -nt "$STATE_DIR/logs/seed.log" ]] && note "report: $report"
  done
  if ((rc == 0)); then
    info "Load smoke run passed in $((SECONDS - started)) s"
  else
    info "Load smoke run FAILED (exit code $rc) after $((SECONDS - started)) s: a Gatling assertion failed or a simulation crashed (output above); service logs: $STATE_DIR/logs"
  fi
  return "$rc"
}
