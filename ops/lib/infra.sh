# shellcheck shell=bash
# The four servers of the local stack: Redis, PostgreSQL, Cassandra, Meilisearch.
# Each has launch_<server> (start in the background, record the pid) and
# ready_<server> (does it answer?). infra_up/infra_down drive them.
# Expects the stack variables set by select_stack in ops/concord.

INFRA_SERVERS=(redis postgres cassandra meilisearch)

infra_port() {
  case "$1" in
    redis) echo "$REDIS_PORT" ;;
    postgres) echo "$PG_PORT" ;;
    cassandra) echo "$CQL_PORT" ;;
    meilisearch) echo "$MEILI_PORT" ;;
  esac
}

infra_port_env() {
  case "$1" in
    redis) echo "${PORT_ENV_PREFIX}REDIS_PORT" ;;
    postgres) echo "${PORT_ENV_PREFIX}PG_PORT" ;;
    cassandra) echo "${PORT_ENV_PREFIX}CQL_PORT" ;;
    meilisearch) echo "${PORT_ENV_PREFIX}MEILI_PORT" ;;
  esac
}

# Seconds to wait for a server to answer after starting it.
infra_timeout() {
  case "$1" in
    cassandra) echo 180 ;;
    *) echo 60 ;;
  esac
}

# ---------------------------------------------------------------------------
# Redis
# ---------------------------------------------------------------------------

launch_redis() {
  local dir="$STATE_DIR/redis"
  mkdir -p "$dir"
  spawn redis "$dir" redis-server \
    --port "$REDIS_PORT" --bind 127.0.0.1 --protected-mode yes \
    --dir "$dir" --daemonize no --appendonly no
}

ready_redis() {
  [[ "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null)" == "PONG" ]]
}

# ---------------------------------------------------------------------------
# PostgreSQL
#
# PostgreSQL refuses to run as root. As root we run it as the 'postgres' OS user
# (runuser), and its data directory cannot live under the state dir: CI clones
# the repo into a mode-700 root-owned mktemp dir the postgres user cannot enter.
# So as root PG_HOME is /var/tmp/concord-pg-<hash of the state dir>, owned by
# postgres, and <state>/postgres is a symlink to it. As a normal user PG_HOME is
# <state>/postgres. PG_HOME holds data/ (the cluster) and run/ (unix socket).
# ---------------------------------------------------------------------------

pg_home() {
  if is_root; then
    local hash
    hash="$(printf '%s' "$STATE_DIR" | sha256sum | cut -c1-12)"
    printf '/var/tmp/concord-pg-%s' "$hash"
  else
    printf '%s/postgres' "$STATE_DIR"
  fi
}

