# PostgreSQL: a private instance on 127.0.0.1:15432, TCP only, data in .shiplog/pg/data.
# It never uses or touches a packaged cluster (Debian's runs on 5432).
# Role and database: shiplog / shiplog. Every role needs its password (scram-sha-256), generated into
# .shiplog/secrets (postgres-password, db-password); nothing is trusted.

PG_PORT=15432
PG_DATA="$STATE/pg/data"
# .shiplog/pg may be a link to a place the postgres OS user can reach (see pg_make_data_dir).
if [[ -L $STATE/pg ]]; then PG_DATA="$(readlink -f "$STATE/pg")/data"; fi

# initdb and postgres refuse to run as root: as root, run them as the postgres
# OS user (created by Debian's postgresql packages), else as ourselves. From /,
# as that user may not be allowed into the current directory.
as_pg() { if ((EUID == 0)); then (cd / && runuser -u postgres -- "$@"); else "$@"; fi; }

# Directory of the server binaries: $PG_BIN, else 15 (what our machines have),
# else the newest major installed.
pg_bin() {
  local d
  for d in "${PG_BIN:-}" /usr/lib/postgresql/15/bin $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -rV); do
    if [[ -n $d && -x $d/postgres && -x $d/initdb && -x $d/pg_ctl ]]; then echo "$d"; return 0; fi
  done
  return 1
}

pg_install() {
  ((EUID == 0)) || { err "postgres: no PostgreSQL server binaries found; install them (Debian: sudo apt-get install -y postgresql) or set PG_BIN"; return 1; }
  command -v apt-get >/dev/null || { err "postgres: no PostgreSQL server binaries and no apt-get; install PostgreSQL 15 or set PG_BIN"; return 1; }
  info "postgres: installing Debian's postgresql package (apt-get; log in .shiplog/logs/postgres-install.log)"
  { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql; } \
    >"$LOGS/postgres-install.log" 2>&1 || { err "postgres: apt-get failed"; tail -n 20 "$LOGS/postgres-install.log" >&2; return 1; }
}

postgres_prepare() {
  local bin major
  bin=$(pg_bin) || { pg_install && bin=$(pg_bin); } || { err "postgres: still no server binaries"; return 1; }
  [[ -f $PG_DATA/PG_VERSION ]] || pg_init "$bin" || return 1
  major=$("$bin/postgres" --version | sed -E 's/.* ([0-9]+)[.].*/\1/')
  if [[ $(<"$PG_DATA/PG_VERSION") != "$major" ]]; then
    err "postgres: $PG_DATA was made by PostgreSQL $(<"$PG_DATA/PG_VERSION"), the binaries in $bin are $major (set PG_BIN, or remove .shiplog/pg to start afresh)"
    return 1
  fi
}

# As root, the data belongs to the postgres OS user, which must be able to reach
# it. Where it cannot (a checkout under /root, say), the data goes to /var/tmp
# and .shiplog/pg links there.
pg_make_data_dir() {
  local alt
  alt=$(readlink -f "$STATE/pg" 2>/dev/null || true)
  if [[ -L $STATE/pg && $alt == /var/tmp/shiplog-pg-* ]]; then rm -rf "$alt"; fi
  rm -rf "$STATE/pg" && mkdir -p "$STATE/pg" || return 1
  if ((EUID == 0)); then
    id postgres >/dev/null 2>&1 || { err "postgres: running as root needs the 'postgres' OS user (Debian's postgresql package creates it)"; return 1; }
    chmod 711 "$STATE" && chmod 755 "$STATE/pg"
    if ! runuser -u postgres -- test -x "$STATE/pg"; then
      alt="/var/tmp/shiplog-pg-$(printf %s "$ROOT" | cksum | cut -d' ' -f1)"
      warn "postgres: the postgres OS user cannot reach $STATE (a directory above it is not o+x): data in $alt instead"
      rm -rf "$STATE/pg" "$alt" && mkdir -p "$alt" && ln -s "$alt" "$STATE/pg" || return 1
    fi
    PG_DATA="$(readlink -f "$STATE/pg")/data"
    mkdir -p "$PG_DATA" && chown -R postgres: "$(dirname "$PG_DATA")" || return 1
  else
    mkdir -p "$PG_DATA" || return 1
  fi
  chmod 700 "$PG_DATA"
}

