# Apicurio Registry 2.4.2 on 127.0.0.1:8081, built by deploy/registry/.
# Its storage is H2 in a file under .shiplog/registry: the schema ids inside every event on Kafka must survive a
# registry restart, or the log could no longer be read. H2 gives up on a locked table after 1 s by default, and
# clients registering their first schemas side by side met that (500s): LOCK_TIMEOUT waits up to 10 s.

REGISTRY_DIR="$ROOT/deploy/registry"
REGISTRY_JAR="$REGISTRY_DIR/app/target/quarkus-app/quarkus-run.jar"
REGISTRY_HEALTH=http://127.0.0.1:8081/health/ready
REGISTRY_API=http://127.0.0.1:8081/apis/registry/v2

# Build only when the jar is missing: the registry's sources are not ours to edit.
registry_prepare() {
  local settings=()
  [[ -f $REGISTRY_JAR ]] && return 0
  [[ -f $REGISTRY_DIR/pom.xml ]] || { err "registry: no deploy/registry/pom.xml in this checkout"; return 1; }
  # Apicurio's poms name repositories unreachable here: route all to Central.
  [[ -f $ROOT/deploy/maven-central-only.xml ]] && settings=(-s "$ROOT/deploy/maven-central-only.xml")
  info "registry: building Apicurio Registry (deploy/registry, first run only)"
  mvn -B -q "${settings[@]}" -f "$REGISTRY_DIR/pom.xml" package -DskipTests || { err "registry: Maven build failed"; return 1; }
  [[ -f $REGISTRY_JAR ]] || { err "registry: the build did not produce ${REGISTRY_JAR#"$ROOT"/}"; return 1; }
}

registry_start() {
  mkdir -p "$STATE/registry"
  REGISTRY_DATASOURCE_URL="jdbc:h2:file:$STATE/registry/registry;DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000" \
    start_java registry -Xmx128m -Dquarkus.http.port=8081 -Dquarkus.http.host=127.0.0.1 -jar "$REGISTRY_JAR"
}

registry_ready() { curl -sf -o /dev/null --max-time 2 "$REGISTRY_HEALTH"; }

# Healthy means ready and holding a group for every schema namespace. The serializers register schemas on
# first use, and a fresh registry (2.4.2 on H2) that is sent the first schemas of a group by two clients at
# once refuses one with GroupAlreadyExistsException on every retry, so that producer's send fails (seen on a
# fresh clone, where ./shiplog test's four modules start side by side). Groups made here, one at a time,
# leave nothing for the clients to race on. The groups are the namespaces of schemas/src/main/avro.
registry_probe() { registry_ready && registry_groups; }

registry_groups() {
  local ns
  for ns in $(grep -rhoE '"namespace" *: *"[^"]+"' "$ROOT/schemas/src/main/avro" | sed -E 's/.*"([^"]+)"$/\1/' | sort -u); do
    curl -sf -o /dev/null --max-time 5 "$REGISTRY_API/groups/$ns" && continue
    curl -sf -o /dev/null --max-time 5 -X POST -H 'Content-Type: application/json' -d "{\"id\":\"$ns\"}" \
      "$REGISTRY_API/groups" && continue
    curl -sf -o /dev/null --max-time 5 "$REGISTRY_API/groups/$ns" || { err "registry: could not create the group $ns"; return 1; }
  done
}
