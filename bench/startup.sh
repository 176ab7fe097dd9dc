#!/usr/bin/env bash
# Start-up time to healthy, measured as bench/run.sh does it (launch -> first 200 from /actuator/health, polled
# every 100 ms), RUNS times, each on a fresh database. Prints one line per run and the median, with the CPU time the
# JVM had used by then (user + system, from /proc: far less sensitive than wall time to other work on the machine),
# plus Spring's own "Started ... in" line.
#
#   bench/startup.sh [RUNS=3]
#   JAVA_OPTS="-XX:SharedArchiveFile=..." JAR=/path/to/ledger.jar bench/startup.sh 5
#
# Environment: PGHOST/PGPORT/PGUSER (127.0.0.1/5432/postgres), PORT=18082, JAR (gateway/target/ledger.jar),
#   JAVA_OPTS (extra JVM options), LEDGER_* settings pass through to the service.
set -euo pipefail
RUNS=${1:-3}
PORT=${PORT:-18082}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
JAR=${JAR:-$REPO/gateway/target/ledger.jar}
LOG=$(mktemp)
PID= DB=
cleanup() {
  set +e
  [ -n "$PID" ] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null
  [ -n "$DB" ] && psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)"
  rm -f "$LOG"
}
trap cleanup EXIT
times=() cpus=()
for run in $(seq 1 "$RUNS"); do
  DB=ledger_startup_$(date -u +%Y%m%d%H%M%S)_$run
  psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "CREATE DATABASE $DB"
  t0=$(date +%s%3N)
  # shellcheck disable=SC2086
  LEDGER_DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" LEDGER_DB_USER=$PGUSER LEDGER_ADMIN_API_KEY=lk_startup-admin \
    LEDGER_PORT=$PORT java -Xmx512m ${JAVA_OPTS:-} -jar "$JAR" > "$LOG" 2>&1 &
  PID=$!
  until [ "$(curl -s -o /dev/null -w '%{http_code}' -m 1 "http://127.0.0.1:$PORT/actuator/health")" = 200 ]; do
    kill -0 "$PID" 2>/dev/null || { echo "the service exited:"; tail -20 "$LOG"; exit 1; }
    sleep 0.1
  done
  ms=$(( $(date +%s%3N) - t0 ))
  cpu_ms=$(awk -v hz="$(getconf CLK_TCK)" '{ printf "%d", ($14 + $15) * 1000 / hz }' "/proc/$PID/stat")
  times+=("$ms")
  cpus+=("$cpu_ms")
  echo "run $run: healthy after $ms ms, JVM CPU $cpu_ms ms; $(grep -o 'Started LedgerApplication in .*' "$LOG" | head -1)"
  kill "$PID"; wait "$PID" 2>/dev/null || true; PID=
  psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)"; DB=
done
printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END { printf "healthy after, median of %d: %d ms (min %d, max %d)\n", NR, a[int((NR + 1) / 2)], a[1], a[NR] }'
printf '%s\n' "${cpus[@]}" | sort -n | awk '{ a[NR] = $1 } END { printf "JVM CPU until healthy, median of %d: %d ms (min %d, max %d)\n", NR, a[int((NR + 1) / 2)], a[1], a[NR] }'
