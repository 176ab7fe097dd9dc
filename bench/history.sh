# Scenarios (d) projection rebuild and (e) as-of balance: sourced by bench/run.sh, which calls history_run when
# SCENARIOS holds d or e, HIST_ROWS/history_notes for the table, and history_cleanup on exit. Its generator
# (history_prepare_schema, history_generate, history_tokens_to_head) is shared with scenario f (bench/bigstore.sh).
# Uses run.sh's OUT, DB, PORT, BASE, ADMIN_KEY, JAR, DURATION, CONNECTIONS, THREADS, BENCH_DIR, say, die, now_ms, sampler.
#
# Its own fresh database ${DB}_history and its own service (java -Xmx512m [HISTORY_JAVA_OPTS] -jar ledger.jar on
# PORT, before run.sh's main service starts):
#   1. start the service once on the empty database (Flyway creates the schema, every processor its token rows), stop it;
#   2. generate the history in one INSERT ... SELECT into domain_event_entry: HIST_WALLETS wallets of
#      HIST_EVENTS_PER_WALLET events each, plus one wallet of HIST_BIG_EVENTS events (the as-of wallet);
#   3. move every live processor's token to the head of that history (unless HISTORY_LIVE=1: then the live processors
#      take it in after the restart and run.sh reports how long that took), start the service again, wait until the
#      hash-chain sealer has sealed every event;
#   4. (d) POST /api/admin/projections/{wallets,wallet-entries}/replay one after the other, each polled until DONE;
#      checks the rebuilt read models against the events;
#   5. (e) wrk on GET /api/wallets/{big}/balance?asOf=<random instant in its life> with an auditor key; checks a
#      handful of instants against the balance computed in SQL from the events.
#
# Environment: HIST_WALLETS=9000 HIST_EVENTS_PER_WALLET=100 HIST_BIG_EVENTS=100000 (1,000,000 events in all),
#   REPLAY_TARGET=20000 (events/s), ASOF_TARGET_MS=10 (p99), HISTORY_LIVE=1, HISTORY_JAVA_OPTS (extra JVM options,
#   e.g. -XX:StartFlightRecording=filename=/tmp/replay.jfr,settings=profile), REPLAY_MODELS="wallets wallet-entries".

HIST_WALLETS=${HIST_WALLETS:-9000}
HIST_EVENTS_PER_WALLET=${HIST_EVENTS_PER_WALLET:-100}
HIST_BIG_EVENTS=${HIST_BIG_EVENTS:-100000}
REPLAY_TARGET=${REPLAY_TARGET:-20000}
ASOF_TARGET_MS=${ASOF_TARGET_MS:-10}
REPLAY_MODELS=${REPLAY_MODELS:-"wallets wallet-entries"}
HIST_DB=${DB}_history
HIST_T0='2026-01-01 00:00:00+00'   # the history's first instant; every timestamp is on a 50 ms grid after it
HIST_JAVA_PID= HIST_SAMPLER_PID= HIST_DB_CREATED=
HIST_PROBLEMS=() HIST_ROWS=() HIST_NOTES=()
declare -A HIST_WIN_START HIST_WIN_END

hpsql() { psql -X -q -v ON_ERROR_STOP=1 -At -d "$HIST_DB" "$@"; }

history_cleanup() {
  if [ -n "$HIST_SAMPLER_PID" ]; then kill "$HIST_SAMPLER_PID" 2>/dev/null || true; wait "$HIST_SAMPLER_PID" 2>/dev/null || true; fi
  HIST_SAMPLER_PID=
  history_stop_service
  if [ -n "$HIST_DB_CREATED" ]; then
    if [ "${KEEP_DB:-0}" = 1 ]; then say "kept database $HIST_DB"
    else psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $HIST_DB WITH (FORCE)" && say "dropped database $HIST_DB"; fi
    HIST_DB_CREATED=
  fi
}

