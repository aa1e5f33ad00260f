# shellcheck shell=bash
# Common helpers for ops/concord: messages, pid files, ports, JDK discovery.
# Sourced by ops/concord; expects REPO_ROOT to be set.

# ---------------------------------------------------------------------------
# Messages
# ---------------------------------------------------------------------------

info() { printf '==> %s\n' "$*"; }
note() { printf '    %s\n' "$*"; }
warn() { printf 'WARNING: %s\n' "$*" >&2; }

# die "what failed" ["what to do" ...]
die() {
  printf 'ERROR: %s\n' "$1" >&2
  shift
  local line
  for line in "$@"; do
    printf '       %s\n' "$line" >&2
  done
  exit 1
}

is_root() { [[ "$(id -u)" -eq 0 ]]; }

is_ci() { [[ "${CI:-}" == "true" || "${CI:-}" == "1" ]]; }

# ---------------------------------------------------------------------------
# Processes and ports
# ---------------------------------------------------------------------------

pid_file() { printf '%s/pids/%s.pid' "$STATE_DIR" "$1"; }
log_file() { printf '%s/logs/%s.log' "$STATE_DIR" "$1"; }

# Prints the recorded pid of a process, or nothing.
read_pid() {
  local file
  file="$(pid_file "$1")"
  if [[ -s "$file" ]]; then
    tr -dc '0-9' <"$file"
  fi
}

pid_alive() {
  local pid="$1"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null
}

# True when something accepts TCP connections on 127.0.0.1:<port>.
port_open() {
  local port="$1"
  timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/${port}" 2>/dev/null
}

# Keeps one previous log as <name>.log.1 so each start begins with a clean log.
rotate_log() {
  local log
  log="$(log_file "$1")"
  if [[ -f "$log" ]]; then
    mv -f "$log" "$log.1"
  fi
}

# Runs a command detached in the background (nohup, stdin from /dev/null,
# stdout+stderr appended to the log of <name>), from working directory <dir>,
# and records its pid in the pid file of <name>.
# setsid gives it its own session, so a Ctrl-C on ops/concord (which signals the
# whole foreground process group) does not reach it. (setsid execs in place here:
# it only forks when called as a process group leader, and without job control
# a background subshell is not one, so $! stays the server's pid.)
#   spawn <name> <dir> <command...>
spawn() {
  local name="$1" dir="$2"
  shift 2
  local log
  log="$(log_file "$name")"
  (cd "$dir" && exec setsid nohup "$@" >>"$log" 2>&1 </dev/null) &
  echo $! >"$(pid_file "$name")"
}

# Stops the process whose pid is recorded for <name>: <signal> (default TERM),
# waits up to <timeout> seconds, then KILL. Removes the pid file.
#   stop_by_pid <name> [signal] [timeout]
stop_by_pid() {
  local name="$1" signal="${2:-TERM}" timeout="${3:-20}"
  local pid file
  file="$(pid_file "$name")"
  pid="$(read_pid "$name")"
  if ! pid_alive "$pid"; then
    rm -f "$file"
    return 0
  fi
  printf '    stopping %-16s pid %s ' "$name" "$pid"
  kill "-$signal" "$pid" 2>/dev/null || true
  local waited=0
  while pid_alive "$pid" && ((waited < timeout)); do
    sleep 1
    waited=$((waited + 1))
    printf '.'
  done
  if pid_alive "$pid"; then
    printf ' did not stop in %ss, sending KILL' "$timeout"
    kill -KILL "$pid" 2>/dev/null || true
    sleep 1
  fi
  printf ' stopped\n'
  rm -f "$file"
}

# Waits until "<check command...>" succeeds, or <timeout> seconds pass, or the
# process <pid> dies. On failure prints the tail of the log of <name> and dies.
#   wait_until <name> <pid> <timeout> <check command...>
wait_until() {
  local name="$1" pid="$2" timeout="$3"
  shift 3
  local waited=0
  while ! "$@"; do
    if ! pid_alive "$pid"; then
      print_log_tail "$name"
      die "$name exited during startup (pid $pid)." \
        "See the log above and the full log: $(log_file "$name")"
    fi
    if ((waited >= timeout)); then
      print_log_tail "$name"
      die "$name did not become ready within ${timeout}s (pid $pid still running)." \
        "See the log above and the full log: $(log_file "$name")" \
        "Stop it with: ops/concord down"
    fi
    sleep 1
    waited=$((waited + 1))
  done
}

