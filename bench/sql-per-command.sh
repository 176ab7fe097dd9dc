#!/usr/bin/env bash
# Counts the SQL statements one withdrawal costs, command path and projections together: starts the service
# (gateway/target/ledger.jar) on a fresh database whose statements PostgreSQL logs (log_min_duration_statement=0,
# set for that database only with ALTER DATABASE), opens and funds a wallet, then sends N withdrawals one after
# the other and counts the statements logged meanwhile, minus those of an idle window of the same length (pollers).
# It also reads the database's pg_stat_database counters around both windows: commits, rows returned (rows read by
# sequential scans plus index entries returned), rows fetched, inserted and updated; and what was read of the event
# table: its sequential scans, and rows plus index entries read (a processor query that walks domain_event_entry
# shows up there).
#
#   bench/sql-per-command.sh [N=100] [WALLETS=1]   # needs psql, curl, jq; reads the server log (PG_LOG)
#
# With WALLETS > 1 the withdrawals go round-robin over that many wallets; PARALLEL=k sends them k at a time
# (concurrent commits, so the processors' tokens see gaps).
#
# Environment: PGHOST/PGPORT/PGUSER (127.0.0.1/5432/postgres), PORT=18081, JAVA_OPTS, JAR (gateway/target/ledger.jar),
#   PG_LOG=/var/log/postgresql/postgresql-15-main.log (the server's log file; needs read access)
set -euo pipefail
N=${1:-100}
WALLETS=${2:-1}
PARALLEL=${PARALLEL:-1}
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
  LEDGER_PORT=$PORT java -Xmx512m ${JAVA_OPTS:-} -jar "${JAR:-$REPO/gateway/target/ledger.jar}" > "$OUT/service.log" 2>&1 &
JAVA_PID=$!
for _ in $(seq 1 600); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' -m 1 "$BASE/actuator/health")" = 200 ] && break; sleep 0.1
done
CLIENT=$(curl -sf -X POST "$BASE/api/admin/api-keys" -H "X-API-Key: $ADMIN" -H 'Content-Type: application/json' \
  -d '{"role":"client","userId":"sql"}' | jq -r .key)
IDS=()
for w in $(seq 1 "$WALLETS"); do
  id=$(curl -sf -X POST "$BASE/api/wallets" -H "X-API-Key: $CLIENT" -H "Idempotency-Key: open-$w" \
    -H 'Content-Type: application/json' -d '{"currency":"USD"}' | jq -r .walletId)
  curl -sf -o /dev/null -X POST "$BASE/api/wallets/$id/deposits" -H "X-API-Key: $ADMIN" -H "Idempotency-Key: dep-$w" \
    -H 'Content-Type: application/json' -d '{"amount":"1000.00"}'
  IDS+=("$id")
done
sleep 3
# statistics, as a database in service has them: a table never analyzed looks empty to the planner, which then
# scans it whole for queries it would answer from an index
psql -X -q -d "$DB" -c "analyze"

# "execute" lines of the extended protocol (plus simple-protocol "statement" lines) of this database since $1
count_since() { # offset -> per-statement counts on stdout (normalised text), total in $OUT/.total
  tail -c +"$(( $1 + 1 ))" "$PG_LOG" | grep -a "@$DB " | grep -aE 'duration: [0-9.]+ ms  (execute [^:]*|statement): ' \
    | sed -E 's/.*duration: [0-9.]+ ms  (execute [^:]*|statement): //; s/\$[0-9]+/?/g; s/[0-9]+/N/g' \
    | cut -c1-110 | sort | uniq -c | sort -rn
}
# commits, rows returned/fetched/inserted/updated, and what was read of domain_event_entry: sequential scans, and rows
# read by them plus index entries read by index scans (rows returned also counts the system catalogs and every
# small read-model table the planner rightly scans whole, so it says little on its own about the event table)
STATS_SQL="select d.xact_commit, d.tup_returned, d.tup_fetched, d.tup_inserted, d.tup_updated, t.seq_scan,
    t.seq_tup_read + (select coalesce(sum(idx_tup_read), 0) from pg_stat_user_indexes i where i.relid = t.relid)
  from pg_stat_database d, pg_stat_user_tables t where d.datname = current_database() and t.relname = 'domain_event_entry'"
db_stats() { psql -X -At -F ' ' -d "$DB" -c "$STATS_SQL"; }
withdraw() { # i
  curl -sf -o /dev/null -X POST "$BASE/api/wallets/${IDS[$(( $1 % WALLETS ))]}/withdrawals" -H "X-API-Key: $CLIENT" \
    -H "Idempotency-Key: w-$1" -H 'Content-Type: application/json' -d '{"amount":"0.01"}'
}
export -f withdraw
measure() { # label seconds-or-withdrawals
  local off; off=$(stat -c %s "$PG_LOG")
  local t0; t0=$(date +%s%3N)
  db_stats > "$OUT/$1.stats-before"
  if [ "$1" = idle ]; then sleep "$2"
  else
    export BASE CLIENT WALLETS IDS_LIST="${IDS[*]}"
    seq 1 "$N" | xargs -P "$PARALLEL" -I{} bash -c 'IDS=($IDS_LIST); withdraw {}'
    sleep 3   # let the projections finish, and every backend report its counters
  fi
  count_since "$off" > "$OUT/$1.txt"
  db_stats > "$OUT/$1.stats-after"
  echo $(( $(date +%s%3N) - t0 ))
}
# per-withdrawal difference of the counters: (withdrawal window - idle window) / N
stats_per_withdrawal() {
  paste "$OUT/withdrawals.stats-before" "$OUT/withdrawals.stats-after" "$OUT/idle.stats-before" "$OUT/idle.stats-after" \
    | awk -v n="$N" '{ split("commits rows_returned rows_fetched rows_inserted rows_updated event_seq_scans event_rows_read", k, " ")
        for (i = 1; i <= 7; i++) printf "  %-15s %10.2f   (withdrawals %d, idle %d)\n", k[i],
          (($(i + 7) - $i) - ($(i + 21) - $(i + 14))) / n, $(i + 7) - $i, $(i + 21) - $(i + 14) }'
}
WD_MS=$(measure withdrawals)
IDLE_MS=$(measure idle "$(awk -v ms="$WD_MS" 'BEGIN { printf "%.1f", ms / 1000 }')")
total() { awk '{ s += $1 } END { print s + 0 }' "$1"; }
W=$(total "$OUT/withdrawals.txt") I=$(total "$OUT/idle.txt")
{
  echo "withdrawals: $N over $WALLETS wallet(s), $PARALLEL at a time, in $WD_MS ms: $W statements; idle window of $IDLE_MS ms: $I"
  awk -v w="$W" -v i="$I" -v n="$N" 'BEGIN { printf "statements per withdrawal (all connections, minus idle): %.1f\n", (w - i) / n }'
  echo "pg_stat_database per withdrawal (minus idle):"; stats_per_withdrawal
  echo; echo "per withdrawal, by statement (count / $N), during the withdrawals:"
  awk -v n="$N" '{ c = $1; $1 = ""; printf "  %6.2f %s\n", c / n, $0 }' "$OUT/withdrawals.txt" | head -40
  echo; echo "idle window, by statement:"; head -15 "$OUT/idle.txt"
} | tee "$OUT/sql-per-command.txt"