history_start_service() {
  local t0; t0=$(now_ms)
  # shellcheck disable=SC2086
  LEDGER_DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/$HIST_DB" LEDGER_DB_USER=$PGUSER \
    LEDGER_DB_PASSWORD=${LEDGER_DB_PASSWORD:-} LEDGER_ADMIN_API_KEY=$ADMIN_KEY LEDGER_PORT=$PORT LEDGER_MANAGEMENT_PORT=$MGMT_PORT \
    java -Xmx512m ${HISTORY_JAVA_OPTS:-} -jar "$JAR" >> "${HIST_SERVICE_LOG:-$OUT/history-service.log}" 2>&1 &
  HIST_JAVA_PID=$!
  until [ "$(curl -s -o /dev/null -w '%{http_code}' -m 1 "$BASE/actuator/health")" = 200 ]; do
    kill -0 "$HIST_JAVA_PID" 2>/dev/null || die "the history service exited during start-up (see ${HIST_SERVICE_LOG:-$OUT/history-service.log})"
    [ $(( $(now_ms) - t0 )) -gt 300000 ] && die "history service not healthy after 300 s"
    sleep 0.1
  done
  HIST_STARTUP_MS=$(( $(now_ms) - t0 ))
}

history_stop_service() {
  if [ -n "$HIST_JAVA_PID" ] && kill -0 "$HIST_JAVA_PID" 2>/dev/null; then
    say "stopping the history service (pid $HIST_JAVA_PID)"
    kill "$HIST_JAVA_PID"
    for _ in $(seq 1 150); do kill -0 "$HIST_JAVA_PID" 2>/dev/null || break; sleep 0.2; done
    if kill -0 "$HIST_JAVA_PID" 2>/dev/null; then kill -9 "$HIST_JAVA_PID" || true; fi
    wait "$HIST_JAVA_PID" 2>/dev/null || true
  fi
  HIST_JAVA_PID=
}

history_heap_mb() { # window name -> peak heap MB in it
  awk -v a="${HIST_WIN_START[$1]}" -v b="${HIST_WIN_END[$1]}" '$1 >= a && $1 <= b && $4 > h { h = $4 }
    END { if (h > 0) printf "%.0f", h / 1048576; else print "-" }' "$OUT/history-samples.txt"
}

iso_ms() { date -u -d "$1" +%s%3N; }