# Runs a command as the OS user that owns the cluster.
as_pg_user() {
  if is_root; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# Creates PG_HOME and the cluster (initdb) when missing.
ensure_pg_cluster() {
  local home
  home="$(pg_home)"
  if is_root; then
    id postgres >/dev/null 2>&1 ||
      die "The 'postgres' OS user does not exist (PostgreSQL refuses to run as root, so we run it as 'postgres')." \
        "Reinstall the Debian package: apt-get install --reinstall postgresql-common"
    mkdir -p "$home/data" "$home/run"
    chown postgres:postgres "$home" "$home/data" "$home/run"
    chmod 700 "$home" "$home/data" "$home/run"
    if [[ ! -e "$STATE_DIR/postgres" ]]; then
      ln -s "$home" "$STATE_DIR/postgres"
    fi
  else
    mkdir -p "$home/data" "$home/run"
    chmod 700 "$home" "$home/data" "$home/run"
  fi
  if [[ ! -f "$home/data/PG_VERSION" ]]; then
    note "initdb $home/data"
    as_pg_user "$PG_BIN/initdb" -D "$home/data" -U postgres \
      --auth-local=trust --auth-host=scram-sha-256 \
      --encoding=UTF8 --no-locale >>"$(log_file postgres)" 2>&1 ||
      {
        print_log_tail postgres
        die "initdb of $home/data failed (see the log above)." \
          "Fix the cause, or delete $home/data and run ops/concord again."
      }
  fi
}

launch_postgres() {
  ensure_pg_cluster
  local home
  home="$(pg_home)"
  local args=(-D "$home/data" -p "$PG_PORT"
    -c listen_addresses=127.0.0.1
    -c "unix_socket_directories=$home/run"
    -c max_connections=200)
  if [[ "$STACK" == "test" ]]; then
    # Test data is thrown away: trade durability for speed.
    args+=(-c fsync=off -c synchronous_commit=off -c full_page_writes=off)
  fi
  if is_root; then
    spawn postgres "$home" runuser -u postgres -- "$PG_BIN/postgres" "${args[@]}"
  else
    spawn postgres "$home" "$PG_BIN/postgres" "${args[@]}"
  fi
}

ready_postgres() {
  "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT"
}

# Records the postmaster's own pid (as root the spawned pid is runuser's).
record_postgres_pid() {
  local file
  file="$(pg_home)/data/postmaster.pid"
  if [[ -s "$file" ]]; then
    head -n 1 "$file" >"$(pid_file postgres)"
  fi
}

# Creates role 'concord' (password 'concord') and database 'concord', idempotently.
ensure_pg_database() {
  local psql=("$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$(pg_home)/run" -p "$PG_PORT" -U postgres -d postgres)
  "${psql[@]}" >/dev/null <<'SQL' || die "Could not create the PostgreSQL role/database 'concord' (see the psql error above)."
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'concord') THEN
    CREATE ROLE concord LOGIN CREATEDB PASSWORD 'concord';
  END IF;
END
$$;
SELECT 'CREATE DATABASE concord OWNER concord'
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'concord')
\gexec
SQL
}

# ---------------------------------------------------------------------------
# Cassandra (CQL store; the local stand-in for ScyllaDB), on Java 17
# ---------------------------------------------------------------------------

# The --add-exports/--add-opens set and Netty flags of Cassandra 5.0's
# conf/jvm17-server.options, plus a small heap.
cassandra_jvm_opts() {
  local jamm
  jamm="$(ls "$CASSANDRA_LIB"/jamm-*.jar 2>/dev/null | head -n 1)"
  CASSANDRA_JVM_OPTS=(
    "-Xms${CASSANDRA_HEAP:-1G}" "-Xmx${CASSANDRA_HEAP:-1G}" -Xss256k
    -XX:+UseG1GC -XX:+ParallelRefProcEnabled -XX:MaxTenuringThreshold=1
    -XX:G1HeapRegionSize=16m -XX:G1RSetUpdatingPauseTimePercent=5 -XX:MaxGCPauseMillis=300
    -XX:InitiatingHeapOccupancyPercent=70 -XX:+ExitOnOutOfMemoryError
    -Djava.net.preferIPv4Stack=true
    -Djdk.attach.allowAttachSelf=true
    --add-exports java.base/jdk.internal.misc=ALL-UNNAMED
    --add-exports java.management.rmi/com.sun.jmx.remote.internal.rmi=ALL-UNNAMED
    --add-exports java.rmi/sun.rmi.registry=ALL-UNNAMED
    --add-exports java.rmi/sun.rmi.server=ALL-UNNAMED
    --add-exports java.sql/java.sql=ALL-UNNAMED
    --add-exports java.base/java.lang.ref=ALL-UNNAMED
    --add-exports jdk.unsupported/sun.misc=ALL-UNNAMED
    --add-exports jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED
    --add-exports jdk.attach/sun.tools.attach=ALL-UNNAMED
    --add-opens java.base/java.lang.module=ALL-UNNAMED
    --add-opens java.base/jdk.internal.loader=ALL-UNNAMED
    --add-opens java.base/jdk.internal.ref=ALL-UNNAMED
    --add-opens java.base/jdk.internal.reflect=ALL-UNNAMED
    --add-opens java.base/jdk.internal.math=ALL-UNNAMED
    --add-opens java.base/jdk.internal.module=ALL-UNNAMED
    --add-opens java.base/jdk.internal.util.jar=ALL-UNNAMED
    --add-opens jdk.management/com.sun.management.internal=ALL-UNNAMED
    --add-opens java.base/sun.nio.ch=ALL-UNNAMED
    --add-opens java.base/java.io=ALL-UNNAMED
    --add-opens java.base/java.lang.reflect=ALL-UNNAMED
    --add-opens jdk.compiler/com.sun.tools.javac=ALL-UNNAMED
    --add-opens java.base/java.lang=ALL-UNNAMED
    --add-opens java.base/java.util=ALL-UNNAMED
    -Dio.netty.tryReflectionSetAccessible=true
    -Dio.netty.allocator.useCacheForAllThreads=true
    -Dio.netty.allocator.maxOrder=11
  )
  if [[ -n "$jamm" ]]; then
    CASSANDRA_JVM_OPTS+=("-javaagent:$jamm")
  fi
}

