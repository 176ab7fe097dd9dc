#!/usr/bin/env bash
# Ledger benchmark: builds the service, starts it (-Xmx512m) on a fresh PostgreSQL database, seeds WALLETS USD
# wallets through the API, warms up, runs the scenarios with wrk, runs bench/pg-ceiling.sh in the same run, checks
# that no money was created or lost, and prints one table (also saved under bench/results/<ts>/). For every scenario
# it also reads the CPU per request from /proc (JVM by thread group, PostgreSQL, whole machine) and PostgreSQL's
# commits and rows per request from pg_stat_database (bench/cpu.py).
# Scenarios d (projection rebuild over 1,000,000 events) and e (as-of balance on a 100,000-event wallet) run first,
# on their own database and service: see bench/history.sh. Scenario f (opt-in) then runs (a) again on a database of
# its own whose event store already holds BIG_EVENTS=2,000,000 generated events: row "a@2M", see bench/bigstore.sh.
# Scenarios k and kh (opt-in) run (a) and (b) against the classic design of issue 11 (bench/classic/: Spring Boot +
# JDBC, SELECT ... FOR UPDATE, unique idempotency key, one transaction per withdrawal) after the ledger's scenarios,
# once the ledger's service has stopped, with the same wrk load and CPU accounting: see bench/classic.sh.
#
#   bench/run.sh                                   # from the repository root (or anywhere)
#   DURATION=15 SKIP_BUILD=1 bench/run.sh
#
# Environment:
#   DURATION=20        seconds per scenario (and per pg-ceiling mode)
#   WARMUP=10          seconds of warm-up (random withdrawals) before the scenarios
#   WALLETS=10000      wallets seeded, 100.00 USD each (the hot wallet gets 1,000,000.00, see below)
#   CONNECTIONS=32     wrk connections (-c); wrk threads: THREADS=2
#   SCENARIOS="a b c d e"  which scenarios to run (d, e: bench/history.sh, with its own settings; f, not in the
#                      default list: (a) on a store of BIG_EVENTS=2000000 events, bench/bigstore.sh; BIG_REPLAY=1
#                      also rebuilds the wallets/wallet-entries read models over that history first; k, kh, not in
#                      the default list: the classic design under (a)'s load (k: withdrawals of 0.01 over random
#                      wallets) and (b)'s (kh: on the hot wallet), ratios to the same ceilings, bench/classic.sh)
#   SKIP_BUILD=1       use the existing gateway/target/ledger.jar (and bench/classic/target/classic.jar if it exists)
#   SKIP_CEILING=1     do not run pg-ceiling.sh
#   KEEP_DB=1          keep the bench database (ledger_bench_<ts>) instead of dropping it
#   JFR=1              record the service with Java Flight Recorder (settings=profile) into results/<ts>/service.jfr
#                      and summarise its hot methods into results/<ts>/hot-methods.txt (bench/jfr-hot-methods.sh)
#   SERVICE_JVM        the service's JVM options as deployed ("-Xmx512m -XX:+UseParallelGC", as the Dockerfile runs it)
#   JAVA_OPTS          extra JVM options for the service (the ledger's; CLASSIC_JAVA_OPTS for the classic one)
#   CDS=1 (default)    start the service from the extracted jar with a class-data-sharing archive, as the Dockerfile
#                      does (made once per jar under bench/results/cds-<jar checksum>/ by a training start on H2)
#   PGHOST/PGPORT/PGUSER (127.0.0.1/5432/postgres), LEDGER_DB_PASSWORD (empty), PORT=18080, MGMT_PORT=18081
set -euo pipefail

DURATION=${DURATION:-20}
SERVICE_JVM=${SERVICE_JVM:-"-Xmx512m -XX:+UseParallelGC"}
WARMUP=${WARMUP:-10}
WALLETS=${WALLETS:-10000}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
SCENARIOS=${SCENARIOS:-"a b c d e"}
PORT=${PORT:-18080}
MGMT_PORT=${MGMT_PORT:-18081}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$BENCH_DIR/.." && pwd)
CEILING_SCRIPT=${CEILING_SCRIPT:-$BENCH_DIR/pg-ceiling.sh}
TS=$(date -u +%Y%m%dT%H%M%SZ)
OUT=$BENCH_DIR/results/$TS
DB=ledger_bench_$(date -u +%Y%m%d%H%M%S)
BASE=http://127.0.0.1:$PORT
MGMT=http://127.0.0.1:$MGMT_PORT   # management port: detailed health and /actuator/prometheus
ADMIN_KEY=lk_bench-admin
HOT_SEED_MINOR=100000000   # 1,000,000.00: the hot wallet must not run dry during (b)
SEED_MINOR=10000           # 100.00
mkdir -p "$OUT"
LOG=$OUT/run.log
exec > >(tee -a "$LOG") 2>&1

say() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*"; }
die() { say "FAILED: $*"; exit 1; }
now_ms() { date +%s%3N; }
psql_db() { psql -X -q -v ON_ERROR_STOP=1 -At -d "$DB" "$@"; }