# ---------------------------------------------------------------- the generated history
# Shared with scenario f (bench/bigstore.sh). history_generate_sql [WALLETS [EVENTS_PER_WALLET [BIG_EVENTS]]]
# (defaults: HIST_WALLETS, HIST_EVENTS_PER_WALLET, HIST_BIG_EVENTS; BIG_EVENTS=0: no big wallet).
# Wallet w (0 .. WALLETS-1: EVENTS_PER_WALLET events; w = WALLETS: the big wallet, BIG_EVENTS events). Event k = 0
# is WalletOpened; for k >= 1, with a = 100 + w % 50 minor units: k % 3 = 1 deposits 2a + k % 7, k % 3 = 2 and
# k % 3 = 0 withdraw a each. Every 3 events add k % 7 >= 0, so the balance never goes below 0. Small wallet events
# are 100 ms apart globally ((k * WALLETS + w) * 100 ms after HIST_T0), the big wallet's every 900 ms (+ 50 ms): with
# the defaults both histories span ~25 h, interleaved, and the global index follows time order.
history_generate_sql() {
  local gw=${1:-$gw} gn=${2:-$gn} gb=${3:-$gb}
  cat <<SQL
create temporary table hist_event as
select wallet_id, k, ts, kind, amount, w from (
  select w, k, md5('ledger-bench-history-' || w)::uuid::text as wallet_id,
         case when w < $gw then timestamptz '$HIST_T0' + ((k::bigint * $gw + w) * 100) * interval '1 millisecond'
              else timestamptz '$HIST_T0' + (k::bigint * 900 + 50) * interval '1 millisecond' end as ts,
         case when k = 0 then 'open' when k % 3 = 1 then 'deposit' else 'withdraw' end as kind,
         case when k = 0 then 0 when k % 3 = 1 then 2 * (100 + w % 50) + k % 7 else 100 + w % 50 end as amount
  from (select w, generate_series(0, case when w < $gw then $gn else $gb end - 1) as k
        from generate_series(0, $gw) as w) g) e;

insert into domain_event_entry (global_index, aggregate_identifier, sequence_number, type, event_identifier,
                                meta_data, payload, payload_revision, payload_type, time_stamp)
select nextval('domain_event_entry_seq'), wallet_id, k, 'Wallet', md5('event-' || wallet_id || '-' || k)::uuid::text,
       convert_to(format('{"principal":"%s","causationId":"%s","correlationId":"%s","idempotencyKey":"hist-%s-%s"}',
                         case kind when 'deposit' then 'admin:bench-history' else 'client:bench-history' end,
                         md5('cause-' || wallet_id || '-' || k)::uuid, md5('corr-' || wallet_id || '-' || k)::uuid, w, k), 'UTF8'),
       convert_to(case kind
         when 'open' then format('{"walletId":"%s","ownerId":"bench-history","currency":"USD","label":"history-%s","occurredAt":"%s"}',
                                 wallet_id, w, iso)
         else format('{"walletId":"%s","entryId":"%s","amount":{"minorUnits":%s,"currency":"USD"},"reference":null,"occurredAt":"%s"}',
                     wallet_id, md5('entry-' || wallet_id || '-' || k)::uuid, amount, iso) end, 'UTF8'),
       '1',
       case kind when 'open' then 'dev.ledger.events.wallet.WalletOpened' when 'deposit' then 'dev.ledger.events.wallet.MoneyDeposited'
                 else 'dev.ledger.events.wallet.MoneyWithdrawn' end,
       iso
from (select *, to_char(ts at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as iso from hist_event order by ts, w, k) o;
SQL
}

# Step 1 of a generated store, on the empty database HIST_DB: the service migrates it (Flyway creates the schema,
# every processor its token rows, which this waits for), then stops.
history_prepare_schema() {
  local t nproc
  history_start_service
  say "$1: migrated (healthy after $HIST_STARTUP_MS ms); waiting for every processor's token rows"
  nproc=$(curl -sf "$BASE/api/admin/projections" -H "X-API-Key: $ADMIN_KEY" | jq '.items | length')
  t=$(now_ms)
  until [ "$(hpsql -c "select count(distinct processor_name) from token_entry")" -ge "$nproc" ]; do
    [ $(( $(now_ms) - t )) -gt 60000 ] && die "token rows of $nproc processors not there after 60 s"
    sleep 0.5
  done
  history_stop_service
}

# Step 2: history_generate NAME WALLETS EVENTS_PER_WALLET BIG_EVENTS SQL_FILE CHECK_FILE generates the history into
# HIST_DB's domain_event_entry (one INSERT ... SELECT), analyzes it, and checks it: count and head, then per wallet
# sequence 0..n-1 without gaps, opened first, never below 0, timestamps increasing (appended to CHECK_FILE; a failure
# goes to HIST_PROBLEMS). Sets GEN_MS (generation + analyze), GEN_HEAD, GEN_EVENTS, GEN_CHECK_MS.
history_generate() {
  local name=$1 gw=$2 gn=$3 gb=$4 sqlfile=$5 checkfile=$6 t neg
  local total=$(( gw * gn + gb ))
  say "$name: generating $total events ($gw wallets x $gn$( [ "$gb" -gt 0 ] && echo " + 1 wallet x $gb"))"
  t=$(now_ms)
  history_generate_sql "$gw" "$gn" "$gb" > "$sqlfile"
  hpsql -f "$sqlfile"
  hpsql -c "analyze domain_event_entry"
  GEN_MS=$(( $(now_ms) - t ))
  GEN_HEAD=$(hpsql -c "select max(global_index) from domain_event_entry")
  GEN_EVENTS=$(hpsql -c "select count(*) from domain_event_entry")
  say "$name: $GEN_EVENTS events (global index 1..$GEN_HEAD) in $GEN_MS ms"
  [ "$GEN_EVENTS" = "$total" ] && [ "$GEN_HEAD" = "$total" ] || die "generated $GEN_EVENTS events up to index $GEN_HEAD, expected $total"
  t=$(now_ms)
  neg=$(hpsql <<SQL
with m as (select aggregate_identifier a, sequence_number s, payload_type t,
                  sum(case when payload_type like '%Deposited' then 1 when payload_type like '%Withdrawn' then -1 else 0 end
                      * coalesce((convert_from(payload, 'UTF8')::json -> 'amount' ->> 'minorUnits')::bigint, 0))
                    over (partition by aggregate_identifier order by sequence_number) as bal,
                  row_number() over (partition by aggregate_identifier order by sequence_number) - 1 as rn,
                  lag(time_stamp) over (partition by aggregate_identifier order by sequence_number) as prev_ts, time_stamp
           from domain_event_entry)
select count(*) filter (where bal < 0) || ' ' || count(*) filter (where rn <> s)
       || ' ' || count(*) filter (where (s = 0) <> (t like '%WalletOpened'))
       || ' ' || count(*) filter (where prev_ts >= time_stamp) from m;
SQL
)
  GEN_CHECK_MS=$(( $(now_ms) - t ))
  echo "generator check (negative balances, sequence gaps, misplaced opens, non-increasing timestamps): $neg" >> "$checkfile"
  [ "$neg" = "0 0 0 0" ] || HIST_PROBLEMS+=("generated history invalid (negative balances, sequence gaps, misplaced opens, non-increasing timestamps: $neg)")
  say "$name: generator check $neg (0 0 0 0 = valid) in $GEN_CHECK_MS ms"
}

# Step 3: every live processor's token to the head ($1), as the service itself writes it: the live read models
# skip the generated history.
history_tokens_to_head() {
  hpsql -c "update token_entry set token = convert_to('{\"index\":$1,\"gaps\":[]}', 'UTF8'),
              token_type = 'org.axonframework.eventhandling.GapAwareTrackingToken', owner = null"
}

# ---------------------------------------------------------------- the run
history_run() {
  local t name
  say "history: database $HIST_DB; service on port $PORT"
  curl -s -o /dev/null -m 1 "$BASE/actuator/health" && die "something already listens on port $PORT"
  psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "CREATE DATABASE $HIST_DB"
  HIST_DB_CREATED=1

  # 1. schema and token rows
  history_prepare_schema history

  # 2. the history
  : > "$OUT/d.checks.txt"
  history_generate history "$HIST_WALLETS" "$HIST_EVENTS_PER_WALLET" "$HIST_BIG_EVENTS" "$OUT/history-generate.sql" "$OUT/d.checks.txt"
  local head=$GEN_HEAD
  HIST_EVENTS=$GEN_EVENTS
  BIG_WALLET=$(hpsql -c "select md5('ledger-bench-history-' || $HIST_WALLETS)::uuid::text")

  if [ "${HISTORY_LIVE:-0}" != 1 ]; then
    # the live processors start at the head: only the replays below take the generated history in
    history_tokens_to_head "$head"
  fi

  # 3. restart, sealer
  say "history: starting the service again"
  history_start_service
  say "history: healthy after $HIST_STARTUP_MS ms"
  sampler > "$OUT/history-samples.txt" 2>/dev/null &
  HIST_SAMPLER_PID=$!
  t=$(now_ms)
  HIST_WIN_START[live]=$t
  LIVE_MS=
  if [ "${HISTORY_LIVE:-0}" = 1 ]; then
    say "history: waiting for the live processors to take in the history (HISTORY_LIVE=1)"
    until [ "$(curl -s "$BASE/api/admin/projections" -H "X-API-Key: $ADMIN_KEY" | jq '[.items[].lag // 1] | max')" = 0 ]; do
      [ $(( $(now_ms) - t )) -gt 3600000 ] && die "live processors not caught up after 3600 s"
      sleep 1
    done
    LIVE_MS=$(( $(now_ms) - t ))
    say "history: live processors caught up in $LIVE_MS ms"
  fi
  until [ "$(hpsql -c "select coalesce(max(global_index), 0) from event_seal")" = "$head" ]; do
    kill -0 "$HIST_JAVA_PID" 2>/dev/null || die "the history service died (see $OUT/history-service.log)"
    [ $(( $(now_ms) - t )) -gt 1800000 ] && die "sealer not at the head after 1800 s"
    sleep 0.5
  done
  SEAL_MS=$(( $(now_ms) - t ))
  HIST_WIN_END[live]=$(now_ms)
  say "history: every event sealed ${SEAL_MS} ms after the restart"
  curl -sf "$BASE/api/admin/projections" -H "X-API-Key: $ADMIN_KEY" > "$OUT/d.projections-before.json"
  local behind; behind=$(jq -c --argjson h "$head" '[.items[] | select(.position != $h or .lag != 0) | .name]' "$OUT/d.projections-before.json")
  echo "processors not at the head after the restart: $behind" >> "$OUT/d.checks.txt"
  [ "$behind" = "[]" ] || HIST_PROBLEMS+=("processors not at the head after the restart: $behind")

  # 4. (d) replays
  for name in $REPLAY_MODELS; do
    history_replay "$name" "$head"
  done
  history_check_models

  # 5. (e) as-of
  AUDITOR_KEY=$(curl -sf -X POST "$BASE/api/admin/api-keys" -H "X-API-Key: $ADMIN_KEY" \
    -H 'Content-Type: application/json' -d '{"role":"auditor"}' | jq -r .key)
  [ -n "$AUDITOR_KEY" ] && [ "$AUDITOR_KEY" != null ] || die "could not create the auditor key"
  case " $SCENARIOS " in *" e "*) history_asof ;; esac

  kill "$HIST_SAMPLER_PID" 2>/dev/null || true; wait "$HIST_SAMPLER_PID" 2>/dev/null || true; HIST_SAMPLER_PID=
  history_rows
  history_cleanup
}

