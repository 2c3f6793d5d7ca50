#!/bin/bash
# sandbox.sh - run one untrusted build command isolated, as the unprivileged user shiplog-build.
#
# Usage (as root; the worker calls it exactly like this):
#   setsid --wait sandbox.sh -w WORKSPACE [-H DIR]... [-r DIR]... [-e KEY=VALUE]... [-E NAME]... [-V NAME]... \
#                 [-n NETNS|none] [-t TMPSIZE] -- bash -c "<buildCommand>"
#
#   -w DIR      workspace (required). Made owned by the build user on first use, bound read-write at
#               /tmp/build, which is the cwd and HOME of the build. May lie under a hidden directory.
#   -H PATH     hide PATH: any access to anything under it fails with EACCES ("Permission denied").
#               Directories get an empty read-only tmpfs of mode 000 owned by root, files a mode-000 file.
#   -r PATH     make PATH visible read-only in the sandbox at the same path. Everything outside the hidden
#               paths is visible read-only anyway; what this adds is paths under /tmp (which becomes a private
#               tmpfs): they are bind-mounted in. Must not lie under a hidden path (it could not be reached
#               there without ENOENT leaks) nor under /var/tmp or /dev/shm (fresh tmpfs too).
#   -e K=V      put K=V in the build's environment (the value is on this script's command line, which every
#               host user can read while the script runs, a few ms: prefer -E for secrets)
#   -E NAME     copy NAME=<value> from this script's own environment into the build's environment (the value
#               never appears on any command line)
#   -V NAME     NAME, in this script's own environment, holds a pair KEY=VALUE: put KEY=VALUE in the build's
#               environment. This is how the worker passes a build's variables: under names of its own, so that
#               a variable the build chose (LD_PRELOAD, BASH_ENV, ...) never reaches a process that runs as root.
#   -n NETNS    network namespace from net-setup.sh (default shiplog-build); "none" = new empty netns
#               (loopback only, no network at all)
#   -t SIZE     size cap of the private /tmp, /var/tmp and /dev/shm tmpfs (default 1g each)
#   -u USER     build user (default shiplog-build; created with useradd if missing)
#
# The build gets the environment PATH, HOME=/tmp/build, LANG=C.UTF-8 plus the -e/-E/-V pairs, and nothing else.
# Those pairs are exported only by the unprivileged init, after setpriv dropped root: no root process of the chain
# ever runs with them (a dynamic loader or bash as root would obey LD_PRELOAD or BASH_ENV).
#
# Process chain (each step execs the next; only two host processes remain during the build besides the
# build's own: "unshare" = session leader, and its child = pid 1 of the new pid namespace):
#
#   setsid --wait                               (worker: new session, leader pid = what the worker kills)
#    sandbox.sh (outer, root)                   parse + validate args, user, chown workspace; clears the
#                                               environment, exports only SBX_* settings
#     nsenter --net=/run/netns/shiplog-build    join the build network namespace
#      unshare --mount --pid --ipc --uts --fork --kill-child --mount-proc --propagation private
#       sandbox.sh --inner (root, pid 1)        assemble the mount tree (see inner()); clears the
#                                               environment, exports only PATH HOME LANG + SBX_ENV_*
#        setpriv --reuid --regid --clear-groups --no-new-privs --inh-caps=-all --bounding-set=-all
#                --pdeathsig=KILL               drop to the build user, no capabilities at all
#         bash -c INIT                          pid 1 of the namespace, unprivileged: exports the build's
#          bash -c "<buildCommand>"             variables, reaps zombies, forwards TERM/INT/HUP, exits with the
#                                               command's status
#
# When pid 1 of the namespace exits (the command ended) or is killed (the worker kills the session), the
# kernel SIGKILLs every other process of the namespace: nothing the build left behind survives, even if it
# called setsid itself and so left the worker's session.
set -euo pipefail

RUNDIR=/run/shiplog-sandbox            # created by net-setup.sh (resolv.conf, stage dir, hidden file)
BUILD_DIR=/tmp/build                   # where the workspace appears inside the sandbox
SELF=$(readlink -f "${BASH_SOURCE[0]}")
SYS_PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