JAVA_PID= SAMPLER_PID= DB_CREATED=
# Stops the sampler and the service of $DB (JAVA_PID), summarises its JFR recording if any.
stop_service() {
  if [ -n "$SAMPLER_PID" ]; then kill "$SAMPLER_PID" 2>/dev/null || true; wait "$SAMPLER_PID" 2>/dev/null || true; fi
  SAMPLER_PID=
  if [ -n "$JAVA_PID" ] && kill -0 "$JAVA_PID" 2>/dev/null; then
    say "stopping the service (pid $JAVA_PID)"
    kill "$JAVA_PID" || true
    for _ in $(seq 1 100); do kill -0 "$JAVA_PID" 2>/dev/null || break; sleep 0.2; done
    if kill -0 "$JAVA_PID" 2>/dev/null; then kill -9 "$JAVA_PID" || true; fi
    wait "$JAVA_PID" 2>/dev/null || true
  fi
  JAVA_PID=
  if [ -s "$OUT/service.jfr" ] && [ ! -s "$OUT/hot-methods.txt" ]; then
    bash "$BENCH_DIR/jfr-hot-methods.sh" "$OUT/service.jfr" > "$OUT/hot-methods.txt" 2>&1 \
      && say "hot methods in $OUT/hot-methods.txt"
  fi
  return 0
}
drop_db() {
  if [ -n "$DB_CREATED" ]; then
    if [ "${KEEP_DB:-0}" = 1 ]; then say "kept database $DB"
    else psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" && say "dropped database $DB" || true; fi
  fi
  DB_CREATED=
}
cleanup() {
  local rc=$?
  set +e
  declare -F history_cleanup >/dev/null && history_cleanup
  stop_service
  drop_db
  say "results in $OUT (exit $rc)"
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------- tools
for tool in curl jq psql pgbench awk xargs; do command -v $tool >/dev/null || die "$tool is required"; done
if ! command -v wrk >/dev/null; then
  say "installing wrk"
  SUDO=; [ "$(id -u)" != 0 ] && SUDO=sudo
  $SUDO apt-get install -y wrk >/dev/null 2>&1 || { $SUDO apt-get update -qq && $SUDO apt-get install -y wrk >/dev/null; }
fi
wrk --version 2>&1 | head -1 || true

# ---------------------------------------------------------------- build
cd "$REPO"
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  say "building (./mvnw -q -DskipTests package)"
  ./mvnw -q -DskipTests package
fi
JAR=$REPO/gateway/target/ledger.jar
[ -f "$JAR" ] || die "$JAR missing (run without SKIP_BUILD=1)"
RUN_JAR=$JAR CDS_OPTS=
if [ "${CDS:-1}" = 1 ]; then
  CDS_DIR=$BENCH_DIR/results/cds-$(cksum < "$JAR" | cut -d' ' -f1)
  if [ ! -f "$CDS_DIR/ledger.jsa" ]; then
    say "extracting the jar and recording a CDS archive in $CDS_DIR (once per jar)"
    rm -rf "$CDS_DIR"
    java -Djarmode=tools -jar "$JAR" extract --destination "$CDS_DIR" > /dev/null
    ( cd "$CDS_DIR" && LEDGER_DATA_DIR="$CDS_DIR/training-h2" LEDGER_PORT=0 \
        java $SERVICE_JVM -XX:ArchiveClassesAtExit="$CDS_DIR/ledger.jsa.tmp" -Dspring.context.exit=onRefresh \
        -jar "$CDS_DIR/ledger.jar" > "$CDS_DIR/training.log" 2>&1 ) || die "CDS training failed (see $CDS_DIR/training.log)"
    mv "$CDS_DIR/ledger.jsa.tmp" "$CDS_DIR/ledger.jsa"; rm -rf "$CDS_DIR/training-h2"
  fi
  RUN_JAR=$CDS_DIR/ledger.jar CDS_OPTS="-XX:SharedArchiveFile=$CDS_DIR/ledger.jsa"
fi
{ echo "commit $(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$REPO" diff --quiet 2>/dev/null || echo ' (dirty)')"
  echo "jar $(stat -c '%y' "$JAR")"; java -version 2>&1 | head -1; echo "cpus $(nproc)"
  echo "DURATION=$DURATION WARMUP=$WARMUP WALLETS=$WALLETS CONNECTIONS=$CONNECTIONS THREADS=$THREADS JFR=${JFR:-0} CDS=${CDS:-1} SERVICE_JVM=$SERVICE_JVM JAVA_OPTS=${JAVA_OPTS:-}"
  echo "load at start:$(uptime | sed 's/.*load average//')"
  echo "busiest processes at start:"; ps -eo pcpu,pid,comm --sort=-pcpu | sed -n 2,4p; } > "$OUT/env.txt"
cat "$OUT/env.txt"

# ---------------------------------------------------------------- functions for a service under load
# They work on $DB, $OUT and $JAVA_PID, so that scenario f (bench/bigstore.sh) runs them again in a subshell on a
# database, a directory ($OUT/f) and a service of its own.