history_replay() { # name head
  local name=$1 head=$2 code t0 last state
  say "scenario d: POST /api/admin/projections/$name/replay"
  t0=$(now_ms)
  HIST_WIN_START[$name]=$t0
  code=$(curl -s -o "$OUT/d.$name.replay.json" -w '%{http_code}' -X POST "$BASE/api/admin/projections/$name/replay" \
    -H "X-API-Key: $ADMIN_KEY")
  [ "$code" = 202 ] || die "replay of $name answered $code: $(cat "$OUT/d.$name.replay.json")"
  while :; do
    last=$(curl -s -m 5 "$BASE/api/admin/projections" -H "X-API-Key: $ADMIN_KEY" | jq -c --arg n "$name" '.items[] | select(.name == $n)')
    state=$(jq -r '.lastReplay.state // "none"' <<< "$last")
    [ "$state" = DONE ] || [ "$state" = FAILED ] && break
    kill -0 "$HIST_JAVA_PID" 2>/dev/null || die "the history service died during the replay of $name"
    [ $(( $(now_ms) - t0 )) -gt 3600000 ] && die "replay of $name not done after 3600 s"
    sleep 0.5
  done
  HIST_WIN_END[$name]=$(now_ms)
  echo "$last" > "$OUT/d.$name.status.json"
  local wall=$(( HIST_WIN_END[$name] - t0 ))
  if [ "$state" = FAILED ]; then
    HIST_PROBLEMS+=("replay of $name FAILED: $(jq -r .lastReplay.failure <<< "$last")")
    REPLAY_EPS[$name]=- REPLAY_DETAIL[$name]="FAILED"
    say "  replay of $name FAILED"; return 0
  fi
  local started finished events ms
  started=$(jq -r .lastReplay.startedAt <<< "$last"); finished=$(jq -r .lastReplay.finishedAt <<< "$last")
  events=$(jq -r .lastReplay.events <<< "$last")
  ms=$(( $(iso_ms "$finished") - $(iso_ms "$started") ))
  REPLAY_EPS[$name]=$(awk -v e="$events" -v ms="$ms" 'BEGIN { printf "%.0f", e * 1000 / (ms > 0 ? ms : 1) }')
  REPLAY_DETAIL[$name]="$events events in $ms ms (startedAt $started, finishedAt $finished; POST to DONE seen by the client: $wall ms)"
  [ "$events" -ge "$head" ] || HIST_PROBLEMS+=("replay of $name took in $events events, fewer than the $head in the store")
  say "  $name: ${REPLAY_DETAIL[$name]} = ${REPLAY_EPS[$name]} events/s"
  grep "Replayed read model $name:" "$OUT/history-service.log" | tail -1 | sed 's/.*\(Replayed read model\)/  service log: \1/' || true
}
declare -A REPLAY_EPS REPLAY_DETAIL

