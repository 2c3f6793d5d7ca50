# Kafka: a single KRaft node (broker + controller) from Maven Central jars.
# 127.0.0.1:9092 (SASL/SCRAM-SHA-512: every client authenticates), 127.0.0.1:9093 (CONTROLLER, the broker only).
# Users, topics and ACLs: deploy/kafka/KafkaAccess.java, run once the broker is up (kafka_probe).

KAFKA_DIR="$STATE/kafka"
KAFKA_LIB="$KAFKA_DIR/lib"
KAFKA_DATA="$KAFKA_DIR/data"
KAFKA_CONF="$KAFKA_DIR/server.properties"
KAFKA_POM="$ROOT/deploy/kafka/pom.xml"

kafka_prepare() {
  kafka_fetch_jars || return 1
  # Regenerated at every start: the data path follows the checkout's location. It holds passwords: 0600.
  mkdir -p "$KAFKA_DATA"
  (umask 077 && sed -e "s|@KAFKA_DATA@|$KAFKA_DATA|g" -e "s|@ADMIN_PASSWORD@|$(secret_value kafka-admin-password)|g" \
    -e "s|@CONTROLLER_PASSWORD@|$(secret_value kafka-controller-password)|g" \
    "$ROOT/deploy/kafka/server.properties" >"$KAFKA_CONF.new" && chmod 600 "$KAFKA_CONF.new" \
    && mv -f "$KAFKA_CONF.new" "$KAFKA_CONF") || return 1
  kafka_format_once
}

# Copy the broker's jars, unless a complete copy for this very pom is there.
# The stamp is written last, so an interrupted copy is redone from scratch.
kafka_fetch_jars() {
  local stamp="$KAFKA_LIB/.complete" want
  want=$(cksum <"$KAFKA_POM")
  [[ -f $stamp && $(<"$stamp") == "$want" ]] && return 0
  info "kafka: fetching the broker's jars (deploy/kafka/pom.xml)"
  rm -rf "$KAFKA_LIB"
  mvn -B -q -f "$KAFKA_POM" dependency:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$KAFKA_LIB" || { err "kafka: Maven could not copy the jars"; return 1; }
  echo "$want" >"$stamp"
}

kafka_storage_tool() { "$JAVA" -cp "$KAFKA_LIB/*" kafka.tools.StorageTool "$@"; }

# KRaft storage must be formatted with a cluster id once, before the first start, with the admin's SCRAM
# credentials (the only user that can exist before the broker runs). Storage from before authentication has no
# users: nobody could log in.
kafka_format_once() {
  local id
  if [[ -f $KAFKA_DATA/meta.properties ]]; then
    [[ -f $KAFKA_DATA/.shiplog-sasl ]] && return 0
    err "kafka: .shiplog/kafka/data was made before the broker required authentication, and has no users."
    err "kafka: start afresh: ./shiplog down && rm -rf .shiplog/kafka/data .shiplog/pg .shiplog/registry && ./shiplog up"
    return 1
  fi
  info "kafka: formatting the storage (first run)"
  rm -rf "$KAFKA_DATA" && mkdir -p "$KAFKA_DATA"
  id=$(kafka_storage_tool random-uuid 2>/dev/null | tail -n1) || return 1
  [[ -n $id ]] || { err "kafka: StorageTool random-uuid printed nothing"; return 1; }
  # the admin's password reaches the storage tool as an argument: a short-lived process, before anything else runs
  if ! kafka_storage_tool format -t "$id" -c "$KAFKA_CONF" \
    --add-scram "SCRAM-SHA-512=[name=admin,password=$(secret_value kafka-admin-password)]" >"$KAFKA_DIR/format.log" 2>&1; then
    err "kafka: formatting the storage failed:"; cat "$KAFKA_DIR/format.log" >&2
    return 1
  fi
  touch "$KAFKA_DATA/.shiplog-sasl"
}

# The users, topics and ACLs the services' configuration asks for (deploy/kafka/KafkaAccess.java), made once per
# model and storage: a stamp in the data directory remembers what was made.
kafka_access() {
  local stamp="$KAFKA_DATA/.shiplog-access" want user var
  want=$(cat "$ROOT/deploy/kafka/KafkaAccess.java" "$ROOT"/*/src/main/resources/application.properties "$SECRETS"/kafka-*-password | sha256sum | cut -d' ' -f1)
  [[ -f $stamp && $(<"$stamp") == "$want" ]] && return 0
  # the passwords reach the program in its environment only (a subshell: not in ./shiplog's own)
  if ! (
    for user in admin "${SERVICES[@]}" outside; do
      var="SHIPLOG_KAFKA_$(echo "${user//-/_}" | tr '[:lower:]' '[:upper:]')_PASSWORD"
      export "$var=$(secret_value "kafka-$user-password")"
    done
    exec "$JAVA" -cp "$KAFKA_LIB/*" "$ROOT/deploy/kafka/KafkaAccess.java" 127.0.0.1:9092 "$ROOT"
  ) >>"$(logfile kafka)" 2>&1; then
    err "kafka: making users, topics and ACLs failed (see .shiplog/logs/kafka.log)"
    return 1
  fi
  echo "$want" >"$stamp"
}

kafka_start() {
  start_java kafka -Xms128m -Xmx512m \
    -Dorg.slf4j.simpleLogger.showDateTime=true \
    -Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS \
    -cp "$KAFKA_LIB/*" kafka.Kafka "$KAFKA_CONF"
}

# The port alone is not enough: the listener accepts connections before the
# broker serves requests. The log line is only written once it does (and the
# log holds the current run only, see rotate_log).
kafka_ready() {
  port_open 9092 && grep -q 'Kafka Server started' "$(logfile kafka)" 2>/dev/null
}

# While waiting for health: once the broker serves, its users, topics and ACLs.
kafka_probe() { kafka_ready && kafka_access; }
