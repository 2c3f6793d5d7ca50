# The four Quarkus services, run from their fast-jars (their own config defaults
# point at the infra ports). Health: /q/health/ready.

service_jar() { echo "$ROOT/$1/target/quarkus-app/quarkus-run.jar"; }

# Each service logs in to Kafka as itself (its ACLs allow its own topics only); secrets go in the environment.
# Only the services that seal or open secrets get the sealing keys (environment secrets, webhook secrets).
service_start() {
  local keys="" current=""
  if [[ $1 == environment-service || $1 == pipeline-worker || $1 == notification-service ]]; then
    keys=$(secret_keys_list) current=$(secret_keys_current)
  fi
  SHIPLOG_KAFKA_USER=$1 SHIPLOG_KAFKA_PASSWORD=$(secret_value "kafka-$1-password") \
    SHIPLOG_SECRETS_KEYS=$keys SHIPLOG_SECRETS_CURRENT=$current \
    start_java "$1" -Xmx256m $(service_jvm_opts "$1") ${SHIPLOG_SERVICE_JVM_OPTS:-} -jar "$(service_jar "$1")"
}

# The pipeline-worker starts a process or more per build step: vfork spares the JDK's helper process (posix_spawn
# of jspawnhelper, then exec) on each, ~5 ms on these machines.
service_jvm_opts() { [[ $1 == pipeline-worker ]] && echo "-Djdk.lang.Process.launchMechanism=VFORK"; return 0; }

service_ready() { curl -sf -o /dev/null --max-time 2 "http://127.0.0.1:${PORTS[$1]}/q/health/ready"; }

service_prepare() { services_build_if_stale "$1"; }

# Stale: its jar is missing, or a pom.xml or a file under some src/ is newer
# than the jar. Coarse on purpose (any module counts): a needless build costs
# little. deploy/ and e2e-tests/ are not part of any service jar.
service_stale() {
  local jar
  jar=$(service_jar "$1")
  [[ -f $jar ]] || return 0
  [[ -n $(find "$ROOT" \( -name .git -o -name .shiplog -o -name target -o -name node_modules \
            -o -path "$ROOT/deploy" -o -path "$ROOT/e2e-tests" \) -prune \
          -o -type f \( -name pom.xml -o -path '*/src/*' \) -newer "$jar" -print -quit) ]]
}

# One build of the whole reactor (mvn -B -q -DskipTests install) when a
# service to start is stale, at most once per ./shiplog run: the result is
# remembered, so a failed build is not retried for every service.
SERVICES_BUILD_RC=""
services_build_if_stale() {
  local c=$1 s running=()
  [[ -n $SERVICES_BUILD_RC ]] || service_stale "$c" || return 0
  if [[ -z $SERVICES_BUILD_RC ]]; then
    SERVICES_BUILD_RC=0
    if [[ ! -f $ROOT/pom.xml ]]; then
      err "services: no pom.xml at the repo root, nothing to build the services from"
      SERVICES_BUILD_RC=1
    else
      info "services: building, $c is missing or older than the sources (mvn -B -q -DskipTests install)"
      for s in "${SERVICES[@]}"; do running_pid "$s" >/dev/null && running+=("$s"); done
      ((${#running[@]} == 0)) || warn "already running, they keep their old code: ${running[*]} (./shiplog down services && ./shiplog up)"
      (cd "$ROOT" && mvn -B -q -DskipTests install) || { err "services: Maven build failed"; SERVICES_BUILD_RC=1; }
    fi
  fi
  ((SERVICES_BUILD_RC == 0)) || return 1
  [[ -f $(service_jar "$c") ]] || { err "$c: the build did not produce $c/target/quarkus-app/quarkus-run.jar"; return 1; }
}