# Samples every 200 ms: epoch_ms, lag of processor "wallets", max lag of all processors, JVM heap used (bytes).
sampler() {
  set +e
  while :; do
    local ts; ts=$(now_ms)
    curl -s -m 2 "$MGMT/actuator/prometheus" | awk -v ts="$ts" '
      /^ledger_processor_lag\{/ { v = $NF + 0; if (v > all) all = v; if ($0 ~ /processor="wallets"/) w = v }
      /^jvm_memory_used_bytes\{/ && /area="heap"/ { heap += $NF + 0 }
      END { if (heap > 0) printf "%s %d %d %d\n", ts, w, all, heap }' || true
    sleep 0.2
  done
}

# Starts the service on $DB (-Xmx512m, CDS, JFR, JAVA_OPTS), log $OUT/service.log; waits until healthy, then starts
# the sampler into $OUT/samples.txt. Sets JAVA_PID, SAMPLER_PID, STARTUP_MS.
start_service() {
  curl -s -o /dev/null -m 1 "$BASE/actuator/health" && die "something already listens on port $PORT"
  local jfr_opts= t0
  [ "${JFR:-0}" = 1 ] && jfr_opts="-XX:StartFlightRecording=filename=$OUT/service.jfr,settings=profile,dumponexit=true"
  t0=$(now_ms)
  # shellcheck disable=SC2086
  LEDGER_DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" LEDGER_DB_USER=$PGUSER \
    LEDGER_DB_PASSWORD=${LEDGER_DB_PASSWORD:-} LEDGER_ADMIN_API_KEY=$ADMIN_KEY LEDGER_PORT=$PORT LEDGER_MANAGEMENT_PORT=$MGMT_PORT \
    java $SERVICE_JVM $CDS_OPTS $jfr_opts ${JAVA_OPTS:-} -jar "$RUN_JAR" > "$OUT/service.log" 2>&1 &
  JAVA_PID=$!
  until [ "$(curl -s -o /dev/null -w '%{http_code}' -m 1 "$BASE/actuator/health")" = 200 ]; do
    kill -0 "$JAVA_PID" 2>/dev/null || die "the service exited during start-up (see $OUT/service.log)"
    [ $(( $(now_ms) - t0 )) -gt 180000 ] && die "not healthy after 180 s"
    sleep 0.1
  done
  STARTUP_MS=$(( $(now_ms) - t0 ))
  say "healthy after $STARTUP_MS ms"
  sampler > "$OUT/samples.txt" 2>/dev/null &
  SAMPLER_PID=$!
}

# 8 curl processes in parallel, each running its share of the requests from a config file over one kept-alive
# connection. Every request has its own Idempotency-Key.
seed_run() { # $1 = name; config files $OUT/seed/$1.<k>.cfg -> outputs $OUT/seed/$1.<k>.out
  local k pids=()
  for k in $(seq 0 7); do
    [ -f "$OUT/seed/$1.$k.cfg" ] || continue
    curl -s -K "$OUT/seed/$1.$k.cfg" > "$OUT/seed/$1.$k.out" & pids+=($!)
  done
  wait "${pids[@]}" || true
}

# A client key, then WALLETS wallets opened by it and an admin deposit on each (the first, the hot wallet, gets
# 1,000,000.00). Sets CLIENT_KEY, HOT_WALLET, SEED_MS; wallet ids in $OUT/wallets.txt; exports wrk's settings.
seed_wallets() {
  CLIENT_KEY=$(curl -sf -X POST "$BASE/api/admin/api-keys" -H "X-API-Key: $ADMIN_KEY" \
    -H 'Content-Type: application/json' -d '{"role":"client","userId":"bench"}' | jq -r .key)
  [ -n "$CLIENT_KEY" ] && [ "$CLIENT_KEY" != null ] || die "could not create the client key"
  mkdir -p "$OUT/seed"
  say "seeding $WALLETS wallets"
  local t_seed nw nd; t_seed=$(now_ms)
  awk -v n="$WALLETS" -v base="$BASE" -v key="$CLIENT_KEY" -v dir="$OUT/seed" 'BEGIN {
    for (i = 1; i <= n; i++) {
      f = dir "/open." (i % 8) ".cfg"
      if (f in seen) printf "next\n" > f; seen[f] = 1
      printf "url = \"%s/api/wallets\"\nrequest = \"POST\"\nheader = \"X-API-Key: %s\"\n", base, key > f
      printf "header = \"Idempotency-Key: seed-open-%d\"\nheader = \"Content-Type: application/json\"\n", i > f
      printf "data = \"{\\\"currency\\\":\\\"USD\\\",\\\"label\\\":\\\"bench-%d\\\"}\"\nwrite-out = \"\\n\"\n", i > f
    } }'
  seed_run open
  cat "$OUT"/seed/open.*.out | grep -o '"walletId" *: *"[^"]*"' | cut -d'"' -f4 > "$OUT/wallets.txt"
  nw=$(wc -l < "$OUT/wallets.txt")
  [ "$nw" = "$WALLETS" ] || die "opened $nw wallets of $WALLETS (see $OUT/seed/open.*.out)"
  HOT_WALLET=$(head -1 "$OUT/wallets.txt")
  awk -v base="$BASE" -v key="$ADMIN_KEY" -v dir="$OUT/seed" -v hot="$HOT_WALLET" '{
      f = dir "/deposit." (NR % 8) ".cfg"
      if (f in seen) printf "next\n" > f; seen[f] = 1
      amount = ($1 == hot) ? "1000000.00" : "100.00"
      printf "url = \"%s/api/wallets/%s/deposits\"\nrequest = \"POST\"\nheader = \"X-API-Key: %s\"\n", base, $1, key > f
      printf "header = \"Idempotency-Key: seed-deposit-%d\"\nheader = \"Content-Type: application/json\"\n", NR > f
      printf "data = \"{\\\"amount\\\":\\\"%s\\\"}\"\noutput = \"/dev/null\"\nwrite-out = \"%%{http_code}\\n\"\n", amount > f
    }' "$OUT/wallets.txt"
  seed_run deposit
  nd=$(cat "$OUT"/seed/deposit.*.out | grep -c '^201$' || true)
  [ "$nd" = "$WALLETS" ] || die "$nd deposits answered 201 of $WALLETS (see $OUT/seed/deposit.*.out)"
  SEED_MS=$(( $(now_ms) - t_seed ))
  say "seeded $nw wallets and $nd deposits in $SEED_MS ms ($(( 2 * WALLETS * 1000 / (SEED_MS > 0 ? SEED_MS : 1) )) requests/s); hot wallet $HOT_WALLET"
  # the planner's statistics as a database in service has them (autovacuum would get there at a time of its choosing):
  # without them, some of the projections' queries scan the whole events table during the first scenario
  psql_db -c "ANALYZE"
  export BENCH_API_KEY=$CLIENT_KEY BENCH_WALLETS_FILE=$OUT/wallets.txt BENCH_HOT_WALLET=$HOT_WALLET \
    BENCH_OUT=$OUT BENCH_LUA_DIR=$BENCH_DIR/wrk
}

