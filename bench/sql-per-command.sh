#!/usr/bin/env bash
# Counts the SQL statements one withdrawal costs, command path and projections together: starts the service
# (gateway/target/ledger.jar) on a fresh database whose statements PostgreSQL logs (log_min_duration_statement=0,
# set for that database only with ALTER DATABASE), opens and funds a wallet, then sends N withdrawals one after
# the other and counts the statements logged meanwhile, minus those of an idle window of the same length (pollers).
#
#   bench/sql-per-command.sh [N=100]        # needs psql, curl, jq; reads the server log (PG_LOG)
#
# Environment: PGHOST/PGPORT/PGUSER (127.0.0.1/5432/postgres), PORT=18081, JAVA_OPTS,
#   PG_LOG=/var/log/postgresql/postgresql-15-main.log (the server's log file; needs read access)
set -euo pipefail
N=${1:-100}
PORT=${PORT:-18081}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
PG_LOG=${PG_LOG:-/var/log/postgresql/postgresql-15-main.log}
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DB=ledger_sqlcount_$(date -u +%Y%m%d%H%M%S)
OUT=${OUT:-$REPO/bench/results/sql-$(date -u +%Y%m%dT%H%M%SZ)}
BASE=http://127.0.0.1:$PORT ADMIN=lk_sqlcount-admin
mkdir -p "$OUT"
[ -r "$PG_LOG" ] || { echo "cannot read $PG_LOG"; exit 1; }

JAVA_PID=
cleanup() {
  set +e
  [ -n "$JAVA_PID" ] && kill "$JAVA_PID" 2>/dev/null && wait "$JAVA_PID" 2>/dev/null
  psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)"
}
trap cleanup EXIT

psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "CREATE DATABASE $DB" \
  -c "ALTER DATABASE $DB SET log_min_duration_statement = 0"
LEDGER_DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" LEDGER_DB_USER=$PGUSER LEDGER_ADMIN_API_KEY=$ADMIN \
  LEDGER_PORT=$PORT java -Xmx512m ${JAVA_OPTS:-} -jar "$REPO/gateway/target/ledger.jar" > "$OUT/service.log" 2>&1 &
JAVA_PID=$!
for _ in $(seq 1 600); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' -m 1 "$BASE/actuator/health")" = 200 ] && break; sleep 0.1
done
CLIENT=$(curl -sf -X POST "$BASE/api/admin/api-keys" -H "X-API-Key: $ADMIN" -H 'Content-Type: application/json' \
  -d '{"role":"client","userId":"sql"}' | jq -r .key)
WALLET=$(curl -sf -X POST "$BASE/api/wallets" -H "X-API-Key: $CLIENT" -H "Idempotency-Key: open-1" \
  -H 'Content-Type: application/json' -d '{"currency":"USD"}' | jq -r .walletId)
curl -sf -o /dev/null -X POST "$BASE/api/wallets/$WALLET/deposits" -H "X-API-Key: $ADMIN" -H "Idempotency-Key: dep-1" \
  -H 'Content-Type: application/json' -d '{"amount":"1000.00"}'
sleep 3

# "execute" lines of the extended protocol (plus simple-protocol "statement" lines) of this database since $1
count_since() { # offset -> per-statement counts on stdout (normalised text), total in $OUT/.total
  tail -c +"$(( $1 + 1 ))" "$PG_LOG" | grep -a "@$DB " | grep -aE 'duration: [0-9.]+ ms  (execute [^:]*|statement): ' \
    | sed -E 's/.*duration: [0-9.]+ ms  (execute [^:]*|statement): //; s/\$[0-9]+/?/g; s/[0-9]+/N/g' \
    | cut -c1-110 | sort | uniq -c | sort -rn
}
measure() { # label seconds-or-withdrawals
  local off; off=$(stat -c %s "$PG_LOG")
  local t0; t0=$(date +%s%3N)
  if [ "$1" = idle ]; then sleep "$2"
  else
    for i in $(seq 1 "$N"); do
      curl -sf -o /dev/null -X POST "$BASE/api/wallets/$WALLET/withdrawals" -H "X-API-Key: $CLIENT" \
        -H "Idempotency-Key: w-$1-$i" -H 'Content-Type: application/json' -d '{"amount":"0.01"}'
    done
    sleep 2   # let the projections finish
  fi
  count_since "$off" > "$OUT/$1.txt"
  echo $(( $(date +%s%3N) - t0 ))
}
WD_MS=$(measure withdrawals)
IDLE_MS=$(measure idle "$(awk -v ms="$WD_MS" 'BEGIN { printf "%.1f", ms / 1000 }')")
total() { awk '{ s += $1 } END { print s + 0 }' "$1"; }
W=$(total "$OUT/withdrawals.txt") I=$(total "$OUT/idle.txt")
{
  echo "withdrawals: $N sequential on one wallet in $WD_MS ms: $W statements; idle window of $IDLE_MS ms: $I"
  awk -v w="$W" -v i="$I" -v n="$N" 'BEGIN { printf "statements per withdrawal (all connections, minus idle): %.1f\n", (w - i) / n }'
  echo; echo "per withdrawal, by statement (count / $N), during the withdrawals:"
  awk -v n="$N" '{ c = $1; $1 = ""; printf "  %6.2f %s\n", c / n, $0 }' "$OUT/withdrawals.txt" | head -40
  echo; echo "idle window, by statement:"; head -15 "$OUT/idle.txt"
} | tee "$OUT/sql-per-command.txt"