print_log_tail() {
  local log
  log="$(log_file "$1")"
  if [[ -f "$log" ]]; then
    printf -- '----- last 40 lines of %s -----\n' "$log" >&2
    tail -n 40 "$log" >&2
    printf -- '----- end of %s -----\n' "$log" >&2
  fi
}

# ---------------------------------------------------------------------------
# JDKs
# ---------------------------------------------------------------------------

# Prints the feature version (17, 21, 25...) of the JDK or JRE at <home>, or nothing.
java_major() {
  local home="$1" version=""
  [[ -x "$home/bin/java" ]] || return 0
  if [[ -f "$home/release" ]]; then
    version="$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$home/release")"
  fi
  if [[ -z "$version" ]]; then
    version="$("$home/bin/java" -version 2>&1 | sed -n 's/.* version "\([^"]*\)".*/\1/p' | head -n 1)"
  fi
  version="${version#1.}" # 1.8.0 -> 8.0
  printf '%s' "${version%%[.+-]*}"
}

# All JDK/JRE homes under /usr/lib/jvm (symlinked aliases removed).
candidate_java_homes() {
  local dir
  for dir in /usr/lib/jvm/*; do
    [[ -d "$dir" && ! -L "$dir" && -x "$dir/bin/java" ]] && printf '%s\n' "$dir"
  done
}

# Sets BUILD_JAVA_HOME: a JDK >= 21 with javac, for Maven and the services.
# $JAVA_HOME wins when it is >= 21, else the newest JDK under /usr/lib/jvm.
find_build_jdk() {
  BUILD_JAVA_HOME=""
  if [[ -n "${JAVA_HOME:-}" && -x "${JAVA_HOME}/bin/javac" ]]; then
    local major
    major="$(java_major "$JAVA_HOME")"
    if [[ -n "$major" ]] && ((major >= 21)); then
      BUILD_JAVA_HOME="$JAVA_HOME"
      return 0
    fi
  fi
  local dir major best="" best_major=0
  while IFS= read -r dir; do
    [[ -x "$dir/bin/javac" ]] || continue
    major="$(java_major "$dir")"
    if [[ -n "$major" ]] && ((major >= 21 && major > best_major)); then
      best="$dir"
      best_major="$major"
    fi
  done < <(candidate_java_homes)
  if [[ -z "$best" ]]; then
    die "No JDK >= 21 found (JAVA_HOME='${JAVA_HOME:-}', nothing >= 21 with javac under /usr/lib/jvm)." \
      "Concord compiles with --release 21 and runs its services on JDK 21+." \
      "Install one (e.g. a Temurin 21/25 JDK under /usr/lib/jvm) or point JAVA_HOME at it."
  fi
  BUILD_JAVA_HOME="$best"
}

# Sets CASSANDRA_JAVA_HOME: a Java 17 runtime (Cassandra 5.0 does not run on 21+).
# $CASSANDRA_JAVA_HOME wins when set, else any 17 under /usr/lib/jvm.
# Leaves it empty when none is found (the installer then installs one).
find_cassandra_jdk() {
  if [[ -n "${CASSANDRA_JAVA_HOME:-}" ]]; then
    local major
    major="$(java_major "$CASSANDRA_JAVA_HOME")"
    [[ "$major" == "17" || "$major" == "11" ]] ||
      die "CASSANDRA_JAVA_HOME=$CASSANDRA_JAVA_HOME is not a Java 11 or 17 runtime (found '${major:-nothing}')." \
        "Cassandra 5.0 runs on Java 11 or 17 only. Unset it to let ops/concord pick /usr/lib/jvm/*17*."
    return 0
  fi
  CASSANDRA_JAVA_HOME=""
  local dir
  while IFS= read -r dir; do
    if [[ "$(java_major "$dir")" == "17" ]]; then
      CASSANDRA_JAVA_HOME="$dir"
      return 0
    fi
  done < <(candidate_java_homes)
}

# Runs Maven with the JDK >= 21 (javac 17 cannot compile --release 21).
run_mvn() {
  local opts="${MAVEN_OPTS:-}"
  # Maven 3.8's bundled Guava warns about sun.misc.Unsafe on JDK 23+: silence it.
  if (($(java_major "$BUILD_JAVA_HOME") >= 23)) && [[ "$opts" != *sun-misc-unsafe-memory-access* ]]; then
    opts="${opts:+$opts }--sun-misc-unsafe-memory-access=allow"
  fi
  JAVA_HOME="$BUILD_JAVA_HOME" PATH="$BUILD_JAVA_HOME/bin:$PATH" MAVEN_OPTS="$opts" mvn "$@"
}