# Sends again every request wrk did not see answered (same key, path and body) until it is not 409 in flight,
# and appends "kind status replayed" lines to $OUT/<scenario>.resolved.
resolve_pending() {
  local name=$1 key kind path body code replayed
  : > "$OUT/$name.resolved"
  while read -r key kind path; do
    case $kind in
      withdraw) body='{"amount":"0.01"}' ;;
      hold) body='{"amount":"0.01","expiresInSeconds":600}' ;;
      capture) body='{}' ;;
    esac
    for _ in $(seq 1 50); do
      code=$(curl -s -o /dev/null -D "$OUT/.resolve.h" -w '%{http_code}' -X POST "$BASE$path" \
        -H "X-API-Key: $CLIENT_KEY" -H "Idempotency-Key: $key" -H "X-Correlation-Id: $key" \
        -H 'Content-Type: application/json' -d "$body")
      [ "$code" = 409 ] || break
      sleep 0.2
    done
    replayed=$(grep -qi '^idempotent-replayed: *true' "$OUT/.resolve.h" && echo replayed || echo new)
    echo "$kind $code $replayed" >> "$OUT/$name.resolved"
  done < "$OUT/$name.pending"
  rm -f "$OUT/.resolve.h"
}

# The position of the store's head: run_wrk writes it before and after a scenario to $OUT/<name>.heads (the events
# appended in its window). bench/classic.sh redefines it for its database.
event_head() { psql_db -c "select coalesce(max(global_index), 0) from domain_event_entry"; }

run_wrk() { # name lua seconds; the window (start end, epoch ms) goes to $OUT/<name>.window
  local name=$1 lua=$2 secs=$3 start
  say "scenario $name: wrk -t$THREADS -c$CONNECTIONS -d${secs}s ($lua)"
  local head0; head0=$(event_head)
  start=$(now_ms)
  python3 "$BENCH_DIR/cpu.py" snap "$OUT/$name.cpu0.json" "$JAVA_PID" "$DB"
  BENCH_SCENARIO=$name wrk -t"$THREADS" -c"$CONNECTIONS" -d"${secs}s" --timeout 10s --latency \
    -s "$BENCH_DIR/wrk/$lua" "$BASE" > "$OUT/$name.wrk.txt" 2>&1 || die "wrk failed: $(tail -5 "$OUT/$name.wrk.txt")"
  echo "$start $(now_ms)" > "$OUT/$name.window"
  # events appended in the window: the lag in events becomes a lag in time at the rate they were appended
  echo "$head0 $(event_head)" > "$OUT/$name.heads"
  python3 "$BENCH_DIR/cpu.py" snap "$OUT/$name.cpu1.json" "$JAVA_PID" "$DB"
  local answered; answered=$(sed -n 's/^RESULT requests=\([0-9]*\).*/\1/p' "$OUT/$name.wrk.txt")
  python3 "$BENCH_DIR/cpu.py" row "$OUT/$name.cpu0.json" "$OUT/$name.cpu1.json" "${answered:-0}" > "$OUT/$name.cpu.txt"
  python3 "$BENCH_DIR/cpu.py" groups "$OUT/$name.cpu0.json" "$OUT/$name.cpu1.json" "${answered:-0}" > "$OUT/$name.threads.txt"
  grep -E '^(RESULT|STATUS)' "$OUT/$name.wrk.txt" | sed 's/^/  /'
  say "  per request: $(cat "$OUT/$name.cpu.txt")"
  resolve_pending "$name"
  [ -s "$OUT/$name.resolved" ] && say "  $(wc -l < "$OUT/$name.resolved") requests unanswered when wrk stopped, sent again: $(sort "$OUT/$name.resolved" | uniq -c | tr -s ' ' | paste -sd, -)"
  return 0
}

