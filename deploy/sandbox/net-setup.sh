#!/bin/bash
# net-setup.sh - one-time (and every-worker-start) host setup for the build sandbox (the pipeline-worker's
# BuildSandbox runs each build step with nsenter, setpriv and bubblewrap inside what this makes).
#
#   net-setup.sh [up]        create/repair everything; idempotent, safe to run at every worker start
#   net-setup.sh down        remove the network namespace(s), veths, nft table and /run/shiplog-sandbox
#   net-setup.sh status      show what exists
#
# Environment knobs:
#   SHIPLOG_SANDBOX_SLOTS=N  number of build network namespaces (default 1). Slot 0 is "shiplog-build",
#                            slot k>0 is "shiplog-build-k". One namespace per concurrently running build keeps
#                            builds from reaching each other over 127.0.0.1 / abstract unix sockets.
#   SHIPLOG_SANDBOX_APP_SLOTS=N  number of application network namespaces (default 0; the worker asks for its
#                            shiplog.runtime.app-slots). Slot k is "shiplog-app-k", one per running instance of a
#                            server application, so applications never share a loopback with each other or a build.
#   SHIPLOG_SANDBOX_USER     build user (default shiplog-build; applications run as it too)
#
# What "up" does (per slot k, subnet 10.231.0.<4k>/30):
#   * system user shiplog-build (nologin shell; home /tmp/build = where the sandbox mounts the workspace,
#     never created on the host), if missing
#   * netns shiplog-build[-k] (/run/netns/...), loopback up, IPv6 disabled inside (so no v6 route at all)
#   * veth pair: host side "shb<k>" = 10.231.0.<4k+1>/30, namespace side "eth0" = 10.231.0.<4k+2>/30,
#     default route in the namespace via the host side
#   * per application slot k (subnet 10.231.1.<4k>/30): netns shiplog-app-k, veth "sha<k>" = 10.231.1.<4k+1> on the
#     host, "eth0" = 10.231.1.<4k+2> inside; the worker connects to the application there (its proxy), the
#     application reaches what a build reaches and nothing else
#   * net.ipv4.ip_forward=1
#   * nftables table "inet shiplog_sandbox" (replaced atomically each run, nothing else touched):
#       - input:  anything arriving from a build veth is dropped (host services unreachable, whatever they bind);
#                 from an application veth only the replies to the worker's own connections (its proxy) pass
#       - forward from build veths: IPv6 dropped; the resolvers of /etc/resolv.conf on 53/udp+tcp allowed;
#         private/loopback/link-local/CGNAT/multicast/reserved ranges and the uplink's own LAN dropped;
#         only the uplink interface (default route) may be the egress; everything else (public internet) allowed
#       - forward to build veths: only replies (ct established,related)
#       - postrouting: masquerade 10.231.0.0/24 out of the uplink
#   * /run/shiplog-sandbox/resolv.conf: the resolvers that the firewall allows; the sandbox binds it over
#     /etc/resolv.conf inside the sandbox (matters when the host uses a 127.0.0.53 stub, which is
#     unreachable from a namespace with its own loopback)
set -euo pipefail

ACTION=${1:-up}
SLOTS=${SHIPLOG_SANDBOX_SLOTS:-1}
APP_SLOTS=${SHIPLOG_SANDBOX_APP_SLOTS:-0}
BUILD_USER=${SHIPLOG_SANDBOX_USER:-shiplog-build}
TABLE=shiplog_sandbox
RUNDIR=/run/shiplog-sandbox
VETH_PREFIX=shb          # host-side veth names: shb0, shb1, ... (nft matches "shb*")
NET_PREFIX=10.231.0      # slot k uses $NET_PREFIX.<4k>/30
APP_VETH_PREFIX=sha      # application slots: sha0, sha1, ...
APP_NET_PREFIX=10.231.1  # application slot k uses $APP_NET_PREFIX.<4k>/30

