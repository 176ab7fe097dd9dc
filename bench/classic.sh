# Scenarios k and kh: (a) and (b) against the classic design of issue 11 (bench/classic/: Spring Boot + JDBC, one
# transaction per withdrawal: claim the Idempotency-Key, SELECT ... FOR UPDATE, update the balance, insert a journal
# row, store the response), measured in the same run as the ledger and the ceiling, with the same wrk load, the same
# Lua scripts and the same CPU accounting. Sourced by bench/run.sh, which calls classic_build before anything runs,
# classic_run after the ledger's scenarios (a, b, c) once the ledger's service has stopped, and classic_notes for the
# table. Uses run.sh's OUT, DB, PORT, BASE, WALLETS, WARMUP, DURATION, SERVICE_JVM, HOT_SEED_MINOR, SEED_MINOR,
# REPO, BENCH_DIR and its functions (run_wrk, count_ok, stop_service, drop_db, say, die, now_ms).
#
# In a subshell, with OUT=$OUT/classic and DB=ledger_classic_<ts> (the ts of run.sh's ledger_bench_<ts>):
#   1. java $SERVICE_JVM [CLASSIC_JAVA_OPTS] -jar bench/classic/target/classic.jar on PORT (the JVM options the
#      ledger runs with; no CDS archive, which only shortens start-up); it creates its schema at start;
#   2. seeds in SQL: a client key (user bench), WALLETS USD wallets owned by bench with 100.00 each, the first (the hot
#      wallet) with 1,000,000.00 as run.sh does; wallet ids md5('ledger-bench-classic-'||n) as UUIDs; then ANALYZE;
#   3. WARMUP s of random withdrawals, then the chosen of k (wrk/withdraw-random.lua, as a) and kh
#      (wrk/withdraw-hot.lua, as b) for DURATION s each, through run.sh's run_wrk (cpu.py snapshots around wrk,
#      requests unanswered at wrk's stop sent again with their key);
#   4. conservation: every wallet's balance = its seed + the sum of its journal rows, each of them exactly -0.01 and
#      the balance after it its predecessor's minus 0.01 (no lost update), journal rows = idempotency rows answered
#      201 = the client's 201 count (warm-up included), total = seed - that count.
# Results in $OUT/classic/ (warmup|k|kh.wrk.txt, .cpu.txt, .threads.txt, service.log, wallets.txt,
# conservation.txt, notes.txt). The service has no metrics endpoint: lag and heap are "-" in its rows.
#
# Environment: CLASSIC_JAVA_OPTS (extra JVM options for the classic service only).

CLASSIC_JAR=$BENCH_DIR/classic/target/classic.jar
CLASSIC_PROBLEMS=()
CLASSIC_RAN=

# Builds bench/classic (a project of its own, not a module of the root reactor) unless SKIP_BUILD=1 finds its jar.
classic_build() {
  if [ "${SKIP_BUILD:-0}" != 1 ] || [ ! -f "$CLASSIC_JAR" ]; then
    say "building bench/classic (./mvnw -q -f bench/classic/pom.xml -DskipTests package)"
    (cd "$REPO" && ./mvnw -q -f bench/classic/pom.xml -DskipTests package) || die "bench/classic did not build"
  fi
  [ -f "$CLASSIC_JAR" ] || die "$CLASSIC_JAR missing"
}

classic_run() { # the scenarios to run: k and/or kh
  mkdir -p "$OUT/classic"
  : > "$OUT/classic/problems.txt"
  classic_scenarios "$@"
  CLASSIC_RAN=1
  mapfile -t CLASSIC_PROBLEMS < "$OUT/classic/problems.txt"
}

