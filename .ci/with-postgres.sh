#!/usr/bin/env bash
# Runs a command with a private, throw-away PostgreSQL server and its URL in HYPEROPT_TEST_PG:
#
#   .ci/with-postgres.sh mvn -B verify
#
# The server is a fresh cluster (initdb; 127.0.0.1 only, with a random password for user
# postgres, exported as PGPASSWORD) in a temporary folder, on a free port, owned by the
# postgres user (initdb refuses to run as root); it is
# stopped and deleted when the command ends, whatever its outcome. Needs Debian's PostgreSQL
# server packages (apt-get install postgresql); when they are missing and we are root, they
# are installed. HYPEROPT_TEST_PG_CTL names a script that stops, starts or restarts the
# server (argument stop, start or restart), for the tests of what a restart does.
# Without this script the PostgreSQL tests are skipped, saying why.
set -euo pipefail

if [ "$#" -eq 0 ]; then
  echo "usage: $0 COMMAND [ARG...]" >&2
  exit 2
fi

pgbin() {
  local v
  v=$(ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -1 || true)
  [ -n "$v" ] && [ -x "/usr/lib/postgresql/$v/bin/initdb" ] && echo "/usr/lib/postgresql/$v/bin"
}

PGBIN=$(pgbin || true)
if [ -z "$PGBIN" ] && [ "$(id -u)" -eq 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null
  PGBIN=$(pgbin || true)
fi
if [ -z "$PGBIN" ]; then
  echo "with-postgres: no PostgreSQL server found under /usr/lib/postgresql (apt-get install postgresql)" >&2
  exit 1
fi

# As root the cluster belongs to postgres; as anyone else, to the caller.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/sh -c "$1"; else sh -c "$1"; fi
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null \
    || echo $((20000 + RANDOM % 20000))
}

DATA=$(mktemp -d "${TMPDIR:-/tmp}/hyperopt-pg.XXXXXX")
[ "$(id -u)" -eq 0 ] && chown postgres "$DATA"
PORT=$(free_port)
cleanup() {
  as_owner "'$PGBIN/pg_ctl' -D '$DATA/db' -m immediate stop >/dev/null 2>&1" || true
  rm -rf "$DATA"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Connections over TCP need the password (as they would on a real server), so the tests
# exercise PGPASSWORD and ~/.pgpass; the socket in the data folder is trusted, for setup.
PGPASSWORD=$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
printf '%s\n' "$PGPASSWORD" > "$DATA/pw"
[ "$(id -u)" -eq 0 ] && chown postgres "$DATA/pw"
as_owner "'$PGBIN/initdb' -D '$DATA/db' --auth-local=trust --auth-host=scram-sha-256 --pwfile='$DATA/pw' -U postgres >'$DATA/initdb.log' 2>&1" \
  || { cat "$DATA/initdb.log" >&2; exit 1; }
rm -f "$DATA/pw"
as_owner "'$PGBIN/pg_ctl' -D '$DATA/db' -o \"-p $PORT -k '$DATA' -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200\" -l '$DATA/server.log' -w start >/dev/null" \
  || { cat "$DATA/server.log" >&2; exit 1; }
as_owner "'$PGBIN/createdb' -h '$DATA' -p $PORT -U postgres hyperopt_test"

# Tests and the fault benchmark restart the server mid-run: HYPEROPT_TEST_PG_CTL stop|start|restart.
CTL="$DATA/ctl"
cat > "$CTL" <<CTLEOF
#!/bin/sh
# Stops (fast: sessions are cut off), starts or restarts this script's PostgreSQL server.
case "\$1" in stop|start|restart) ;; *) echo "usage: \$0 stop|start|restart" >&2; exit 2 ;; esac
cmd="'$PGBIN/pg_ctl' -D '$DATA/db' -m fast -w -l '$DATA/server.log' -o \"-p $PORT -k '$DATA' -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200\" \$1 >/dev/null"
if [ "\$(id -u)" -eq 0 ]; then exec su postgres -s /bin/sh -c "\$cmd"; else exec sh -c "\$cmd"; fi
CTLEOF
chmod 755 "$CTL"

export PGPASSWORD
export HYPEROPT_TEST_PG_CTL="$CTL"
export HYPEROPT_TEST_PG="postgresql://postgres@127.0.0.1:$PORT/hyperopt_test"
echo "with-postgres: PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') at $HYPEROPT_TEST_PG" >&2
set +e
"$@"
status=$?
set -e
exit $status