# Writes <state>/cassandra/conf/{cassandra.yaml,logback.xml} from ops/cassandra/.
render_cassandra_conf() {
  local dir="$STATE_DIR/cassandra"
  mkdir -p "$dir/conf" "$dir/data" "$dir/commitlog" "$dir/saved_caches" "$dir/hints" "$dir/cdc_raw"
  sed -e "s|@CLUSTER_NAME@|concord-$STACK|g" \
    -e "s|@CASSANDRA_DIR@|$dir|g" \
    -e "s|@CQL_PORT@|$CQL_PORT|g" \
    -e "s|@STORAGE_PORT@|$CASSANDRA_STORAGE_PORT|g" \
    "$REPO_ROOT/ops/cassandra/cassandra.yaml.template" >"$dir/conf/cassandra.yaml"
  cp "$REPO_ROOT/ops/cassandra/logback.xml" "$dir/conf/logback.xml"
}

launch_cassandra() {
  if port_open "$CASSANDRA_STORAGE_PORT"; then
    die "Cassandra's storage port $CASSANDRA_STORAGE_PORT is already in use by another process." \
      "Stop that process, or choose another port: ${PORT_ENV_PREFIX}CASSANDRA_STORAGE_PORT=<port>"
  fi
  render_cassandra_conf
  cassandra_jvm_opts
  local dir="$STATE_DIR/cassandra"
  spawn cassandra "$dir" "$CASSANDRA_JAVA_HOME/bin/java" "${CASSANDRA_JVM_OPTS[@]}" \
    "-Dcassandra.config=file://$dir/conf/cassandra.yaml" \
    "-Dlogback.configurationFile=file://$dir/conf/logback.xml" \
    "-Dcassandra.storagedir=$dir" \
    "-Dcassandra.logdir=$STATE_DIR/logs" \
    -Dcassandra-foreground=yes \
    -Dcassandra.skip_wait_for_gossip_to_settle=0 \
    -Dcassandra.ring_delay_ms=1000 \
    -cp "$CASSANDRA_LIB/*" org.apache.cassandra.service.CassandraDaemon
}

# Sends a CQL v4 OPTIONS frame (header: version 04, flags 00, stream 0000,
# opcode 05, length 00000000) and expects a SUPPORTED frame back (84 .. 06).
cql_ping() {
  local port="$1" reply
  reply="$(timeout 3 bash -c "exec 3<>/dev/tcp/127.0.0.1/${port}
    printf '\\x04\\x00\\x00\\x00\\x05\\x00\\x00\\x00\\x00' >&3
    head -c 5 <&3 | od -An -tx1" 2>/dev/null | tr -d ' \n')" || return 1
  [[ "$reply" == "8400000006" ]]
}

ready_cassandra() {
  grep -q "Starting listening for CQL clients" "$(log_file cassandra)" 2>/dev/null &&
    cql_ping "$CQL_PORT"
}

