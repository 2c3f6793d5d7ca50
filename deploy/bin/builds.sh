# Builds run isolated (deploy/sandbox): as the unprivileged user shiplog-build, in mount, pid and network
# namespaces of their own. Needs root (user, namespaces, nftables); without it the worker runs builds unconfined
# and says so in every build's log (SHIPLOG_BUILD_ISOLATION=none).

BUILD_SLOTS=${SHIPLOG_SANDBOX_SLOTS:-8}
GIT_ROOT=${SHIPLOG_GIT_LOCAL_ROOTS:-/tmp/shiplog-git}

# Idempotent: the build user, the network namespaces (one per concurrent build), the firewall that keeps builds
# off this machine and private networks; nftables installed from Debian when missing. Once per ./shiplog run.
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
  if ! command -v nft >/dev/null; then
    command -v apt-get >/dev/null || { err "builds: nft (nftables) is missing and there is no apt-get to install it"; BUILDS_PREPARED=1; return 1; }
    info "builds: installing Debian's nftables (apt-get; log in .shiplog/logs/nftables-install.log)"
    { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y nftables; } \
      >"$LOGS/nftables-install.log" 2>&1 || { err "builds: apt-get failed"; tail -n 20 "$LOGS/nftables-install.log" >&2; BUILDS_PREPARED=1; return 1; }
  fi
  SHIPLOG_SANDBOX_SLOTS=$BUILD_SLOTS "$ROOT/deploy/sandbox/net-setup.sh" up >>"$LOGS/sandbox.log" 2>&1 \
    || { err "builds: setting up the build sandbox failed (see .shiplog/logs/sandbox.log)"; BUILDS_PREPARED=1; return 1; }
}

# The pipeline-worker runs builds: their sandbox first.
pipeline_worker_prepare() { builds_prepare && service_prepare pipeline-worker; }