lag_all() { curl -s -m 2 "$MGMT/actuator/prometheus" | awk '/^ledger_processor_lag\{/ { v = $NF + 0; if (v > m) m = v } END { print m + 0 }'; }
wait_caught_up() { # sets CATCHUP_MS
  say "waiting for every processor's lag to reach 0"
  local t_lag zero=0 l; t_lag=$(now_ms)
  while :; do
    l=$(lag_all)
    if [ "$l" = 0 ]; then zero=$((zero + 1)); [ $zero -ge 3 ] && break; else zero=0; fi
    [ $(( $(now_ms) - t_lag )) -gt 120000 ] && die "projections still behind after 120 s (lag $l)"
    sleep 0.2
  done
  CATCHUP_MS=$(( $(now_ms) - t_lag ))
  say "caught up $CATCHUP_MS ms after the last scenario"
}

# outcome counts (observed by wrk + resolved afterwards), over warm-up and every scenario in $OUT
count_ok() { # kind status-regex -> number of responses
  local kind=$1 re=$2
  { cat "$OUT"/*.wrk.txt | awk -v k="$kind" -v re="^$re\$" '$1 == "STATUS" { split($2, a, ":"); if (a[1] == k && a[2] ~ re) n += $3 } END { print n + 0 }'
    cat "$OUT"/*.resolved 2>/dev/null | awk -v k="$kind" -v re="^$re\$" '$1 == k && $2 ~ re { n++ } END { print n + 0 }'; } \
    | awk '{ s += $1 } END { print s + 0 }'
}

# Conservation on $DB over the wallets seeded by seed_wallets (every wallet in the read models but generated ones,
# owner bench-history: scenario f with BIG_REPLAY=1) and the events after global index EVENTS_AFTER (0; scenario f:
# the head of its generated history). Sets CONSERVATION and PROBLEMS.
check_conservation() {
  say "checking conservation"
  local after=${EVENTS_AFTER:-0}
  local WITHDRAW_OK CAPTURE_OK HOLD_OK CHECK=$OUT/conservation.txt
  WITHDRAW_OK=$(count_ok withdraw 201)
  CAPTURE_OK=$(count_ok capture 200)
  HOLD_OK=$(count_ok hold 201)
  local WALLETS_DB BAD_BAL BAD_WAMT BAD_SEED BAD_JOURNAL SEEDED TOTAL WENTRIES CAPTURED WEVENTS CEVENTS HEVENTS
  read -r WALLETS_DB BAD_BAL BAD_WAMT BAD_SEED BAD_JOURNAL SEEDED TOTAL WENTRIES CAPTURED WEVENTS CEVENTS HEVENTS < <(psql_db -F ' ' <<SQL
with spent as (
  select wallet_id, sum(case when type = 'DEPOSITED' then amount else 0 end) as deposited,
         count(*) filter (where type = 'WITHDRAWN') as withdrawals,
         coalesce(sum(amount) filter (where type = 'WITHDRAWN'), 0) as withdrawn,
         coalesce(sum(amount) filter (where type = 'HOLD_CAPTURED'), 0) as captured
  from wallet_entry group by wallet_id),
w as (
  select v.wallet_id, v.balance, h.balance as journal_balance,
         case when v.wallet_id = '$HOT_WALLET' then $HOT_SEED_MINOR else $SEED_MINOR end as seed,
         coalesce(s.deposited, 0) as deposited, coalesce(s.withdrawals, 0) as withdrawals,
         coalesce(s.withdrawn, 0) as withdrawn, coalesce(s.captured, 0) as captured
  from wallet_view v left join spent s using (wallet_id) left join wallet_journal_head h using (wallet_id)
  where v.owner_id <> 'bench-history')
select count(*), count(*) filter (where balance <> seed - withdrawals - captured),
       count(*) filter (where withdrawn <> withdrawals), count(*) filter (where deposited <> seed),
       count(*) filter (where journal_balance is distinct from balance),
       sum(seed), sum(balance), sum(withdrawals), sum(captured),
       (select count(*) from domain_event_entry where global_index > $after and payload_type like '%MoneyWithdrawn'),
       (select count(*) from domain_event_entry where global_index > $after and payload_type like '%HoldCaptured'),
       (select count(*) from domain_event_entry where global_index > $after and payload_type like '%HoldPlaced')
from w;
SQL
) || true
  [ -n "${HEVENTS:-}" ] || die "conservation query failed"
  { echo "client-side successes (wrk + unanswered requests resolved by their keys): withdrawals 201=$WITHDRAW_OK holds 201=$HOLD_OK captures 200=$CAPTURE_OK"
    echo "database: wallets=$WALLETS_DB seeded=$SEEDED balance_total=$TOTAL withdrawn_entries=$WENTRIES captured_minor=$CAPTURED"
    echo "database: MoneyWithdrawn events=$WEVENTS HoldPlaced events=$HEVENTS HoldCaptured events=$CEVENTS (global index > $after)"
    echo "wallets failing: balance=$BAD_BAL withdrawal_amount=$BAD_WAMT seed=$BAD_SEED journal_head=$BAD_JOURNAL"; } > "$CHECK"
  cat "$CHECK"
  local EXPECTED_TOTAL=$(( SEEDED - WITHDRAW_OK - CAPTURE_OK ))
  PROBLEMS=()
  [ "$WALLETS_DB" = "$WALLETS" ] || PROBLEMS+=("wallet_view has $WALLETS_DB wallets, expected $WALLETS")
  [ "$BAD_BAL" = 0 ] || PROBLEMS+=("$BAD_BAL wallets whose balance != seed - withdrawals - captures")
  [ "$BAD_WAMT" = 0 ] || PROBLEMS+=("$BAD_WAMT wallets with a withdrawal entry other than 0.01")
  [ "$BAD_SEED" = 0 ] || PROBLEMS+=("$BAD_SEED wallets whose deposits != their seed")
  [ "$BAD_JOURNAL" = 0 ] || PROBLEMS+=("$BAD_JOURNAL wallets whose wallet_journal_head balance != wallet_view")
  [ "$TOTAL" = "$EXPECTED_TOTAL" ] || PROBLEMS+=("sum of balances $TOTAL != seeded $SEEDED - withdrawals $WITHDRAW_OK - captures $CAPTURE_OK = $EXPECTED_TOTAL")
  [ "$WEVENTS" = "$WITHDRAW_OK" ] || PROBLEMS+=("MoneyWithdrawn events $WEVENTS != successful withdrawal responses $WITHDRAW_OK")
  [ "$WENTRIES" = "$WEVENTS" ] || PROBLEMS+=("WITHDRAWN journal entries $WENTRIES != MoneyWithdrawn events $WEVENTS")
  [ "$CEVENTS" = "$CAPTURE_OK" ] || PROBLEMS+=("HoldCaptured events $CEVENTS != successful capture responses $CAPTURE_OK")
  [ "$HEVENTS" = "$HOLD_OK" ] || PROBLEMS+=("HoldPlaced events $HEVENTS != successful hold responses $HOLD_OK")
  [ "$CAPTURED" = "$CAPTURE_OK" ] || PROBLEMS+=("captured minor units $CAPTURED != successful captures $CAPTURE_OK")
  if [ ${#PROBLEMS[@]} = 0 ]; then
    CONSERVATION="OK: $WALLETS_DB wallets each equal seed - own withdrawals - own captures; total $TOTAL = $SEEDED - $WITHDRAW_OK - $CAPTURE_OK (minor units); MoneyWithdrawn events = 201 responses = $WEVENTS; HoldCaptured events = 200 responses = $CEVENTS"
  else
    CONSERVATION="FAILED: $(IFS='; '; echo "${PROBLEMS[*]}")"
  fi
  echo "$CONSERVATION" | tee -a "$CHECK"
}

# ---------------------------------------------------------------- table rows
window_stats() { # dir name -> "lag_p99 heap_peak_bytes samples" over the scenario's window (dir/name.window)
  local a b; read -r a b < "$1/$2.window"
  awk -v a="$a" -v b="$b" '$1 >= a && $1 <= b { n++; lag[n] = $2; if ($4 > h) h = $4 }
    END { if (n == 0) { print "- - 0"; exit }
          asort(lag); i = int(0.99 * n); if (i < 0.99 * n) i++; if (i < 1) i = 1; print lag[i], h, n }' "$1/samples.txt"
}
ms() { awk -v u="$1" 'BEGIN { printf "%.1f", u / 1000 }'; }
wrk_row() { # dir name label ceiling -> one row of the first table
  local dir=$1 name=$2 label=$3 ceil=$4 f=$1/$2.wrk.txt
  local r_requests r_duration_us r_p50_us r_p99_us r_p999_us r_connect r_read r_write r_timeout rps bad errors ratio lagp99 heap heapmb _n
  eval "$(awk '$1 == "RESULT" { for (i = 2; i <= NF; i++) { split($i, kv, "="); printf "r_%s=%s\n", kv[1], kv[2] } }' "$f")"
  rps=$(awk -v r="$r_requests" -v d="$r_duration_us" 'BEGIN { printf "%.0f", r / (d / 1e6) }')
  bad=$(awk '$1 == "STATUS" { split($2, a, ":"); if (a[2] !~ /^2/ && a[2] != "422") n += $3 } END { print n + 0 }' "$f")
  errors=$(( bad + r_connect + r_read + r_write + r_timeout ))
  ratio=$( [ -n "$ceil" ] && awk -v r="$rps" -v c="$ceil" 'BEGIN { printf "%.3f", r / c }' || echo n/a)
  read -r lagp99 heap _n < <(window_stats "$dir" "$name")
  heapmb=$( [ "$heap" != - ] && awk -v h="$heap" 'BEGIN { printf "%.0f", h / 1048576 }' || echo -)
  local lagms=- h0 h1 w0 w1
  if [ "$lagp99" != - ] && [ -s "$dir/$name.heads" ]; then
    read -r h0 h1 < "$dir/$name.heads"; read -r w0 w1 < "$dir/$name.window"
    lagms=$(awk -v l="$lagp99" -v e=$(( h1 - h0 )) -v w=$(( w1 - w0 )) 'BEGIN { if (e > 0) printf "%.0f", l * w / e; else print "-" }')
  fi
  printf '%-9s %10s %9s %9s %9s %8s %8s %9s %9s %9s\n' "$label" "$rps" "$(ms "$r_p50_us")" "$(ms "$r_p99_us")" "$(ms "$r_p999_us")" \
    "$errors" "$ratio" "$lagp99" "$lagms" "$heapmb"
}
cpu_row() { # dir name label -> one row of the per-request table
  local c_machine_ms c_jvm_ms c_http_ms c_processors_ms c_gc_ms c_pg_ms c_xact_commit c_tup_returned c_tup_inserted c_tup_updated c_other_ms c_tup_fetched
  eval "$(tr ' ' '\n' < "$1/$2.cpu.txt" | sed 's/^/c_/')"
  printf '%-9s %8s %8s %8s %8s %8s %8s %8s %9s %8s %8s\n' "$3" "$c_machine_ms" "$c_jvm_ms" "$c_http_ms" "$c_processors_ms" \
    "$c_gc_ms" "$c_pg_ms" "$c_xact_commit" "$c_tup_returned" "$c_tup_inserted" "$c_tup_updated"
}
responses_line() { # dir name label
  echo "responses $3: $(awk '$1 == "STATUS" { print $2 "=" $3 }' "$1/$2.wrk.txt" | sort | paste -sd' ' -)$( [ -s "$1/$2.resolved" ] && echo "; unanswered at wrk's stop, sent again: $(sort "$1/$2.resolved" | uniq -c | awk '{ print $2 ":" $3 ":" $4 "=" $1 }' | paste -sd' ' -)")"
}

# ---------------------------------------------------------------- d, e: history scenarios (bench/history.sh); f (bench/bigstore.sh)
source "$BENCH_DIR/history.sh"
source "$BENCH_DIR/bigstore.sh"
source "$BENCH_DIR/classic.sh"
for s in $SCENARIOS; do case $s in a|b|c|d|e|f|k|kh) ;; *) die "unknown scenario $s" ;; esac; done
ABC_SCENARIOS=$(for s in $SCENARIOS; do case $s in a|b|c) echo "$s" ;; esac; done | paste -sd' ' -)
CLASSIC_SCENARIOS=$(for s in $SCENARIOS; do case $s in k|kh) echo "$s" ;; esac; done | paste -sd' ' -)
[ -n "$CLASSIC_SCENARIOS" ] && classic_build
case " $SCENARIOS " in *" d "*|*" e "*) history_run ;; esac
case " $SCENARIOS " in *" f "*) bigstore_run ;; esac

PROBLEMS=() CONSERVATION= CEIL_RANDOM= CEIL_HOT= STARTUP_MS= SEED_MS=
run_ceiling() { # $1: what else is up meanwhile. Sets CEIL_RANDOM, CEIL_HOT.
  [ "${SKIP_CEILING:-0}" != 1 ] || return 0
  [ -x "$CEILING_SCRIPT" ] || [ -f "$CEILING_SCRIPT" ] || die "pg-ceiling script not found at $CEILING_SCRIPT"
  say "pg-ceiling.sh $DURATION $CONNECTIONS ($1)"
  bash "$CEILING_SCRIPT" "$DURATION" "$CONNECTIONS" > "$OUT/pg-ceiling.txt" 2>&1 || die "pg-ceiling failed: $(tail -5 "$OUT/pg-ceiling.txt")"
  cat "$OUT/pg-ceiling.txt"
  CEIL_RANDOM=$(sed -n 's/^ceiling random tps=\([0-9.]*\).*/\1/p' "$OUT/pg-ceiling.txt")
  CEIL_HOT=$(sed -n 's/^ceiling hot tps=\([0-9.]*\).*/\1/p' "$OUT/pg-ceiling.txt")
}
if [ -n "$ABC_SCENARIOS" ]; then
  # ---------------------------------------------------------------- database and service
  psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "CREATE DATABASE $DB"
  DB_CREATED=1
  say "database $DB created; starting the service on port $PORT"
  start_service

  # ---------------------------------------------------------------- seed, scenarios
  seed_wallets
  run_wrk warmup withdraw-random.lua "$WARMUP"
  for s in $ABC_SCENARIOS; do
    case $s in
      a) run_wrk a withdraw-random.lua "$DURATION" ;;
      b) run_wrk b withdraw-hot.lua "$DURATION" ;;
      c) run_wrk c mix.lua "$DURATION" ;;
    esac
  done

  # ---------------------------------------------------------------- wait for the projections, then the ceiling
  wait_caught_up
  run_ceiling "the service stays up, idle"

  # ---------------------------------------------------------------- conservation check
  check_conservation
  stop_service