# The rebuilt read models against the events: every generated wallet in wallet_view with the balance the events
# give (deposits - withdrawals, from the payloads) and version = its number of events, one wallet_entry per event
# after the opening (with that balance after the last one), and wallet_journal_head = wallet_view.
history_check_models() {
  say "scenario d: checking the rebuilt read models"
  local r
  r=$(hpsql -F ' ' <<SQL
with ev as (
  select aggregate_identifier as wallet_id, count(*) as n, max(sequence_number) as last_seq,
         sum(case when payload_type like '%Deposited' then 1 when payload_type like '%Withdrawn' then -1 else 0 end
             * coalesce((convert_from(payload, 'UTF8')::json -> 'amount' ->> 'minorUnits')::bigint, 0)) as balance
  from domain_event_entry group by aggregate_identifier),
en as (select wallet_id, count(*) as n from wallet_entry group by wallet_id)
select count(*),
       count(v.wallet_id),
       count(*) filter (where v.balance is distinct from ev.balance),
       count(*) filter (where v.version is distinct from ev.n),
       count(*) filter (where coalesce(en.n, 0) <> ev.n - 1),
       count(*) filter (where h.balance is distinct from v.balance or h.last_seq is distinct from ev.last_seq),
       (select count(*) from wallet_entry),
       (select count(*) from domain_event_entry where payload_type not like '%WalletOpened'),
       count(*) filter (where (select balance_after from wallet_entry x where x.wallet_id = ev.wallet_id and x.sequence = ev.last_seq)
                              is distinct from ev.balance),
       sum(ev.balance)
from ev left join wallet_view v using (wallet_id) left join en using (wallet_id)
        left join (select wallet_id, balance, last_sequence as last_seq from wallet_journal_head) h using (wallet_id);
SQL
)
  local wallets in_view bad_bal bad_ver bad_entries bad_head entries non_open bad_after total
  read -r wallets in_view bad_bal bad_ver bad_entries bad_head entries non_open bad_after total <<< "$r"
  local views; views=$(hpsql -c "select count(*) from wallet_view")
  { echo "wallets in the events: $wallets; in wallet_view: $in_view (rows: $views); wallet_entry rows: $entries; non-open events: $non_open; sum of balances: $total"
    echo "wallets failing: balance=$bad_bal version=$bad_ver entry_count=$bad_entries journal_head=$bad_head last_balance_after=$bad_after"; } >> "$OUT/d.checks.txt"
  local expected=$(( HIST_WALLETS + 1 )) p=()
  [ "$wallets" = "$expected" ] || p+=("events hold $wallets wallets, expected $expected")
  [ "$in_view" = "$wallets" ] && [ "$views" = "$wallets" ] || p+=("wallet_view has $in_view of the $wallets wallets ($views rows)")
  [ "$bad_bal" = 0 ] || p+=("$bad_bal wallets whose wallet_view balance != deposits - withdrawals of their events")
  [ "$bad_ver" = 0 ] || p+=("$bad_ver wallets whose wallet_view version != their number of events")
  [ "$bad_entries" = 0 ] || p+=("$bad_entries wallets whose wallet_entry rows != their events - 1")
  [ "$entries" = "$non_open" ] || p+=("wallet_entry has $entries rows, expected $non_open (one per non-open event)")
  [ "$bad_head" = 0 ] || p+=("$bad_head wallets whose wallet_journal_head != wallet_view")
  [ "$bad_after" = 0 ] || p+=("$bad_after wallets whose last wallet_entry.balance_after != their balance")
  if [ ${#p[@]} = 0 ]; then
    D_CHECK="OK: $wallets wallets in wallet_view, each with balance = deposits - withdrawals of its events (total $total minor units) and version = its events; wallet_entry = $entries rows = non-open events; wallet_journal_head = wallet_view"
  else
    D_CHECK="FAILED: $(IFS='; '; echo "${p[*]}")"; HIST_PROBLEMS+=("${p[@]}")
  fi
  echo "$D_CHECK" | tee -a "$OUT/d.checks.txt"
}

history_asof() {
  local first last from_ms to_ms
  first=$(hpsql -c "select min(time_stamp) from domain_event_entry where aggregate_identifier = '$BIG_WALLET'")
  last=$(hpsql -c "select max(time_stamp) from domain_event_entry where aggregate_identifier = '$BIG_WALLET'")
  from_ms=$(iso_ms "$first"); to_ms=$(iso_ms "$last")
  say "scenario e: wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s (asof.lua) on wallet $BIG_WALLET ($HIST_BIG_EVENTS events, $first .. $last)"
  HIST_WIN_START[e]=$(now_ms)
  BENCH_SCENARIO=e BENCH_OUT=$OUT BENCH_LUA_DIR=$BENCH_DIR/wrk BENCH_API_KEY=$AUDITOR_KEY BENCH_ASOF_WALLET=$BIG_WALLET \
    BENCH_ASOF_FROM_MS=$from_ms BENCH_ASOF_TO_MS=$to_ms \
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s --latency -s "$BENCH_DIR/wrk/asof.lua" "$BASE" \
    > "$OUT/e.wrk.txt" 2>&1 || die "wrk failed: $(tail -5 "$OUT/e.wrk.txt")"
  HIST_WIN_END[e]=$(now_ms)
  grep -E '^(RESULT|STATUS)' "$OUT/e.wrk.txt" | sed 's/^/  /' || true
  # the same requests one at a time: a request's own latency, without 32 of them queueing for the 2 CPUs
  say "scenario e1: wrk -t1 -c1 -d${DURATION}s (asof.lua), one request at a time"
  HIST_WIN_START[e1]=$(now_ms)
  BENCH_SCENARIO=e1 BENCH_OUT=$OUT BENCH_LUA_DIR=$BENCH_DIR/wrk BENCH_API_KEY=$AUDITOR_KEY BENCH_ASOF_WALLET=$BIG_WALLET \
    BENCH_ASOF_FROM_MS=$from_ms BENCH_ASOF_TO_MS=$to_ms \
    wrk -t1 -c1 -d"${DURATION}s" --timeout 10s --latency -s "$BENCH_DIR/wrk/asof.lua" "$BASE" \
    > "$OUT/e1.wrk.txt" 2>&1 || die "wrk failed: $(tail -5 "$OUT/e1.wrk.txt")"
  HIST_WIN_END[e1]=$(now_ms)
  grep -E '^(RESULT|STATUS)' "$OUT/e1.wrk.txt" | sed 's/^/  /' || true

  # correctness: the API's answer against the events, at random instants and at the edges (before the opening, at
  # the opening, exactly at an event, 1 ms before it, after the last event)
  say "scenario e: checking as-of answers against the events"
  local instants=() i at ms bad=0 n=0 api sql
  at=$(hpsql -c "select time_stamp from domain_event_entry where aggregate_identifier = '$BIG_WALLET' and sequence_number = $(( HIST_BIG_EVENTS / 2 ))")
  instants+=("$(date -u -d "@$(( (from_ms - 1000) / 1000 ))" +%Y-%m-%dT%H:%M:%SZ)" "$first" "$at"
             "$(date -u -d "@$(( ($(iso_ms "$at") - 1) / 1000 )).$(printf '%03d' $(( ($(iso_ms "$at") - 1) % 1000 )))" +%Y-%m-%dT%H:%M:%S.%3NZ)"
             "$last" "$(date -u -d "@$(( to_ms / 1000 + 3600 ))" +%Y-%m-%dT%H:%M:%SZ)")
  for i in 1 2 3 4 5 6; do
    ms=$(( from_ms + (RANDOM * 32768 + RANDOM) % (to_ms - from_ms) ))
    instants+=("$(date -u -d "@$(( ms / 1000 )).$(printf '%03d' $(( ms % 1000 )))" +%Y-%m-%dT%H:%M:%S.%3NZ)")
  done
  : > "$OUT/e.checks.txt"
  for at in "${instants[@]}"; do
    n=$((n + 1))
    api=$(curl -s "$BASE/api/wallets/$BIG_WALLET/balance?asOf=$at" -H "X-API-Key: $AUDITOR_KEY" | jq -r '"\(.balance) \(.version)"')
    api="$(awk '{ split($1, p, "."); printf "%d %s", p[1] * 100 + p[2] * (substr($1, 1, 1) == "-" ? -1 : 1), $2 }' <<< "$api")"
    sql=$(hpsql -F ' ' -c "select coalesce(sum(case when payload_type like '%Deposited' then 1 when payload_type like '%Withdrawn' then -1 else 0 end
                 * coalesce((convert_from(payload, 'UTF8')::json -> 'amount' ->> 'minorUnits')::bigint, 0)), 0), count(*)
               from domain_event_entry where aggregate_identifier = '$BIG_WALLET' and time_stamp::timestamptz <= '$at'::timestamptz")
    if [ "$api" = "$sql" ]; then echo "ok   asOf=$at api(balance minor, version)=$api events=$sql" >> "$OUT/e.checks.txt"
    else echo "BAD  asOf=$at api(balance minor, version)=$api events=$sql" >> "$OUT/e.checks.txt"; bad=$((bad + 1)); fi
  done
  cat "$OUT/e.checks.txt" | sed 's/^/  /'
  if [ $bad = 0 ]; then E_CHECK="OK: $n instants (before the opening, the opening, exactly at an event, 1 ms before it, the last event, after it, 6 random): balance and version = the events at or before asOf"
  else E_CHECK="FAILED: $bad of $n instants differ from the events (see e.checks.txt)"; HIST_PROBLEMS+=("as-of: $E_CHECK"); fi
  say "  $E_CHECK"
}

history_rows() {
  local name short eps ratio
  for name in $REPLAY_MODELS; do
    case $name in wallets) short=d:wallets ;; wallet-entries) short=d:entries ;; *) short=d:$name ;; esac
    eps=${REPLAY_EPS[$name]:--}
    ratio=$( [ "$eps" != - ] && awk -v r="$eps" -v t="$REPLAY_TARGET" 'BEGIN { printf "%.3f", r / t }' || echo n/a)
    HIST_ROWS+=("$(printf '%-9s %10s %9s %9s %9s %8s %8s %9s %9s' "$short" "$eps" - - - - "$ratio" - "$(history_heap_mb "$name")")")
    HIST_NOTES+=("replay $name: ${REPLAY_DETAIL[$name]:-not run}")
  done
  asof_row e
  asof_row e1
}