log() { printf 'net-setup: %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

netns_name() { if [ "$1" -eq 0 ]; then echo shiplog-build; else echo "shiplog-build-$1"; fi; }

[ "$(id -u)" -eq 0 ] || die "must run as root"
command -v nft >/dev/null || die "nft not found: install the Debian package nftables (apt-get install -y nftables)"
case "$SLOTS" in ''|*[!0-9]*) die "SHIPLOG_SANDBOX_SLOTS must be a number";; esac
[ "$SLOTS" -ge 1 ] && [ "$SLOTS" -le 63 ] || die "SHIPLOG_SANDBOX_SLOTS must be 1..63"
case "$APP_SLOTS" in ''|*[!0-9]*) die "SHIPLOG_SANDBOX_APP_SLOTS must be a number";; esac
[ "$APP_SLOTS" -le 64 ] || die "SHIPLOG_SANDBOX_APP_SLOTS must be 0..64"

# ---------------------------------------------------------------------------------------------------------------
down() {
    nft delete table inet "$TABLE" 2>/dev/null && log "deleted nft table inet $TABLE" || true
    local ns link
    for ns in $(ip netns list | awk '{print $1}' | grep -E '^shiplog-(build(-[0-9]+)?|app-[0-9]+)$' || true); do
        ip netns delete "$ns" && log "deleted netns $ns"       # also destroys the veth pair
    done
    for link in $(ip -o link show | awk -F': ' '{print $2}' | cut -d@ -f1 | grep -E "^(${VETH_PREFIX}|${APP_VETH_PREFIX})[0-9]+$" || true); do
        ip link delete "$link" 2>/dev/null || true
    done
    rm -rf "$RUNDIR"
    log "down: done (user $BUILD_USER kept; remove with: userdel $BUILD_USER)"
}

status() {
    ip netns list | grep -E '^shiplog-(build|app)' || echo "(no shiplog-build netns)"
    ip -br addr | grep -E "^(${VETH_PREFIX}|${APP_VETH_PREFIX})[0-9]+" || true
    nft list table inet "$TABLE" 2>/dev/null || echo "(no nft table inet $TABLE)"
    id "$BUILD_USER" 2>/dev/null || echo "(no user $BUILD_USER)"
}

# ---------------------------------------------------------------------------------------------------------------
# The home directory is never created on the host; it names the path where the sandbox mounts the workspace.
# It matters: the JVM takes user.home from the password database, not from $HOME, so with /nonexistent Maven
# would try to put its local repository in /nonexistent/.m2.
BUILD_HOME=/tmp/build
ensure_user() {
    if ! id -u "$BUILD_USER" >/dev/null 2>&1; then
        useradd --system --user-group --no-create-home --home-dir "$BUILD_HOME" \
                --shell /usr/sbin/nologin "$BUILD_USER"
        log "created system user $BUILD_USER ($(id "$BUILD_USER"))"
    fi
    if [ "$(getent passwd "$BUILD_USER" | cut -d: -f6)" != "$BUILD_HOME" ]; then
        usermod --home "$BUILD_HOME" "$BUILD_USER"
        log "home of $BUILD_USER set to $BUILD_HOME"
    fi
}