# Everything in a subshell: run.sh's functions work on its OUT, DB and JAVA_PID; the EXIT trap stops the service and
# drops the database however the subshell ends.
classic_scenarios() (
  OUT=$OUT/classic DB=ledger_classic_${DB#ledger_bench_}
  JAVA_PID= SAMPLER_PID= DB_CREATED= PROBLEMS=()
  trap 'rc=$?; set +e; stop_service; drop_db; exit $rc' EXIT
  trap 'exit 130' INT TERM
  # run_wrk notes the head of the ledger's event store around each scenario; here, of the journal
  event_head() { psql_db -c "select coalesce(max(id), 0) from wallet_entry"; }

  say "classic: database $DB; service on port $PORT"
  curl -s -o /dev/null -m 1 "$BASE/" && die "something already listens on port $PORT"
  psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "CREATE DATABASE $DB"
  DB_CREATED=1
  classic_start_service
  classic_seed
  : > "$OUT/samples.txt"   # no metrics endpoint to sample: the table's lag and heap columns stay "-"

  run_wrk warmup withdraw-random.lua "$WARMUP"
  local s
  for s in "$@"; do
    case $s in
      k) run_wrk k withdraw-random.lua "$DURATION" ;;
      kh) run_wrk kh withdraw-hot.lua "$DURATION" ;;
    esac
  done
  classic_conservation
  { echo "classic: bench/classic/target/classic.jar ($(stat -c '%y' "$CLASSIC_JAR" | cut -d. -f1)), java $SERVICE_JVM ${CLASSIC_JAVA_OPTS:-}; listening after $STARTUP_MS ms; seeding $WALLETS wallets in SQL: $SEED_MS ms"
    responses_line "$OUT" warmup "warmup@classic"
    for s in "$@"; do responses_line "$OUT" "$s" "$s"; done
    echo "conservation (classic): $CONSERVATION"; } > "$OUT/notes.txt"
  for p in "${PROBLEMS[@]}"; do echo "classic: $p"; done > "$OUT/problems.txt"
)

# Starts the classic jar on $DB and waits until it answers (401 to a request without a key: Tomcat starts accepting
# only after the schema is created). Sets JAVA_PID, STARTUP_MS.
classic_start_service() {
  local t0; t0=$(now_ms)
  # shellcheck disable=SC2086
  CLASSIC_DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" CLASSIC_DB_USER=$PGUSER \
    CLASSIC_DB_PASSWORD=${LEDGER_DB_PASSWORD:-} CLASSIC_PORT=$PORT \
    java $SERVICE_JVM ${CLASSIC_JAVA_OPTS:-} -jar "$CLASSIC_JAR" > "$OUT/service.log" 2>&1 &
  JAVA_PID=$!
  until [ "$(curl -s -o /dev/null -w '%{http_code}' -m 1 "$BASE/api/wallets/00000000-0000-0000-0000-000000000000")" = 401 ]; do
    kill -0 "$JAVA_PID" 2>/dev/null || die "the classic service exited during start-up (see $OUT/service.log)"
    [ $(( $(now_ms) - t0 )) -gt 180000 ] && die "the classic service does not answer after 180 s"
    sleep 0.1
  done
  STARTUP_MS=$(( $(now_ms) - t0 ))
  say "classic: answering after $STARTUP_MS ms"
}

# A client key and WALLETS wallets, in SQL. Sets CLIENT_KEY, HOT_WALLET, SEED_MS; exports wrk's settings.
classic_seed() {
  local t0; t0=$(now_ms)
  CLIENT_KEY=lk_$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')
  psql_db -v key="$CLIENT_KEY" <<SQL
insert into api_key (key_hash, user_id, role) values (encode(sha256(convert_to(:'key', 'UTF8')), 'hex'), 'bench', 'client');
insert into wallet (id, owner_id, currency, balance, version)
select md5('ledger-bench-classic-' || n)::uuid, 'bench', 'USD',
       case when n = 1 then $HOT_SEED_MINOR else $SEED_MINOR end, 0
from generate_series(1, $WALLETS) n;
analyze;
SQL
  psql_db -c "select md5('ledger-bench-classic-' || n)::uuid from generate_series(1, $WALLETS) n order by n" > "$OUT/wallets.txt"
  HOT_WALLET=$(head -1 "$OUT/wallets.txt")
  SEED_MS=$(( $(now_ms) - t0 ))
  say "classic: seeded $(wc -l < "$OUT/wallets.txt") wallets in SQL in $SEED_MS ms; hot wallet $HOT_WALLET"
  export BENCH_API_KEY=$CLIENT_KEY BENCH_WALLETS_FILE=$OUT/wallets.txt BENCH_HOT_WALLET=$HOT_WALLET \
    BENCH_OUT=$OUT BENCH_LUA_DIR=$BENCH_DIR/wrk
}

