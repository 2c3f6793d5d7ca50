# Shared helpers for ./shiplog: components, output, pid files, ports, start, wait, stop.
# Sourced by ./shiplog once it has cd'ed to the repo root and set ROOT.

STATE="$ROOT/.shiplog"       # all runtime state (gitignored)
LOGS="$STATE/logs"
RUN="$STATE/run"

INFRA=(kafka postgres registry mail)
SERVICES=(deployment-api pipeline-worker environment-service notification-service)
ALL=("${INFRA[@]}" "${SERVICES[@]}")

declare -A PORTS=(
  [kafka]="9092 9093" [postgres]=15432 [registry]=8081 [mail]="3025 3110 8086"
  [deployment-api]=8080 [pipeline-worker]=8082
  [environment-service]=8083 [notification-service]=8084
)

# Seconds a component may take from launch to healthy (SHIPLOG_TIMEOUT overrides all).
DEFAULT_TIMEOUT=90

JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

# ---------------------------------------------------------------- output

info() { printf '[shiplog] %s\n' "$*"; }
warn() { printf '[shiplog] WARNING: %s\n' "$*" >&2; }
err()  { printf '[shiplog] ERROR: %s\n' "$*" >&2; }
die()  { err "$@"; exit 1; }

now_ms() { date +%s%3N; }
secs()   { local ms=$1; printf '%d.%d s' $((ms / 1000)) $((ms % 1000 / 100)); }

is_component() { local c; for c in "${ALL[@]}"; do [[ $c == "$1" ]] && return 0; done; return 1; }
is_service()   { local c; for c in "${SERVICES[@]}"; do [[ $c == "$1" ]] && return 0; done; return 1; }

# Call the component's implementation of an action: <component>_<action> if it
# exists (kafka_start, postgres_ready, ...), else service_<action> for services.
component() {
  local action=$1 c=$2
  if declare -F "${c//-/_}_$action" >/dev/null; then "${c//-/_}_$action"
  elif is_service "$c" && declare -F "service_$action" >/dev/null; then "service_$action" "$c"
  elif [[ $action == probe ]]; then component ready "$c"   # probe defaults to ready
  else return 0                                             # optional actions
  fi
}

logfile() { echo "$LOGS/$1.log"; }
pidfile() { echo "$RUN/$1.pid"; }

log_tail() {
  local f; f=$(logfile "$1")
  [[ -s $f ]] || { err "($f is empty or missing)"; return 0; }
  printf -- '----- last lines of %s -----\n' "${f#"$ROOT"/}" >&2
  tail -n "${2:-40}" "$f" >&2
  printf -- '-----\n' >&2
}

# Keep the previous run's log as <component>.log.1, so that the current log (and
# the readiness checks that grep it) only ever hold the current run.
rotate_log() { local f; f=$(logfile "$1"); [[ -f $f ]] && mv -f "$f" "$f.1"; return 0; }

# ---------------------------------------------------------------- processes

# Alive and not a zombie (a child of this very script that exited stays a
# zombie until reaped, and kill -0 would still succeed on it).
alive() {
  local stat
  stat=$(ps -o stat= -p "$1" 2>/dev/null) || return 1
  [[ -n $stat && $stat != Z* ]]
}

# True if pid is the process we started for component c. The pid file alone is
# not trusted: after a crash or a reboot the pid may belong to anything.
is_ours() {
  local c=$1 pid=$2 args
  args=$(ps -ww -o args= -p "$pid" 2>/dev/null) || return 1
  if [[ $c == postgres ]]; then
    [[ $args == *"postgres -D $PG_DATA"* ]]
  else
    [[ $args == *"-Dshiplogctl.component=$c -Dshiplogctl.home=$ROOT "* ]]
  fi
}

# Print the pid of component c if it is running; else clean a stale pid file
# (process gone after a crash or kill -9) and fail.
running_pid() {
  local c=$1 f pid=""
  f=$(pidfile "$c")
  [[ -f $f ]] && pid=$(<"$f")
  if [[ $pid =~ ^[0-9]+$ ]] && alive "$pid" && is_ours "$c" "$pid"; then
    echo "$pid"
    return 0
  fi
  rm -f "$f" 2>/dev/null || true
  # A process of ours whose pid file was lost or overwritten: find it by its
  # marker, so that it is neither reported as foreign nor left behind by down.
  pid=$(find_ours "$c") || return 1
  echo "$pid" >"$f" 2>/dev/null || true
  echo "$pid"
}

find_ours() {
  local c=$1 pid args
  if [[ $c == postgres ]]; then
    pid=$(head -n1 "$PG_DATA/postmaster.pid" 2>/dev/null) || return 1
    [[ $pid =~ ^[0-9]+$ ]] && alive "$pid" && is_ours postgres "$pid" && echo "$pid"
    return
  fi
  while read -r pid args; do
    if [[ ${args%% *} == *java && "$args " == *"-Dshiplogctl.component=$c -Dshiplogctl.home=$ROOT "* ]] && alive "$pid"; then
      echo "$pid"
      return 0
    fi
  done < <(ps -ww -eo pid=,args=)
  return 1
}

# Every JVM of the platform runs with the quick compiler only (C1) and the serial collector: on two cores the
# optimizing compiler's work in the first minutes cost more than it saved (a platform fresh from up took about
# twice as long at p50 with it, docs/performance.md), and heaps of 96-512 MB need no collector threads of their own.
# SHIPLOG_JVM_OPTS replaces these defaults.
PLATFORM_JVM_OPTS=${SHIPLOG_JVM_OPTS-"-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"}

