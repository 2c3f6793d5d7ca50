# Kafka: a single KRaft node (broker + controller) from Maven Central jars.
# 127.0.0.1:9092 (PLAINTEXT), 127.0.0.1:9093 (CONTROLLER).

KAFKA_DIR="$STATE/kafka"
KAFKA_LIB="$KAFKA_DIR/lib"
KAFKA_DATA="$KAFKA_DIR/data"
KAFKA_CONF="$KAFKA_DIR/server.properties"
KAFKA_POM="$ROOT/deploy/kafka/pom.xml"

kafka_prepare() {
  kafka_fetch_jars || return 1
  # Regenerated at every start: the data path follows the checkout's location.
  mkdir -p "$KAFKA_DATA"
  sed "s|@KAFKA_DATA@|$KAFKA_DATA|g" "$ROOT/deploy/kafka/server.properties" >"$KAFKA_CONF" || return 1
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

# KRaft storage must be formatted with a cluster id once, before the first start.
kafka_format_once() {
  local id
  [[ -f $KAFKA_DATA/meta.properties ]] && return 0
  info "kafka: formatting the storage (first run)"
  rm -rf "$KAFKA_DATA" && mkdir -p "$KAFKA_DATA"
  id=$(kafka_storage_tool random-uuid 2>/dev/null | tail -n1) || return 1
  [[ -n $id ]] || { err "kafka: StorageTool random-uuid printed nothing"; return 1; }
  if ! kafka_storage_tool format -t "$id" -c "$KAFKA_CONF" >"$KAFKA_DIR/format.log" 2>&1; then
    err "kafka: formatting the storage failed:"; cat "$KAFKA_DIR/format.log" >&2
    return 1
  fi
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