# Sets CONSERVATION and PROBLEMS.
classic_conservation() {
  say "classic: checking conservation"
  local ok; ok=$(count_ok withdraw 201)
  local WALLETS_DB BAD_BAL BAD_AMT BAD_AFTER SEEDED TOTAL ENTRIES DONE
  read -r WALLETS_DB BAD_BAL BAD_AMT BAD_AFTER SEEDED TOTAL ENTRIES DONE < <(psql_db -F ' ' <<SQL
with seeded as (
  select id, balance, case when id = '$HOT_WALLET' then $HOT_SEED_MINOR else $SEED_MINOR end as seed from wallet),
e as (
  select e.wallet_id, e.amount, e.balance_after,
         s.seed + sum(e.amount) over (partition by e.wallet_id order by e.id) as expected_after
  from wallet_entry e join seeded s on s.id = e.wallet_id),
per_wallet as (
  select wallet_id, sum(amount) as moved, count(*) filter (where amount <> -1) as bad_amount,
         count(*) filter (where balance_after <> expected_after) as bad_after, count(*) as entries
  from e group by wallet_id)
select count(*), count(*) filter (where s.balance <> s.seed + coalesce(p.moved, 0)),
       coalesce(sum(p.bad_amount), 0), coalesce(sum(p.bad_after), 0), sum(s.seed), sum(s.balance),
       coalesce(sum(p.entries), 0), (select count(*) from idempotency where status = 201)
from seeded s left join per_wallet p on p.wallet_id = s.id;
SQL
) || true
  [ -n "${DONE:-}" ] || die "classic: conservation query failed"
  local expected=$(( SEEDED - ok ))
  { echo "client-side successes (wrk + unanswered requests resolved by their keys): withdrawals 201=$ok"
    echo "database: wallets=$WALLETS_DB seeded=$SEEDED balance_total=$TOTAL journal_rows=$ENTRIES idempotency_201=$DONE"
    echo "failing: wallets balance != seed + journal=$BAD_BAL; journal rows amount != -0.01: $BAD_AMT; balance_after != running balance: $BAD_AFTER"; } > "$OUT/conservation.txt"
  cat "$OUT/conservation.txt"
  PROBLEMS=()
  [ "$WALLETS_DB" = "$WALLETS" ] || PROBLEMS+=("$WALLETS_DB wallets, expected $WALLETS")
  [ "$BAD_BAL" = 0 ] || PROBLEMS+=("$BAD_BAL wallets whose balance != seed + their journal")
  [ "$BAD_AMT" = 0 ] || PROBLEMS+=("$BAD_AMT journal rows other than -0.01")
  [ "$BAD_AFTER" = 0 ] || PROBLEMS+=("$BAD_AFTER journal rows whose balance_after is not the running balance")
  [ "$TOTAL" = "$expected" ] || PROBLEMS+=("sum of balances $TOTAL != seeded $SEEDED - withdrawals $ok = $expected")
  [ "$ENTRIES" = "$ok" ] || PROBLEMS+=("journal rows $ENTRIES != successful withdrawal responses $ok")
  [ "$DONE" = "$ok" ] || PROBLEMS+=("idempotency rows answered 201: $DONE != successful withdrawal responses $ok")
  if [ ${#PROBLEMS[@]} = 0 ]; then
    CONSERVATION="OK: $WALLETS_DB wallets each equal seed + own journal (every row -0.01, running balances exact); total $TOTAL = $SEEDED - $ok (minor units); journal rows = idempotency 201 rows = 201 responses = $ok"
  else
    CONSERVATION="FAILED: $(IFS='; '; echo "${PROBLEMS[*]}")"
  fi
  echo "$CONSERVATION" | tee -a "$OUT/conservation.txt"
}

classic_notes() {
  cat "$OUT/classic/notes.txt"
  [ ${#CLASSIC_PROBLEMS[@]} = 0 ] || echo "classic checks: FAILED: $(IFS='; '; echo "${CLASSIC_PROBLEMS[*]}")"
}