fi

# ---------------------------------------------------------------- k, kh: the classic design (bench/classic.sh)
if [ -n "$CLASSIC_SCENARIOS" ]; then
  classic_run $CLASSIC_SCENARIOS
  [ -n "$ABC_SCENARIOS" ] || run_ceiling "nothing else running"
fi

# ---------------------------------------------------------------- table
TABLE=$OUT/table.txt
LOAD_END=$(uptime | sed 's/.*load average: //')
{
  printf '%-9s %10s %9s %9s %9s %8s %8s %9s %9s %9s\n' scenario 'req/s' 'p50 ms' 'p99 ms' 'p99.9 ms' errors ratio 'lag p99' 'lag ms' 'heap MB'
  for s in $ABC_SCENARIOS; do
    case $s in a) ceil=$CEIL_RANDOM ;; b) ceil=$CEIL_HOT ;; *) ceil= ;; esac
    wrk_row "$OUT" "$s" "$s" "$ceil"
  done
  for s in $CLASSIC_SCENARIOS; do
    case $s in k) ceil=$CEIL_RANDOM ;; kh) ceil=$CEIL_HOT ;; esac
    wrk_row "$OUT/classic" "$s" "$s" "$ceil"
  done
  [ -n "${BIG_LABEL:-}" ] && wrk_row "$OUT/f" f "$BIG_LABEL" "$CEIL_RANDOM"
  for row in "${HIST_ROWS[@]}"; do echo "$row"; done
  echo
  if [ -n "$ABC_SCENARIOS" ] || [ -n "$CLASSIC_SCENARIOS" ] || [ -n "${BIG_LABEL:-}" ]; then
    echo "per request (CPU ms from /proc; PostgreSQL counters from pg_stat_database):"
    printf '%-9s %8s %8s %8s %8s %8s %8s %8s %9s %8s %8s\n' scenario machine jvm http procs 'jvm gc' pg commits returned inserted updated
    for s in $ABC_SCENARIOS; do cpu_row "$OUT" "$s" "$s"; done
    for s in $CLASSIC_SCENARIOS; do cpu_row "$OUT/classic" "$s" "$s"; done
    [ -n "${BIG_LABEL:-}" ] && cpu_row "$OUT/f" f "$BIG_LABEL"
    echo
  fi
  if [ -n "$ABC_SCENARIOS" ] || [ -n "$CLASSIC_SCENARIOS" ]; then
    echo "ceiling (pg-ceiling.sh, ${DURATION}s, $CONNECTIONS clients): random ${CEIL_RANDOM:-n/a} tps, hot ${CEIL_HOT:-n/a} tps"
  fi
  if [ -n "$ABC_SCENARIOS" ]; then
    echo "startup to healthy: $STARTUP_MS ms; seeding $WALLETS wallets (open + deposit): $SEED_MS ms; JVM heap peak over the whole run: $(awk '$4 > h { h = $4 } END { printf "%.0f", h / 1048576 }' "$OUT/samples.txt") MB (-Xmx512m)"
    echo "scenarios: a = withdrawals of 0.01 over $WALLETS wallets; b = withdrawals of 0.01 on one wallet; c = 70% GET wallet / 20% withdrawal / 10% hold, each placed hold then captured"
  fi
  if [ -n "$CLASSIC_SCENARIOS" ]; then
    echo "scenarios: k = (a)'s load, kh = (b)'s, against the classic design (bench/classic: Spring Boot + JDBC, one transaction per withdrawal with SELECT ... FOR UPDATE and a unique idempotency key), run after the ledger's scenarios with the ledger stopped; no metrics endpoint, so no lag or heap"
  fi
  if [ -n "$ABC_SCENARIOS" ] || [ -n "$CLASSIC_SCENARIOS" ] || [ -n "${BIG_LABEL:-}" ]; then
    echo "wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s after a ${WARMUP}s warm-up; errors = responses other than 2xx/422 + socket errors; ratio = req/s / ceiling (a, k$( [ -n "${BIG_LABEL:-}" ] && echo ", $BIG_LABEL"): random, b, kh: hot)"
    echo "lag p99 = p99 of ledger_processor_lag{processor=\"wallets\"} (events) sampled every 200 ms during the scenario; lag ms = that many events at the rate the scenario appended them; heap MB = peak sampled jvm_memory_used_bytes{area=heap}"
  fi
  for s in $( [ -n "$ABC_SCENARIOS" ] && echo warmup) $ABC_SCENARIOS; do responses_line "$OUT" "$s" "$s"; done
  [ -n "$ABC_SCENARIOS" ] && echo "conservation: $CONSERVATION"
  [ -n "$CLASSIC_RAN" ] && classic_notes
  [ -n "${BIG_LABEL:-}" ] && bigstore_notes
  [ ${#HIST_ROWS[@]} = 0 ] || history_notes
  echo "machine: $(nproc) CPUs; load average (1, 5, 15 min) at the end: $LOAD_END"
} > "$TABLE"
echo
cat "$TABLE"
[ ${#PROBLEMS[@]} = 0 ] && [ ${#HIST_PROBLEMS[@]} = 0 ] && [ ${#BIG_PROBLEMS[@]} = 0 ] && [ ${#CLASSIC_PROBLEMS[@]} = 0 ] || exit 2
