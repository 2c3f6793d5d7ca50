# Builds run isolated: as the unprivileged user shiplog-build, in user, mount, pid and network namespaces of their
# own (bubblewrap, in a network namespace of deploy/sandbox/net-setup.sh). Needs root (user, namespaces, nftables);
# without it the worker runs builds unconfined and says so in every build's log (SHIPLOG_BUILD_ISOLATION=none).

BUILD_SLOTS=${SHIPLOG_SANDBOX_SLOTS:-8}
# one network namespace per running instance of a server application: the most a worker runs at once
APP_SLOTS=${SHIPLOG_SANDBOX_APP_SLOTS:-32}
export SHIPLOG_RUNTIME_APP_SLOTS=$APP_SLOTS
GIT_ROOT=${SHIPLOG_GIT_LOCAL_ROOTS:-/tmp/shiplog-git}

# Idempotent: the build user, the network namespaces (one per concurrent build), the firewall that keeps builds
# off this machine and private networks; nftables and bubblewrap installed from Debian when missing; user
# namespaces allowed for unprivileged users (bubblewrap makes the build's as the build user). Once per run.
BUILDS_PREPARED=""
builds_prepare() {
  [[ -n $BUILDS_PREPARED ]] && return "$BUILDS_PREPARED"
  BUILDS_PREPARED=0
  mkdir -p "${GIT_ROOT%%,*}" && chmod 755 "${GIT_ROOT%%,*}" 2>/dev/null || true
  if ((EUID != 0)); then
    warn "builds: ./shiplog does not run as root: builds will run NOT isolated, as your own user"
    export SHIPLOG_BUILD_ISOLATION=none
    return 0
  fi
  local missing=()
  command -v nft >/dev/null || missing+=(nftables)
  command -v bwrap >/dev/null || missing+=(bubblewrap)
  if ((${#missing[@]})); then
    command -v apt-get >/dev/null || { err "builds: ${missing[*]} missing and there is no apt-get to install them"; BUILDS_PREPARED=1; return 1; }
    info "builds: installing Debian's ${missing[*]} (apt-get; log in .shiplog/logs/sandbox-install.log)"
    { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"; } \
      >"$LOGS/sandbox-install.log" 2>&1 || { err "builds: apt-get failed"; tail -n 20 "$LOGS/sandbox-install.log" >&2; BUILDS_PREPARED=1; return 1; }
  fi
  # Debian kernels can forbid user namespaces to unprivileged users; bubblewrap runs as the build user and needs one
  if [[ -f /proc/sys/kernel/unprivileged_userns_clone ]] && [[ $(</proc/sys/kernel/unprivileged_userns_clone) != 1 ]]; then
    sysctl -qw kernel.unprivileged_userns_clone=1 || { err "builds: cannot allow user namespaces (kernel.unprivileged_userns_clone)"; BUILDS_PREPARED=1; return 1; }
  fi
  SHIPLOG_SANDBOX_SLOTS=$BUILD_SLOTS SHIPLOG_SANDBOX_APP_SLOTS=$APP_SLOTS "$ROOT/deploy/sandbox/net-setup.sh" up >>"$LOGS/sandbox.log" 2>&1 \
    || { err "builds: setting up the build sandbox failed (see .shiplog/logs/sandbox.log)"; BUILDS_PREPARED=1; return 1; }
}

# The pipeline-worker runs builds: their sandbox first.
pipeline_worker_prepare() { builds_prepare && service_prepare pipeline-worker; }