# One table row for an as-of run ($1 = e: CONNECTIONS at once, e1: one at a time) from $OUT/$1.wrk.txt.
asof_row() {
  local name=$1 file="$OUT/$1.wrk.txt"
  [ -f "$file" ] || return 0
  local r_requests r_duration_us r_p50_us r_p99_us r_p999_us r_connect r_read r_write r_timeout
  eval "$(awk '$1 == "RESULT" { for (i = 2; i <= NF; i++) { split($i, kv, "="); printf "r_%s=%s\n", kv[1], kv[2] } }' "$file")"
  local rps bad errors ratio
  rps=$(awk -v r="$r_requests" -v d="$r_duration_us" 'BEGIN { printf "%.0f", r / (d / 1e6) }')
  bad=$(awk '$1 == "STATUS" { split($2, a, ":"); if (a[2] !~ /^2/) n += $3 } END { print n + 0 }' "$file")
  errors=$(( bad + r_connect + r_read + r_write + r_timeout ))
  [ "$errors" = 0 ] || HIST_PROBLEMS+=("as-of ($name): $errors responses other than 2xx or socket errors")
  ratio=$(awk -v p="$r_p99_us" -v t="$ASOF_TARGET_MS" 'BEGIN { printf "%.3f", p / 1000 / t }')
  HIST_ROWS+=("$(printf '%-9s %10s %9s %9s %9s %8s %8s %9s %9s' "$name" "$rps" \
    "$(awk -v u="$r_p50_us" 'BEGIN { printf "%.1f", u / 1000 }')" "$(awk -v u="$r_p99_us" 'BEGIN { printf "%.1f", u / 1000 }')" \
    "$(awk -v u="$r_p999_us" 'BEGIN { printf "%.1f", u / 1000 }')" "$errors" "$ratio" - "$(history_heap_mb "$name")")")
  HIST_NOTES+=("as-of ($name) p99 $(awk -v u="$r_p99_us" 'BEGIN { printf "%.1f", u / 1000 }') ms (target <= $ASOF_TARGET_MS ms: $(awk -v p="$r_p99_us" -v t="$ASOF_TARGET_MS" 'BEGIN { print (p / 1000 <= t) ? "met" : "NOT met" }')); responses $name: $(awk '$1 == "STATUS" { print $2 "=" $3 }' "$file" | sort | paste -sd' ' -)")
}