# Launch a JVM for component c in the background and record its pid. The
# -Dshiplogctl.* markers let is_ours recognise it (not -Dshiplog.*: a Quarkus
# app with a @ConfigMapping(prefix = "shiplog") rejects unknown shiplog.* keys).
# setsid puts it in a session of its own: Ctrl-C on ./shiplog or closing the
# terminal does not take it down. (setsid does not fork here, as a background
# job is no process group leader, so $! is the JVM's pid.)
start_java() {
  local c=$1; shift
  rotate_log "$c"
  # shellcheck disable=SC2086 # the options are words
  setsid "$JAVA" $PLATFORM_JVM_OPTS "-Dshiplogctl.component=$c" "-Dshiplogctl.home=$ROOT" "$@" \
    >>"$(logfile "$c")" 2>&1 </dev/null &
  echo $! >"$(pidfile "$c")"
}

timeout_of() { echo "${SHIPLOG_TIMEOUT:-$DEFAULT_TIMEOUT}"; }

# ---------------------------------------------------------------- ports

# Is something listening on this TCP port (on any local address)?
port_in_use() {
  if command -v ss >/dev/null; then
    [[ -n $(ss -Hltn "sport = :$1" 2>/dev/null) ]]
  else
    port_open "$1"
  fi
}

# Does 127.0.0.1:port accept a TCP connection?
port_open() { timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null; }

# Who listens on the port, as far as ss can tell (process names need root or
# the same user).
port_owner() { ss -Hltnp "sport = :$1" 2>/dev/null | grep -o 'users:.*' | head -n1 || true; }

# Fail with a clear message if one of c's ports is taken by something that is
# not ours (called only when c is not running).
check_ports_free() {
  local c=$1 p
  for p in ${PORTS[$c]}; do
    if port_in_use "$p"; then
      err "$c: port $p is already in use by a process ./shiplog did not start ($(port_owner "$p")). Stop it or free the port."
      return 1
    fi
  done
}

# ---------------------------------------------------------------- up / down

# Bring components up: leave healthy ones alone, wait for ones already starting,
# prepare (build, install, init) the missing ones one after the other (Maven
# runs must not overlap on 2 cores and one ~/.m2), then launch them all and
# wait for them in parallel. Returns non-zero if any did not become healthy.
ensure_up() {
  local c pid failed=0 to_prepare=() to_wait=()
  for c in "$@"; do
    if pid=$(running_pid "$c"); then
      if component ready "$c"; then
        info "$c already UP (pid $pid)"
      else
        info "$c is running (pid $pid) but not healthy yet: waiting for it"
        to_wait+=("$c")
      fi
    else
      to_prepare+=("$c")
    fi
  done
  for c in "${to_prepare[@]}"; do
    if check_ports_free "$c" && component prepare "$c"; then
      if component start "$c"; then
        LAUNCHED[$c]=$(now_ms)
        to_wait+=("$c")
      else
        err "$c: could not be launched"; log_tail "$c"; failed=1
      fi
    else
      err "$c: not started"
      failed=1
    fi
  done
  ((${#to_wait[@]} == 0)) || wait_healthy "${to_wait[@]}" || failed=1
  return "$failed"
}

# Poll until each component is healthy, against its own deadline counted from
# its launch (or from now, for one found starting). A component whose process
# exits fails at once, with the tail of its log.
declare -A LAUNCHED=()
wait_healthy() {
  local c t failed=0 pending=("$@") still when
  local -A since=() polled=()
  for c in "$@"; do since[$c]=${LAUNCHED[$c]:-$(now_ms)}; done
  while ((${#pending[@]})); do
    still=()
    for c in "${pending[@]}"; do
      t=$(($(now_ms) - since[$c]))
      if ! running_pid "$c" >/dev/null; then
        err "$c exited while starting"
        log_tail "$c"
        failed=1
      elif component probe "$c"; then
        # Healthy at the first look: it came up while others were being
        # prepared, and when exactly is unknown.
        when=""; [[ -n ${polled[$c]:-} ]] && when=" after $(secs "$t")"
        info "$c UP$when (pid $(<"$(pidfile "$c")"), port ${PORTS[$c]// /,})"
      elif ((t > $(timeout_of) * 1000)); then
        err "$c not healthy after $(timeout_of) s (still running, pid $(<"$(pidfile "$c")"); ./shiplog down stops it)"
        log_tail "$c"
        failed=1
      else
        polled[$c]=1
        still+=("$c")
      fi
    done
    pending=("${still[@]}")
    if ((${#pending[@]})); then sleep 0.5; fi
  done
  return "$failed"
}

# Stop components that we started, all at once: their stop signal (TERM, or
# the component's own), up to 15 s, then KILL. Only pids from our pid files.
stop_components() {
  local c pid sig deadline left
  local -A pids=()
  for c in "$@"; do
    pid=$(running_pid "$c") || continue
    sig=$(component stop_signal "$c"); sig=${sig:-TERM}
    info "stopping $c (pid $pid, SIG$sig)"
    kill -s "$sig" "$pid" 2>/dev/null || true
    pids[$c]=$pid
  done
  deadline=$(($(now_ms) + 15000))
  while :; do
    left=()
    for c in "${!pids[@]}"; do alive "${pids[$c]}" && left+=("$c"); done
    ((${#left[@]} == 0 || $(now_ms) > deadline)) && break
    sleep 0.3
  done
  for c in "${left[@]}"; do
    warn "$c (pid ${pids[$c]}) did not stop within 15 s: KILL"
    kill -KILL "${pids[$c]}" 2>/dev/null || true
  done
  for c in "$@"; do rm -f "$(pidfile "$c")"; done
  for c in "${!pids[@]}"; do info "$c stopped"; done
}