ensure_slot() {   # $1 = slot number [$2 = namespace, $3 = veth prefix, $4 = net prefix: an application slot]
    local k=$1 ns veth base host_ip ns_ip net=${4:-$NET_PREFIX}
    ns=${2:-$(netns_name "$k")}; veth="${3:-$VETH_PREFIX}${k}"
    base=$((4 * k)); host_ip="$net.$((base + 1))"; ns_ip="$net.$((base + 2))"

    # Namespace: a stale /run/netns/<name> (file without the nsfs bind) makes "ip netns add" fail -> recreate.
    if [ -e "/run/netns/$ns" ] && ! ip -n "$ns" link show lo >/dev/null 2>&1; then
        ip netns delete "$ns" 2>/dev/null || rm -f "/run/netns/$ns"
    fi
    if [ ! -e "/run/netns/$ns" ]; then
        ip netns add "$ns"
        log "created netns $ns"
    fi
    ip -n "$ns" link set lo up
    # No IPv6 inside at all (no link-local, no route): fc00::/7 / fe80::/10 questions never arise.
    ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1

    # veth pair: if the namespace end is missing (namespace recreated), rebuild the pair from scratch.
    if ! ip -n "$ns" link show eth0 >/dev/null 2>&1; then
        ip link delete "$veth" 2>/dev/null || true
        ip link add "$veth" type veth peer name eth0 netns "$ns"
        log "created veth $veth <-> $ns:eth0"
    fi
    sysctl -qw "net.ipv6.conf.$veth.disable_ipv6=1"
    ip addr replace "$host_ip/30" dev "$veth"
    ip link set "$veth" up
    ip netns exec "$ns" sysctl -qw net.ipv6.conf.eth0.disable_ipv6=1
    ip -n "$ns" addr replace "$ns_ip/30" dev eth0
    ip -n "$ns" link set eth0 up
    ip -n "$ns" route replace default via "$host_ip" dev eth0
}

ensure_firewall() {
    local uplink lan resolvers r dns_elems="" lan_elems=""
    uplink=$(ip -4 route show default | awk '{for (i = 1; i < NF; i++) if ($i == "dev") { print $(i + 1); exit }}')
    [ -n "$uplink" ] || die "no IPv4 default route: cannot tell the uplink interface"
    # The uplink's directly connected LAN(s) (e.g. the router, other machines) are off limits too.
    lan=$(ip -4 route show dev "$uplink" scope link | awk '{print $1}' | grep -E '^[0-9.]+/[0-9]+$' || true)
    for r in $lan; do lan_elems+="$r, "; done

    # Resolvers allowed on port 53. A loopback stub (systemd-resolved 127.0.0.53) is useless from the namespace:
    # fall back to the stub's upstreams.
    resolvers=$(awk '$1 == "nameserver" && $2 ~ /^[0-9.]+$/ {print $2}' /etc/resolv.conf)
    if echo "$resolvers" | grep -q '^127\.' && [ -r /run/systemd/resolve/resolv.conf ]; then
        resolvers=$(awk '$1 == "nameserver" && $2 ~ /^[0-9.]+$/ {print $2}' /run/systemd/resolve/resolv.conf)
    fi
    resolvers=$(echo "$resolvers" | grep -v '^127\.' || true)
    [ -n "$resolvers" ] || die "no usable IPv4 nameserver in /etc/resolv.conf"
    for r in $resolvers; do dns_elems+="$r, "; done

    mkdir -p "$RUNDIR"; chmod 755 "$RUNDIR"
    {
        echo "# generated by net-setup.sh: resolvers reachable from the build namespace"
        for r in $resolvers; do echo "nameserver $r"; done
        grep -E '^(search|domain|options)' /etc/resolv.conf || true
    } > "$RUNDIR/resolv.conf.new"
    chmod 644 "$RUNDIR/resolv.conf.new"; mv -f "$RUNDIR/resolv.conf.new" "$RUNDIR/resolv.conf"

    # "table X {}; delete table X; table X {...}" in one nft -f transaction = atomic, idempotent replace.
    nft -f - <<EOF
table inet $TABLE
delete table inet $TABLE
table inet $TABLE {
    set dns4 {
        type ipv4_addr
        elements = { ${dns_elems%, } }
    }
    set blocked4 {
        type ipv4_addr
        flags interval
        auto-merge
        elements = {
            0.0.0.0/8, 10.0.0.0/8, 100.64.0.0/10, 127.0.0.0/8, 169.254.0.0/16, 172.16.0.0/12,
            192.0.0.0/24, 192.168.0.0/16, 198.18.0.0/15, 224.0.0.0/4, 240.0.0.0/4,
            ${lan_elems}
        }
    }
    chain input {
        type filter hook input priority filter - 10; policy accept;
        iifname "${VETH_PREFIX}*" counter drop comment "builds never talk to the host itself"
        iifname "${APP_VETH_PREFIX}*" ct state established,related counter accept comment "answers to the worker's proxy"
        iifname "${APP_VETH_PREFIX}*" counter drop comment "applications never talk to the host itself"
    }
    chain forward {
        type filter hook forward priority filter - 10; policy accept;
        iifname "${VETH_PREFIX}*" meta nfproto ipv6 counter drop
        iifname "${VETH_PREFIX}*" ip daddr @dns4 udp dport 53 counter accept comment "resolver"
        iifname "${VETH_PREFIX}*" ip daddr @dns4 tcp dport 53 counter accept comment "resolver"
        iifname "${VETH_PREFIX}*" ip daddr @blocked4 counter drop comment "private/local ranges"
        iifname "${VETH_PREFIX}*" oifname != "$uplink" counter drop comment "egress only via uplink"
        iifname "${VETH_PREFIX}*" counter accept comment "public internet"
        oifname "${VETH_PREFIX}*" ct state established,related counter accept
        oifname "${VETH_PREFIX}*" counter drop comment "nothing may open connections into a build"
        iifname "${APP_VETH_PREFIX}*" meta nfproto ipv6 counter drop
        iifname "${APP_VETH_PREFIX}*" ip daddr @dns4 udp dport 53 counter accept comment "resolver"
        iifname "${APP_VETH_PREFIX}*" ip daddr @dns4 tcp dport 53 counter accept comment "resolver"
        iifname "${APP_VETH_PREFIX}*" ip daddr @blocked4 counter drop comment "private/local ranges"
        iifname "${APP_VETH_PREFIX}*" oifname != "$uplink" counter drop comment "egress only via uplink"
        iifname "${APP_VETH_PREFIX}*" counter accept comment "public internet"
        oifname "${APP_VETH_PREFIX}*" ct state established,related counter accept
        oifname "${APP_VETH_PREFIX}*" counter drop comment "nothing may open connections into an application from outside"
    }
    chain postrouting {
        type nat hook postrouting priority srcnat; policy accept;
        ip saddr $NET_PREFIX.0/24 oifname "$uplink" counter masquerade
        ip saddr $APP_NET_PREFIX.0/24 oifname "$uplink" counter masquerade
    }
}
EOF
    log "nft table inet $TABLE loaded (uplink $uplink, resolvers: $(echo $resolvers), lan: ${lan:-none})"
}

