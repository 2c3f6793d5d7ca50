# Secrets of the local platform, made once by ./shiplog and kept in .shiplog/secrets (0700, files 0600): only the
# user that runs ./shiplog can read them. Nothing secret is in the repository, on a command line or on the log.
#   admin-token                the instance administrator's API token (shp_...); services get only its sha256
#   jwt-private.pem, .pub.pem  the key pair of the local JWT issuer: services trust the public key, tests (and you,
#                              to try single sign-on) sign tokens with the private one
#   postgres-password          PostgreSQL's superuser, used by ./shiplog only
#   db-password                the services' database role (shiplog)
#   kafka-<user>-password      Kafka's SCRAM users: admin (the launcher, tests) and one per service, outside (an
#                              example outside service, may only write commands)
#   secret-keys                the keys that seal environment secrets (AES-256), one "id:base64" per line; the last
#                              line seals new values, the others still open what they sealed. To rotate: append a
#                              line (e.g. k2:$(head -c 32 /dev/urandom | base64)), restart, then POST
#                              /api/admin/secrets/reseal. Only environment-service and pipeline-worker get them.

SECRETS="$STATE/secrets"

# A random string of [A-Za-z0-9_-], $1 characters long.
random_text() { head -c 256 /dev/urandom | base64 -w0 | tr '+/' '-_' | tr -d '=' | cut -c1-"$1"; }

# The secret file $1, made with generator $2... when missing; prints its content.
secret() {
  local file="$SECRETS/$1"; shift
  if [[ ! -s $file ]]; then
    (umask 077 && "$@" >"$file.tmp" && mv -f "$file.tmp" "$file") || { err "secrets: could not make $file"; return 1; }
  fi
  cat "$file"
}

admin_token_generate() {
  printf 'shp_%s_%s\n' "$(head -c 64 /dev/urandom | base64 -w0 | tr -dc 'a-z0-9' | cut -c1-16)" "$(random_text 43)"
}

secret_key_generate() { printf 'k1:%s\n' "$(head -c 32 /dev/urandom | base64 -w0)"; }

# The sealing keys as the services take them (shiplog-secrets.keys, .current): "id:key,id:key" and the last id.
secret_keys_list() { grep -E '^[A-Za-z0-9_-]{1,32}:' "$SECRETS/secret-keys" | paste -sd, -; }
secret_keys_current() { grep -E '^[A-Za-z0-9_-]{1,32}:' "$SECRETS/secret-keys" | tail -n1 | cut -d: -f1; }

# Makes every missing secret (idempotent). .shiplog/secrets is private; .shiplog itself may be passed through but
# not listed by others (the postgres OS user must reach .shiplog/pg).
secrets_prepare() {
  mkdir -p "$SECRETS" && chmod 711 "$STATE" && chmod 700 "$SECRETS" || return 1
  local token
  token=$(secret admin-token admin_token_generate) || return 1
  [[ $token =~ ^shp_[a-z0-9]{16}_[A-Za-z0-9_-]{43}$ ]] || { err "secrets: $SECRETS/admin-token is not a token; remove it to get a new one"; return 1; }
  if [[ ! -s $SECRETS/jwt-private.pem || ! -s $SECRETS/jwt-public.pem ]]; then
    command -v openssl >/dev/null || { err "secrets: openssl is needed to make the JWT key pair"; return 1; }
    (umask 077 && openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$SECRETS/jwt-private.pem" 2>/dev/null \
      && openssl pkey -in "$SECRETS/jwt-private.pem" -pubout -out "$SECRETS/jwt-public.pem") || { err "secrets: openssl could not make the JWT key pair"; return 1; }
  fi
  secret postgres-password random_text 32 >/dev/null || return 1
  secret secret-keys secret_key_generate >/dev/null || return 1
  grep -qxE '[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/]{43}=' "$SECRETS/secret-keys" || { err "secrets: $SECRETS/secret-keys holds no id:base64 key line"; return 1; }
  secret db-password random_text 32 >/dev/null || return 1
  local user
  for user in admin controller "${SERVICES[@]}" outside; do
    secret "kafka-$user-password" random_text 32 >/dev/null || return 1
  done
}

secret_value() { tr -d '\n' <"$SECRETS/$1"; }

# What the services and the tests are given, as environment variables (never as -D: command lines are public).
secrets_export() {
  export SHIPLOG_ADMIN_TOKEN_SHA256 SHIPLOG_JWT_PUBLIC_KEY SHIPLOG_DB_PASSWORD QUARKUS_DATASOURCE_PASSWORD SHIPLOG_SECRETS
  SHIPLOG_SECRETS="$SECRETS"
  SHIPLOG_ADMIN_TOKEN_SHA256=$(printf %s "$(secret_value admin-token)" | sha256sum | cut -d' ' -f1)
  SHIPLOG_JWT_PUBLIC_KEY="$SECRETS/jwt-public.pem"
  SHIPLOG_DB_PASSWORD=$(secret_value db-password)
  QUARKUS_DATASOURCE_PASSWORD=$SHIPLOG_DB_PASSWORD
}