die() { printf 'sandbox: %s\n' "$*" >&2; exit 125; }

# is_under CHILD PARENT: CHILD equals PARENT or lies below it (both canonical absolute paths)
is_under() { [ "$1" = "$2" ] || [ "$2" = / ] || [[ "$1" == "$2"/* ]]; }

# ================================================================================================================
# Inner stage: root, pid 1 of the fresh pid namespace, in a private mount namespace (propagation private, so
# nothing below leaks to the host), with /proc already remounted for the new pid namespace by unshare.
# ================================================================================================================
inner() {
    local stage=$RUNDIR/stage ws=$SBX_WS tmpsize=$SBX_TMPSIZE uid=$SBX_UID gid=$SBX_GID netns=$SBX_NETNS
    local -a ro=() hide=() hide_tmp=() envv=()
    local p rel i
    # newline-separated lists -> arrays (no forks: every fork here is startup latency of every build step)
    [ -n "$SBX_RO" ] && mapfile -t ro <<< "$SBX_RO"
    [ -n "$SBX_HIDE" ] && mapfile -t hide <<< "$SBX_HIDE"

    [ "$$" -eq 1 ] || die "inner stage is not pid 1 of a new pid namespace"
    [ "$netns" = none ] && ip link set lo up

    # 1. The whole inherited mount tree becomes read-only and nosuid (per-mount flags: the host keeps its rw
    #    mounts). This closes every world-writable place of the host (/var/tmp, /run/lock, /dev/shm, ...)
    #    without having to know them. Writable places are added afterwards, each on purpose.
    #    Our fresh /proc stays writable (/proc/self/oom_score_adj etc.).
    readonly_tree

    # 2. Assemble the future /tmp on a fresh tmpfs at the stage directory, while the workspace and the
    #    read-only dirs below /tmp are still reachable under their host paths (the workspace may lie under a
    #    directory hidden in step 4; once bound, the bind mount keeps it reachable).
    mount -n -t tmpfs -o "mode=1777,nosuid,nodev,size=$tmpsize" sbx-tmp "$stage"
    mkdir "$stage/build"
    mount -n --bind "$ws" "$stage/build"                           # a bind inherits ro from step 1:
    mount -n -o remount,bind,rw,nosuid,nodev "$stage/build"         # the workspace is made writable again
    for p in "${ro[@]}"; do
        is_under "$p" /tmp || continue      # outside /tmp: already visible, and read-only since step 1
        rel=${p#/tmp/}
        if [ -d "$p" ]; then mkdir -p "$stage/$rel"; else mkdir -p "$stage/${rel%/*}"; : > "$stage/$rel"; fi
        mount -n --bind "$p" "$stage/$rel"                          # inherits ro,nosuid from step 1
    done
    # hidden paths below /tmp: remember which exist on the host; step 4 re-creates them as hidden
    for p in "${hide[@]}"; do
        if is_under "$p" /tmp && [ -e "$p" ]; then
            if [ -d "$p" ]; then hide_tmp+=("d:$p"); else hide_tmp+=("f:$p"); fi
        fi
    done

    # 3. The stage becomes /tmp (needs private propagation of its parent: unshare --propagation private).
    mount -n --move "$stage" /tmp

    # 4. Hide: an empty, read-only tmpfs of mode 000 owned by root over each directory. Without
    #    CAP_DAC_OVERRIDE/CAP_DAC_READ_SEARCH the build can neither list it nor look anything up in it, so every
    #    path below it fails with EACCES (never ENOENT, which would tell what does not exist).
    for p in "${hide[@]}"; do
        is_under "$p" /tmp && continue
        if [ -d "$p" ]; then
            mount -n -t tmpfs -o ro,mode=000,uid=0,gid=0,size=4k,nr_inodes=1,nosuid,nodev,noexec sbx-hidden "$p"
        elif [ -e "$p" ]; then
            mount -n --bind "$RUNDIR/hidden-file" "$p"
        fi
    done
    for p in "${hide_tmp[@]}"; do
        if [ "${p%%:*}" = d ]; then
            mkdir -p "${p#d:}"
            mount -n -t tmpfs -o ro,mode=000,uid=0,gid=0,size=4k,nr_inodes=1,nosuid,nodev,noexec sbx-hidden "${p#d:}"
        else
            p=${p#f:}; mkdir -p "${p%/*}"; : > "$p"
            mount -n --bind "$RUNDIR/hidden-file" "$p"
        fi
    done

    # 5. Other scratch places: private, writable, size-capped.
    [ -d /var/tmp ] && mount -n -t tmpfs -o "mode=1777,nosuid,nodev,size=$tmpsize" sbx-vartmp /var/tmp
    [ -d /dev/shm ] && mount -n -t tmpfs -o "mode=1777,nosuid,nodev,noexec,size=$tmpsize" sbx-shm /dev/shm

    # 6. DNS: the resolvers net-setup.sh allowed through the firewall (bind inherits ro from step 1).
    if [ "$netns" != none ] && [ -f "$RUNDIR/resolv.conf" ]; then
        mount -n --bind "$RUNDIR/resolv.conf" /etc/resolv.conf
    fi

    # 7. Environment: exactly what was passed. It is handed over as this process's environment (exported
    #    variables), not as `env -i K=V` arguments, so no value ever appears on a command line (host users can
    #    read every process's command line, but only root can read its environment). The build's own pairs stay
    #    under the SBX_ENV_* names through setpriv (root): the unprivileged init exports them under theirs.
    envv=("PATH=/usr/local/bin:/usr/bin:/bin" "HOME=$BUILD_DIR" "LANG=C.UTF-8" "SBX_ENV_COUNT=$SBX_ENV_COUNT")
    for ((i = 0; i < SBX_ENV_COUNT; i++)); do
        p="SBX_ENV_$i"; envv+=("$p=${!p}")
    done
    clear_environment
    for p in "${envv[@]}"; do export "$p"; done

    # 8. Drop privileges for good and start the unprivileged init, which runs the command as its child, reaps
    #    orphans (as pid 1 must), forwards TERM/INT/HUP, and exits with the command's status. `<&0` keeps the
    #    command's stdin (bash gives background jobs /dev/null otherwise).
    #    --pdeathsig=KILL: the kernel clears the parent-death signal that unshare --kill-child set as soon as
    #    the credentials change; setpriv sets it again after the change, so pid 1 (and with it the whole
    #    namespace) dies when unshare is killed. (bash adds PWD, SHLVL and _ to the environment by itself.)
    local init='for ((__sbx_i = 0; __sbx_i < SBX_ENV_COUNT; __sbx_i++)); do
    __sbx_p=SBX_ENV_$__sbx_i; __sbx_kv=${!__sbx_p}; unset "$__sbx_p"; export "$__sbx_kv"
done
unset SBX_ENV_COUNT __sbx_i __sbx_p __sbx_kv
"$@" <&0 &
child=$!
trap '\''kill -TERM "$child" 2>/dev/null'\'' TERM INT HUP
while :; do
    wait "$child"; rc=$?
    kill -0 "$child" 2>/dev/null || break
done
exit "$rc"'
    cd "$BUILD_DIR"
    exec setpriv --reuid="$uid" --regid="$gid" --clear-groups --no-new-privs \
        --inh-caps=-all --bounding-set=-all --pdeathsig=KILL \
        -- /bin/bash -c "$init" sandbox-init "$@"
}

# clear_environment: un-export every variable (what this bash would hand to the programs it runs)
clear_environment() {
    local v
    for v in $(compgen -e); do unset "$v" 2>/dev/null || export -n "$v"; done
}

# readonly_tree: make every mount of this (private) namespace read-only + nosuid.
# Fast path: one mount_setattr(2) call with AT_RECURSIVE (Linux >= 5.12; util-linux 2.38 has no CLI for it,
# so perl, which Debian always has (perl-base is Essential), makes the syscall: nr 442 on every architecture).
# Fallback: one "mount -o remount,bind,ro,nosuid" per mount point (~1.5 ms each). The mount table is read
# completely first: reading /proc/self/mountinfo while remounting garbles its lines.
readonly_tree() {
    perl -e '
        my ($root, $proc) = ("/", "/proc");               # (syscall() needs variables, not literals)
        # struct mount_attr { u64 attr_set, attr_clr, propagation, userns_fd }; RDONLY = 0x1, NOSUID = 0x2
        my $ro = pack("Q4", 0x1 | 0x2, 0, 0, 0);
        my $rw = pack("Q4", 0, 0x1, 0, 0);
        # mount_setattr(AT_FDCWD, "/", AT_RECURSIVE, ro), then /proc alone back to rw
        syscall(442, -100, $root, 0x8000, $ro, 32) == 0 or exit 1;
        syscall(442, -100, $proc, 0, $rw, 32) == 0 or exit 2;' 2>/dev/null && return 0
    local -a table; local line mp opts
    mapfile -t table < /proc/self/mountinfo
    for line in "${table[@]}"; do
        read -r _ _ _ _ mp opts _ <<< "$line"
        case "$mp" in /proc|/proc/*|*\\*) continue ;; esac
        case ",$opts," in *,ro,*) [[ ",$opts," == *,nosuid,* ]] && continue ;; esac
        mount -n -o remount,bind,ro,nosuid "$mp" 2>/dev/null || printf 'sandbox: warning: cannot make %s read-only\n' "$mp" >&2
    done
}

if [ "${1:-}" = --inner ]; then
    shift
    inner "$@"
    exit 125   # not reached
fi

# ================================================================================================================
# Outer stage: root, on the host. Validate, prepare, then exec the namespace chain.
# ================================================================================================================
[ "$(id -u)" -eq 0 ] || die "must run as root"

ws="" netns=shiplog-build tmpsize=1g user=shiplog-build
declare -a ro=() hide=() envpairs=()

canon() {   # canonical absolute path; the path must exist unless $2 = may-miss
    [[ "$1" == /* ]] || die "not an absolute path: $1"
    [[ "$1" != *$'\n'* ]] || die "path with a newline: $1"
    local c
    if c=$(readlink -e -- "$1"); then printf '%s' "$c"
    elif [ "${2:-}" = may-miss ]; then readlink -m -- "$1"
    else die "does not exist: $1"; fi
}

while [ $# -gt 0 ]; do
    case "$1" in
        -w) ws=$(canon "$2"); shift 2 ;;
        -H) hide+=("$(canon "$2" may-miss)"); shift 2 ;;
        -r) ro+=("$(canon "$2")"); shift 2 ;;
        -e) [[ "$2" =~ ^[A-Za-z_][A-Za-z0-9_]*= ]] || die "-e wants KEY=VALUE: $2"; envpairs+=("$2"); shift 2 ;;
        -E) [[ "$2" =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || die "-E wants a variable name: $2"
            [ -n "${!2+set}" ] || die "-E $2: not set in the environment"
            envpairs+=("$2=${!2}"); shift 2 ;;
        -V) [[ "$2" =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || die "-V wants a variable name: $2"
            [ -n "${!2+set}" ] || die "-V $2: not set in the environment"
            [[ "${!2}" =~ ^[A-Za-z_][A-Za-z0-9_]*= ]] || die "-V $2: does not hold KEY=VALUE"
            envpairs+=("${!2}"); shift 2 ;;
        -n) netns=$2; shift 2 ;;
        -t) tmpsize=$2; shift 2 ;;
        -u) user=$2; shift 2 ;;
        --) shift; break ;;
        *) die "unknown option: $1 (the command goes after --)" ;;
    esac
done
[ $# -gt 0 ] || die "no command given (after --)"
# A hidden path below another hidden path is hidden already, and could not be mounted on (its parent is an empty,
# read-only tmpfs by then): only the outermost ones are kept, each once.
declare -a outermost=()
for h in "${hide[@]}"; do
    inner_path=""
    for o in "${hide[@]}" "${outermost[@]}"; do
        if [ "$o" != "$h" ] && is_under "$h" "$o"; then inner_path=1; fi
    done
    for o in "${outermost[@]}"; do [ "$o" = "$h" ] && inner_path=1; done
    [ -n "$inner_path" ] || outermost+=("$h")
done
hide=("${outermost[@]}")
for kv in "${envpairs[@]}"; do   # the variables that bash itself keeps read-only cannot be handed over
    case "${kv%%=*}" in SHELLOPTS|BASHOPTS|BASH_VERSINFO|EUID|PPID|UID) die "cannot pass ${kv%%=*}: read-only in bash" ;; esac
done
[ -n "$ws" ] && [ -d "$ws" ] || die "-w WORKSPACE (an existing directory) is required"
[ "$ws" != / ] || die "the workspace cannot be /"
[[ "$tmpsize" =~ ^[0-9]+[kmg%]?$ ]] || die "bad -t size: $tmpsize"
for r in "${ro[@]}"; do
    for t in /var/tmp /dev/shm; do   # these become fresh tmpfs; only /tmp is staged
        is_under "$r" "$t" && die "read-only dir $r lies under $t, which the sandbox replaces (use /tmp)"
    done
    for h in "${hide[@]}"; do
        is_under "$r" "$h" && die "read-only dir $r lies under hidden $h: not reachable without leaking"
    done
done

# The build user (normally created by net-setup.sh already; concurrent useradd may lose a race: look again).
# Its passwd home is $BUILD_DIR: the JVM takes user.home from there, not from $HOME.
uid="" gid=""
IFS=: read -r _ _ uid gid _ < <(getent passwd "$user") || true
if [ -z "$uid" ]; then
    useradd --system --user-group --no-create-home --home-dir "$BUILD_DIR" --shell /usr/sbin/nologin "$user" \
        2>/dev/null || true
    IFS=: read -r _ _ uid gid _ < <(getent passwd "$user") || die "cannot create user $user"
fi
[ "$uid" -ne 0 ] && [ "$gid" -ne 0 ] || die "build user must not be root"

# Workspace ownership: chowned only on first use, i.e. while no untrusted process has run in it yet (a
# recursive chown over a tree that a running build can change races with symlink swaps). -h/-R never follow
# symlinks. Files the worker adds later as root stay root's: create them as the build user or chown them.
if [ "$(stat -c %u "$ws")" != "$uid" ]; then
    chown -R -h "$uid:$gid" "$ws"
fi

# Host-side helper files (net-setup.sh makes them too; cheap to check).
if [ ! -f "$RUNDIR/hidden-file" ] || [ ! -d "$RUNDIR/stage" ]; then
    mkdir -p "$RUNDIR/stage"; chmod 755 "$RUNDIR"
    [ -f "$RUNDIR/hidden-file" ] || { : > "$RUNDIR/hidden-file"; chmod 000 "$RUNDIR/hidden-file"; }
fi

if [ "$netns" = none ]; then
    netcmd=(unshare --net --)                 # a brand-new empty namespace: loopback only
else
    [ -e "/run/netns/$netns" ] || die "network namespace $netns missing: run net-setup.sh first"
    # nsenter only joins the namespace. (`ip netns exec` would also work but adds a mount namespace of its
    # own, remounts /sys and binds /etc/netns/<name>/*: more work, and the resolv.conf part is done below.)
    netcmd=(nsenter "--net=/run/netns/$netns" --)
fi

IFS=$'\n'   # "${ro[*]}" joins with newlines (paths with newlines were refused by canon)
declare -a sbxenv=(
    "PATH=$SYS_PATH" "SBX_WS=$ws" "SBX_UID=$uid" "SBX_GID=$gid" "SBX_NETNS=$netns" "SBX_TMPSIZE=$tmpsize"
    "SBX_RO=${ro[*]}" "SBX_HIDE=${hide[*]}" "SBX_ENV_COUNT=${#envpairs[@]}"
)
unset IFS
for i in "${!envpairs[@]}"; do sbxenv+=("SBX_ENV_$i=${envpairs[$i]}"); done
declare -a chain=("${netcmd[@]}"
    unshare --mount --pid --ipc --uts --fork --kill-child --mount-proc --propagation private
    -- /bin/bash "$SELF" --inner "$@")

# Hand over: the settings travel in the environment of the chain (readable only by root), not on a command
# line; nothing of the caller's environment goes along.
clear_environment
export "${sbxenv[@]}"
exec "${chain[@]}"