up() {
    ensure_user
    local k ns
    for ((k = 0; k < SLOTS; k++)); do ensure_slot "$k"; done
    for ((k = 0; k < APP_SLOTS; k++)); do ensure_slot "$k" "shiplog-app-$k" "$APP_VETH_PREFIX" "$APP_NET_PREFIX"; done
    # slots beyond SLOTS left over from an earlier run with more slots go (no build runs at worker start)
    for ns in $(ip netns list | awk '{print $1}' | grep -E '^shiplog-build-[0-9]+$' || true); do
        if [ "${ns##*-}" -ge "$SLOTS" ]; then ip netns delete "$ns"; log "deleted surplus netns $ns"; fi
    done
    for ns in $(ip netns list | awk '{print $1}' | grep -E '^shiplog-app-[0-9]+$' || true); do
        if [ "${ns##*-}" -ge "$APP_SLOTS" ]; then ip netns delete "$ns"; log "deleted surplus netns $ns"; fi
    done
    sysctl -qw net.ipv4.ip_forward=1
    ensure_firewall
    log "up: $SLOTS build slot(s) and $APP_SLOTS application slot(s) ready"
}

case "$ACTION" in
    up) up ;;
    down) down ;;
    status) status ;;
    *) die "usage: $0 [up|down|status]" ;;
esac