history_notes() {
  local name
  echo "history (d, e): database $HIST_DB, $HIST_EVENTS events generated in SQL in $GEN_MS ms ($HIST_WALLETS wallets x $HIST_EVENTS_PER_WALLET events + 1 wallet x $HIST_BIG_EVENTS);" \
    "$( [ "${HISTORY_LIVE:-0}" = 1 ] && echo "live processors took the history in in $LIVE_MS ms after the restart;" || echo "live processors' tokens set to the head before the restart (only the replays read the history);")" \
    "service healthy $HIST_STARTUP_MS ms after the restart; sealer at the head $SEAL_MS ms after it"
  echo "d: req/s = events/s of the replay (lastReplay.events / (finishedAt - startedAt)); ratio = events/s / $REPLAY_TARGET (target met when >= 1)"
  echo "e: GET /api/wallets/{id}/balance?asOf=<random instant in the life of the $HIST_BIG_EVENTS-event wallet> (auditor key), wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s, no warm-up; e1: the same, one request at a time (wrk -t1 -c1); ratio = p99 / $ASOF_TARGET_MS ms (target met when <= 1)"
  for name in "${HIST_NOTES[@]}"; do echo "$name"; done
  echo "read models after the replays (d): ${D_CHECK:-not checked}"
  [ -n "${E_CHECK:-}" ] && echo "as-of answers (e): $E_CHECK"
  [ ${#HIST_PROBLEMS[@]} = 0 ] && echo "history checks: OK" || echo "history checks: FAILED: $(IFS='; '; echo "${HIST_PROBLEMS[*]}")"
}
