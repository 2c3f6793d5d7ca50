# The browser the dashboard's tests drive (e2e-tests DashboardIT): Debian's headless Chromium and its
# chromedriver, installed by ./shiplog test where missing (as root, with apt-get), as the build sandbox's tools are.

browser_prepare() {
  if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then
    return 0
  fi
  if ((EUID != 0)) || ! command -v apt-get >/dev/null; then
    err "browser: chromium and chromium-driver are missing; install them (apt-get install chromium chromium-driver): the dashboard's tests need them"
    return 1
  fi
  info "browser: installing Debian's chromium and chromium-driver (apt-get; log in .shiplog/logs/browser-install.log)"
  { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium chromium-driver; } \
    >"$LOGS/browser-install.log" 2>&1 || { err "browser: apt-get failed"; tail -n 20 "$LOGS/browser-install.log" >&2; return 1; }
}
