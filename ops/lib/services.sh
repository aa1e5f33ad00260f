# shellcheck shell=bash
# The five Concord services: build, migrate, start, wait for /readyz, stop.

# The five modules; a module may run as several instances (WS_NODES=n ws-nodes).
SERVICES=(api-node ws-node fanout-worker readstate-worker search-indexer)

# ws-node instance i (1-based): 'ws-node' (NODE_ID 2, WS_PORT, WS_ADMIN_PORT) for i=1, else
# 'ws-node-<i>' with NODE_ID 20+i, port WS_PORT+i-1 and admin port WS_ADMIN_PORT+100*(i-1).
ws_node_index() {
  case "$1" in
    ws-node) echo 1 ;;
    ws-node-*) echo "${1#ws-node-}" ;;
  esac
}

ws_node_count() {
  local n="${WS_NODES:-1}"
  [[ "$n" =~ ^[1-9][0-9]?$ ]] || die "WS_NODES must be a number from 1 to 99, not '$n'."
  echo "$n"
}

# The service instances, in start order: 'up' starts WS_NODES ws-nodes; with 'all', ws-nodes
# recorded by an earlier 'up' with a larger WS_NODES are listed too (for status and down).
service_instances() {
  local n i f
  n="$(ws_node_count)"
  if [[ "${1:-}" == "all" ]]; then
    for f in "$STATE_DIR"/pids/ws-node-*.pid; do
      [[ -e "$f" ]] || continue
      i="${f##*/ws-node-}"
      i="${i%.pid}"
      if [[ "$i" =~ ^[0-9]+$ ]] && ((i > n)); then n="$i"; fi
    done
  fi
  echo api-node
  echo ws-node
  for ((i = 2; i <= n; i++)); do echo "ws-node-$i"; done
  printf '%s\n' fanout-worker readstate-worker search-indexer
}

# The module (jar, main class) an instance runs.
service_module() {
  case "$1" in
    ws-node-*) echo ws-node ;;
    *) echo "$1" ;;
  esac
}

service_main() {
  case "$(service_module "$1")" in
    api-node) echo io.concord.api.Main ;;
    ws-node) echo io.concord.ws.Main ;;
    fanout-worker) echo io.concord.fanout.Main ;;
    readstate-worker) echo io.concord.readstate.Main ;;
    search-indexer) echo io.concord.search.Main ;;
  esac
}

service_admin_port() {
  case "$1" in
    api-node) echo "$API_ADMIN_PORT" ;;
    ws-node | ws-node-*) echo $((WS_ADMIN_PORT + 100 * ($(ws_node_index "$1") - 1))) ;;
    fanout-worker) echo "$FANOUT_ADMIN_PORT" ;;
    readstate-worker) echo "$READSTATE_ADMIN_PORT" ;;
    search-indexer) echo "$SEARCH_ADMIN_PORT" ;;
  esac
}

service_node_id() {
  case "$1" in
    api-node) echo 1 ;;
    ws-node) echo 2 ;;
    ws-node-*) echo $((20 + $(ws_node_index "$1"))) ;;
    fanout-worker) echo 3 ;;
    readstate-worker) echo 4 ;;
    search-indexer) echo 5 ;;
  esac
}

# The public port of a service, if it has one besides its admin port.
service_public_port() {
  case "$1" in
    api-node) echo "$API_PORT" ;;
    ws-node | ws-node-*) echo $((WS_PORT + $(ws_node_index "$1") - 1)) ;;
    *) echo "" ;;
  esac
}

service_classpath() {
  set -- "$(service_module "$1")"
  printf '%s/%s/target/%s.jar:%s/%s/target/lib/*' "$REPO_ROOT" "$1" "$1" "$REPO_ROOT" "$1"
}

ready_service() {
  local port
  port="$(service_admin_port "$1")"
  [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$port/readyz" 2>/dev/null)" == "200" ]]
}

# up | starting | down | foreign
service_state() {
  local name="$1" pid
  pid="$(read_pid "$name")"
  if pid_alive "$pid"; then
    if ready_service "$name"; then echo up; else echo starting; fi
  elif port_open "$(service_admin_port "$name")"; then
    echo foreign
  else
    echo down
  fi
}

build_java() {
  info "Building: mvn -B -q -DskipTests package (JDK $BUILD_JAVA_HOME)"
  (cd "$REPO_ROOT" && run_mvn -B -q -DskipTests package) ||
    die "The Maven build failed (see the output above)." \
      "Fix the build, then run ops/concord up again (the infrastructure keeps running)."
  local name
  for name in common "${SERVICES[@]}"; do
    [[ -f "$REPO_ROOT/$name/target/$name.jar" ]] ||
      die "The build did not produce $name/target/$name.jar." \
        "The parent pom must package every module as <module>/target/<module>.jar with its dependencies in <module>/target/lib/."
  done
}

run_migrations() {
  info "Migrating: io.concord.common.store.MigrateMain (Postgres + CQL schema)"
  mkdir -p "$STATE_DIR/logs"
  if ! (cd "$REPO_ROOT" && "$BUILD_JAVA_HOME/bin/java" -cp "$(service_classpath common)" \
    io.concord.common.store.MigrateMain) >"$(log_file migrate)" 2>&1; then
    print_log_tail migrate
    die "Migrations failed (see the log above; full log: $(log_file migrate))." \
      "Fix the migration, then run ops/concord up again."
  fi
}