# Create the cluster. Until its first bootstrap has given the superuser its
# password, postgres is trusted on loopback; the bootstrap then requires a
# password of every role (pg_require_passwords).
pg_init() {
  local bin=$1
  info "postgres: creating a private cluster in ${PG_DATA#"$ROOT"/} ($("$bin/postgres" --version))"
  pg_make_data_dir || return 1
  if ! as_pg "$bin/initdb" -D "$PG_DATA" -U postgres --auth=trust -E UTF8 --no-locale >"$STATE/pg/initdb.log" 2>&1; then
    err "postgres: initdb failed:"; tail -n 20 "$STATE/pg/initdb.log" >&2
    return 1
  fi
  cat >>"$PG_DATA/postgresql.conf" <<EOF

# ---- ./shiplog: private instance, loopback TCP only ----
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = ''    # TCP only: no socket, no clash with a packaged cluster
max_connections = 200           # four services' pools plus tests
EOF
  cat >"$PG_DATA/pg_hba.conf" <<EOF
# ./shiplog: TCP on loopback only (the server listens on 127.0.0.1 alone).
# TYPE  DATABASE  USER      ADDRESS        METHOD
host    all       postgres  127.0.0.1/32   trust
host    all       all       127.0.0.1/32   scram-sha-256
EOF
}

postgres_start() {
  local pid deadline
  rotate_log postgres
  # -W: do not wait, we poll for health like for every component. No -l: the
  # server keeps pg_ctl's stdout/stderr, our log file opened by us, so the
  # postgres user needs no write access to .shiplog/logs.
  as_pg "$(pg_bin)/pg_ctl" -D "$PG_DATA" -W -s start >>"$(logfile postgres)" 2>&1 || return 1
  # pg_ctl does not print the postmaster's pid; postgres writes it to
  # postmaster.pid. A stale file from a killed server may be there at first.
  deadline=$(($(now_ms) + 10000))
  while (($(now_ms) < deadline)); do
    pid=$(head -n1 "$PG_DATA/postmaster.pid" 2>/dev/null || true)
    if [[ $pid =~ ^[0-9]+$ ]] && alive "$pid" && is_ours postgres "$pid"; then
      echo "$pid" >"$(pidfile postgres)"
      return 0
    fi
    sleep 0.2
  done
  return 1
}

# SIGINT is PostgreSQL's "fast" shutdown; TERM ("smart") would wait for every
# client to disconnect.
postgres_stop_signal() { echo INT; }

pg_psql() { PGCONNECT_TIMEOUT=3 "$(pg_bin)/psql" -X -q -h 127.0.0.1 -p "$PG_PORT" "$@"; }

pg_accepting() { "$(pg_bin)/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT"; }

pg_login_ok() { PGPASSWORD=$(secret_value db-password) pg_psql -U shiplog -d shiplog -tAc 'select 1' >/dev/null 2>&1; }

# Role and database shiplog if missing, and every role's password as .shiplog/secrets says (idempotent). The
# passwords go through psql's standard input, never a command line.
pg_bootstrap() {
  PGPASSWORD=$(secret_value postgres-password) pg_psql -U postgres -d postgres -v ON_ERROR_STOP=1 \
    >>"$(logfile postgres)" 2>&1 <<SQL || return 1
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'shiplog') THEN
    CREATE ROLE shiplog LOGIN;
  END IF;
END \$\$;
ALTER ROLE postgres PASSWORD '$(secret_value postgres-password)';
ALTER ROLE shiplog PASSWORD '$(secret_value db-password)';
SELECT 'CREATE DATABASE shiplog OWNER shiplog'
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'shiplog')\gexec
SQL
  pg_require_passwords
}

# From now on every role needs its password: no "trust" line is left (a cluster made before passwords, or just
# made, gets the strict pg_hba.conf and a reload).
pg_require_passwords() {
  grep -q '^[^#]*trust' "$PG_DATA/pg_hba.conf" || return 0
  cat >"$PG_DATA/pg_hba.conf" <<EOF
# ./shiplog: TCP on loopback only (the server listens on 127.0.0.1 alone); every role by password.
# TYPE  DATABASE  USER      ADDRESS        METHOD
host    all       all       127.0.0.1/32   scram-sha-256
EOF
  as_pg "$(pg_bin)/pg_ctl" -D "$PG_DATA" -s reload >>"$(logfile postgres)" 2>&1
}

postgres_ready() { pg_bin >/dev/null && pg_accepting && pg_login_ok; }

# While waiting for health: once the server accepts connections, make sure the
# role and database exist, then require a login.
postgres_probe() { pg_accepting && pg_bootstrap && pg_login_ok; }