# ---------------------------------------------------------------------------
# Meilisearch
# ---------------------------------------------------------------------------

launch_meilisearch() {
  local dir="$STATE_DIR/meili"
  mkdir -p "$dir"
  spawn meilisearch "$dir" "$MEILI_BIN" \
    --http-addr "127.0.0.1:$MEILI_PORT" \
    --master-key "$MEILI_MASTER_KEY" \
    --no-analytics \
    --env development \
    --db-path "$dir/data.ms" \
    --dump-dir "$dir/dumps" \
    --snapshot-dir "$dir/snapshots" \
    --max-indexing-memory 1GiB
}

ready_meilisearch() {
  curl -fsS -o /dev/null --max-time 2 \
    -H "Authorization: Bearer $MEILI_MASTER_KEY" "http://127.0.0.1:$MEILI_PORT/health" 2>/dev/null
}

# ---------------------------------------------------------------------------
# All four
# ---------------------------------------------------------------------------

# up | starting | down | foreign (port taken by a process that is not ours)
infra_state() {
  local name="$1" pid
  pid="$(read_pid "$name")"
  if pid_alive "$pid"; then
    if "ready_$name"; then echo up; else echo starting; fi
  elif port_open "$(infra_port "$name")"; then
    echo foreign
  else
    echo down
  fi
}

# Starts whatever of the four servers is not running, then waits for them.
# Idempotent: a server whose pid is alive and whose port answers is left alone.
infra_up() {
  mkdir -p "$STATE_DIR/pids" "$STATE_DIR/logs"
  info "Infrastructure ($STACK stack, state in $STATE_DIR)"
  local name state started=()
  for name in "${INFRA_SERVERS[@]}"; do
    state="$(infra_state "$name")"
    case "$state" in
      up)
        note "$(printf '%-12s already running (pid %s, port %s)' "$name" "$(read_pid "$name")" "$(infra_port "$name")")"
        ;;
      starting)
        note "$(printf '%-12s already starting (pid %s), waiting for it' "$name" "$(read_pid "$name")")"
        started+=("$name")
        ;;
      foreign)
        die "Port $(infra_port "$name") for $name is already in use by a process that ops/concord did not start." \
          "Stop that process (e.g. a system $name service), or choose another port: $(infra_port_env "$name")=<port>"
        ;;
      down)
        rotate_log "$name"
        "launch_$name"
        note "$(printf '%-12s started (pid %s, port %s)' "$name" "$(read_pid "$name")" "$(infra_port "$name")")"
        started+=("$name")
        ;;
    esac
  done
  for name in "${started[@]}"; do
    wait_until "$name" "$(read_pid "$name")" "$(infra_timeout "$name")" "ready_$name"
    note "$(printf '%-12s ready' "$name")"
  done
  record_postgres_pid
  ensure_pg_database
  # shellcheck disable=SC2034 # read by cmd_test in ops/concord
  STARTED_SERVERS=("${started[@]}")
}

infra_down() {
  info "Stopping infrastructure ($STACK stack)"
  stop_by_pid meilisearch TERM 20
  stop_by_pid cassandra TERM 60
  # SIGINT is PostgreSQL's "fast" shutdown (SIGTERM would wait for clients).
  stop_by_pid postgres INT 30
  stop_by_pid redis TERM 30
}

# Deletes the data of the four servers (they must be stopped). Keeps logs,
# secrets and the downloaded tools.
infra_wipe_data() {
  local name
  for name in "${INFRA_SERVERS[@]}"; do
    if pid_alive "$(read_pid "$name")"; then
      die "$name is still running; stop the stack first (ops/concord down)."
    fi
  done
  local home
  home="$(pg_home)"
  rm -rf "$STATE_DIR/redis" "$STATE_DIR/cassandra" "$STATE_DIR/meili"
  rm -rf "$STATE_DIR/postgres" "$home"
}
