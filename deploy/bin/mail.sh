# A local mail server that catches every email the platform sends (GreenMail standalone, from Maven Central):
# SMTP on 127.0.0.1:3025 (the notification-service's default), POP3 on 127.0.0.1:3110 to read it back, GreenMail's
# own REST API on 127.0.0.1:8086 (its default would be 8080, the gateway's). It keeps
# mail in memory only. Any address receives; `./shiplog mail <address>` prints what it got.

MAIL_DIR="$STATE/mail"
MAIL_LIB="$MAIL_DIR/lib"
MAIL_POM="$ROOT/deploy/mail/pom.xml"
MAIL_SMTP=3025
MAIL_POP3=3110
MAIL_API=8086

mail_prepare() {
  local stamp="$MAIL_LIB/.complete" want
  want=$(cksum <"$MAIL_POM")
  [[ -f $stamp && $(<"$stamp") == "$want" ]] && return 0
  info "mail: fetching GreenMail's jars (deploy/mail/pom.xml)"
  rm -rf "$MAIL_LIB"
  mvn -B -q -f "$MAIL_POM" dependency:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$MAIL_LIB" || { err "mail: Maven could not copy the jars"; return 1; }
  echo "$want" >"$stamp"
}

mail_start() {
  # auth disabled: any login reads the mailbox of that address (a local catcher; nothing leaves this machine)
  start_java mail -Xmx96m -Dgreenmail.hostname=127.0.0.1 -Dgreenmail.smtp.port=$MAIL_SMTP \
    -Dgreenmail.pop3.port=$MAIL_POP3 -Dgreenmail.auth.disabled -Dgreenmail.verbose=false \
    -Dgreenmail.api.hostname=127.0.0.1 -Dgreenmail.api.port=$MAIL_API \
    -cp "$MAIL_LIB/*" com.icegreen.greenmail.standalone.GreenMailStandaloneRunner
}

mail_ready() { port_open "$MAIL_SMTP" && port_open "$MAIL_POP3"; }

# ./shiplog mail <address> [N]: the messages the address received (the last N, default all), over POP3.
mail_read() {
  local address=$1 count n
  [[ $address =~ ^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+$ ]] || die "usage: ./shiplog mail <address> (an email address)"
  running_pid mail >/dev/null || die "the mail server is not running (./shiplog up)"
  count=$(curl -s --max-time 5 -u "$address:$address" "pop3://127.0.0.1:$MAIL_POP3/" | wc -l)
  info "$address: $count message(s)"
  for ((n = 1; n <= count; n++)); do
    printf -- '----- message %d -----\n' "$n"
    curl -s --max-time 5 -u "$address:$address" "pop3://127.0.0.1:$MAIL_POP3/$n" | tr -d '\r'
  done
}