# The services' JVM flags; the latency benchmark (ops/bench, -Dmode=latency) starts its servers with
# the same ones by default.
CONCORD_SERVICE_JVM_FLAGS="-XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Xms512m -Xmx512m -XX:+AlwaysPreTouch"

# Starts one service in the background with its own environment.
launch_service() {
  local name="$1"
  local env_vars=(
    "ADMIN_PORT=$(service_admin_port "$name")"
    "NODE_ID=$(service_node_id "$name")"
  )
  case "$name" in
    api-node) env_vars+=("API_PORT=$API_PORT") ;;
    ws-node | ws-node-*)
      local ws_port
      ws_port="$(service_public_port "$name")"
      env_vars+=("WS_PORT=$ws_port" "WS_PUBLIC_URL=ws://127.0.0.1:$ws_port")
      ;;
  esac
  # G1 with a 20 ms pause goal on a fixed, pre-touched heap: on the 2-core reference machine this gave
  # the lowest delivery tail (docs/benchmarks.md, "End-to-end delivery latency"); ZGC and a growing G1
  # heap both did worse there. CONCORD_JAVA_OPTS comes last, so it overrides any of these.
  # shellcheck disable=SC2206 # CONCORD_JAVA_OPTS is a list of JVM flags.
  local jvm_opts=(${CONCORD_SERVICE_JVM_FLAGS} ${CONCORD_JAVA_OPTS:-})
  spawn "$name" "$REPO_ROOT" env "${env_vars[@]}" \
    "$BUILD_JAVA_HOME/bin/java" "${jvm_opts[@]}" \
    -cp "$(service_classpath "$name")" "$(service_main "$name")"
}

# Builds, migrates and starts the services that are not running, then waits
# for their /readyz. Running services are left alone, and then nothing is
# rebuilt (replacing jars under a running JVM breaks it).
services_up() {
  local name state running=() missing=() instances=()
  mapfile -t instances < <(service_instances)
  for name in "${instances[@]}"; do
    state="$(service_state "$name")"
    case "$state" in
      up | starting) running+=("$name") ;;
      foreign)
        die "Admin port $(service_admin_port "$name") of $name is in use by a process that ops/concord did not start." \
          "Stop that process, or choose other ports (API_ADMIN_PORT, WS_ADMIN_PORT (ws-node-<i>: +100*(i-1)), FANOUT_ADMIN_PORT, READSTATE_ADMIN_PORT, SEARCH_ADMIN_PORT)."
        ;;
      down) missing+=("$name") ;;
    esac
  done

  if ((${#missing[@]} == 0)); then
    info "Services: all running, nothing to build or start (use 'ops/concord restart' to rebuild)"
  elif ((${#running[@]} > 0)) || [[ "${CONCORD_SKIP_BUILD:-}" == "1" ]]; then
    if ((${#running[@]} > 0)); then
      warn "Some services are running (${running[*]}): not rebuilding; starting the others from the existing jars. Use 'ops/concord restart' to rebuild all."
    fi
    run_migrations
  else
    build_java
    run_migrations
  fi

  local public_port
  for name in "${missing[@]}"; do
    public_port="$(service_public_port "$name")"
    if [[ -n "$public_port" ]] && port_open "$public_port"; then
      die "Port $public_port for $name is in use by a process that ops/concord did not start." \
        "Stop that process, or choose another port (API_PORT / WS_PORT)."
    fi
    rotate_log "$name"
    launch_service "$name"
    note "$(printf '%-16s started (pid %s, admin port %s)' "$name" "$(read_pid "$name")" "$(service_admin_port "$name")")"
  done
  for name in "${instances[@]}"; do
    wait_until "$name" "$(read_pid "$name")" "${CONCORD_READY_TIMEOUT:-90}" ready_service "$name"
    note "$(printf '%-16s ready' "$name")"
  done
}

services_down() {
  info "Stopping services"
  local name instances=() ws_nodes=()
  mapfile -t instances < <(service_instances all)
  # The API first (no new writes), then the gateways (each drains its sessions, up to
  # WS_DRAIN_DEADLINE_SECONDS, all at once), then the workers.
  for name in "${instances[@]}"; do
    case "$name" in
      ws-node | ws-node-*) ws_nodes+=("$name") ;;
      *)
        if ((${#ws_nodes[@]} > 0)); then
          stop_ws_nodes "${ws_nodes[@]}"
          ws_nodes=()
        fi
        stop_by_pid "$name" TERM 30
        ;;
    esac
  done
}

# SIGTERM to every ws-node at once, then wait for each; KILL after the drain deadline plus a margin.
stop_ws_nodes() {
  local name timeout=$((${WS_DRAIN_DEADLINE_SECONDS:-25} + 15)) pids=() out
  out="$(mktemp -d)"
  for name in "$@"; do
    stop_by_pid "$name" TERM "$timeout" >"$out/$name" 2>&1 &
    pids+=($!)
  done
  wait "${pids[@]}" || true
  # Each one's progress line, whole, once all have stopped.
  for name in "$@"; do cat "$out/$name"; done
  rm -rf "$out"
}
