#!/usr/bin/env bash
# Entrypoint of the postgres:16 stand-in (e2e/images/postgres-standin): our own script that
# follows the documented environment contract of the official image, not its code. The server
# is Debian bookworm's PostgreSQL 15.
#   POSTGRES_PASSWORD          superuser password; required unless POSTGRES_HOST_AUTH_METHOD=trust
#   POSTGRES_USER              superuser name [postgres]
#   POSTGRES_DB                database created at init [$POSTGRES_USER]
#   POSTGRES_INITDB_ARGS       extra initdb arguments
#   POSTGRES_HOST_AUTH_METHOD  pg_hba method for TCP connections [scram-sha-256]
#   PGDATA                     data directory [/var/lib/postgresql/data]
# An empty PGDATA is initialised (initdb, the database, /docker-entrypoint-initdb.d/*.sh|*.sql),
# then the server runs in the foreground, listening on all addresses. Started as root, it
# prepares PGDATA and re-executes itself as postgres (uid 999).
set -euo pipefail

export PGDATA=${PGDATA:-/var/lib/postgresql/data}
PG_UID=999

log() { printf '%s [entrypoint] %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$*" >&2; }

if [ "${1:0:1}" = - ]; then set -- postgres "$@"; fi
# Anything but the server (psql, bash ...) runs as asked.
[ "${1:-}" = postgres ] || exec "$@"

if [ "$(id -u)" = 0 ]; then
  mkdir -p "$PGDATA" /var/run/postgresql
  chown "$PG_UID:$PG_UID" "$PGDATA" /var/run/postgresql
  chmod 700 "$PGDATA"
  chmod 3777 /var/run/postgresql
  exec setpriv --reuid="$PG_UID" --regid="$PG_UID" --init-groups "$0" "$@"
fi

init_database() {
  local user=${POSTGRES_USER:-postgres} db auth=${POSTGRES_HOST_AUTH_METHOD:-scram-sha-256}
  db=${POSTGRES_DB:-$user}
  if [ -z "${POSTGRES_PASSWORD:-}" ] && [ "$auth" != trust ]; then
    log "ERROR: the database is uninitialised and POSTGRES_PASSWORD is not set."
    log "Set POSTGRES_PASSWORD (or POSTGRES_HOST_AUTH_METHOD=trust to allow every connection without one)."
    exit 1
  fi
  mkdir -p "$PGDATA"
  chmod 700 "$PGDATA" 2>/dev/null || true
  log "initdb in $PGDATA (superuser $user)"
  local pwfile
  pwfile=$(mktemp)
  printf '%s\n' "${POSTGRES_PASSWORD:-}" >"$pwfile"
  # shellcheck disable=SC2086  # POSTGRES_INITDB_ARGS holds several arguments
  initdb --username="$user" ${POSTGRES_PASSWORD:+--pwfile="$pwfile"} ${POSTGRES_INITDB_ARGS:-} >&2
  rm -f "$pwfile"
  printf "\nlisten_addresses = '*'\n" >>"$PGDATA/postgresql.conf"
  printf '\nhost all all all %s\n' "$auth" >>"$PGDATA/pg_hba.conf"

  # A server on the socket only, so no client can connect before the setup is done.
  pg_ctl -D "$PGDATA" -o "-c listen_addresses=''" -w start >&2
  local psql=(psql -v ON_ERROR_STOP=1 --no-psqlrc --username "$user" --dbname postgres)
  if [ "$db" != postgres ]; then
    log "creating database $db"
    "${psql[@]}" --set db="$db" -q <<<'CREATE DATABASE :"db";' >&2
  fi
  local f
  for f in /docker-entrypoint-initdb.d/*; do
    [ -e "$f" ] || continue
    case "$f" in
      *.sh)
        log "running $f"
        # shellcheck disable=SC1090  # the initdb scripts are the user's
        . "$f" ;;
      *.sql) log "running $f"; "${psql[@]}" --dbname "$db" -f "$f" >&2 ;;
      *) log "ignoring $f" ;;
    esac
  done
  pg_ctl -D "$PGDATA" -m fast -w stop >&2
  log "initialisation done"
}

[ -s "$PGDATA/PG_VERSION" ] || init_database
shift
exec postgres "$@"
