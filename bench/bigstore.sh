# Scenario f: scenario (a) again on a store that already holds BIG_EVENTS events, to compare with (a) in the same run
# (no cost of a command or of a projection should grow with the history). Sourced by bench/run.sh, which calls
# bigstore_run when SCENARIOS holds f (after d and e, before a, b, c) and bigstore_notes for the table.
# Uses run.sh's OUT, DB, PORT, BASE, ADMIN_KEY, WALLETS, WARMUP, DURATION and its functions (start_service,
# seed_wallets, run_wrk, wait_caught_up, check_conservation, stop_service, drop_db), and history.sh's generator
# (history_prepare_schema, history_generate, history_tokens_to_head).
#
# In a subshell, with OUT=$OUT/f, DB=${DB}_big and a service of its own (same jar and options as run.sh's, same port):
#   1. the service migrates the empty database once (schema, token rows) and stops;
#   2. BIG_EVENTS events are generated in SQL by history.sh's generator: BIG_EVENTS / BIG_EVENTS_PER_WALLET wallets
#      of BIG_EVENTS_PER_WALLET events (opened, then deposits and withdrawals), the remainder on one more wallet;
#      then checked (sequences, opens, never below 0, timestamps);
#   3. every processor's token is moved to the head of that history (the read models skip it: they hold only the
#      wallets seeded below), the service starts, and the run waits until the hash-chain sealer has sealed the whole
#      history (it must, or it would compete with the load for the CPUs);
#   4. as (a): WALLETS wallets seeded through the API, WARMUP s of warm-up, DURATION s of withdrawals of 0.01 over
#      random wallets (wrk/withdraw-random.lua), processors caught up, conservation checked on the seeded wallets and
#      the events after the generated head.
# Results in $OUT/f/ (f.wrk.txt, f.cpu.txt, samples.txt, conservation.txt, checks.txt, generate.sql, service.log,
# schema-service.log, notes.txt); the row is labelled a@2M (BIG_LABEL).
#
# Environment: BIG_EVENTS=2000000, BIG_EVENTS_PER_WALLET=100.

BIG_EVENTS=${BIG_EVENTS:-2000000}
BIG_EVENTS_PER_WALLET=${BIG_EVENTS_PER_WALLET:-100}
BIG_LABEL=
BIG_PROBLEMS=()

bigstore_label() {
  if [ $(( BIG_EVENTS % 1000000 )) = 0 ]; then echo "a@$(( BIG_EVENTS / 1000000 ))M"
  elif [ $(( BIG_EVENTS % 1000 )) = 0 ]; then echo "a@$(( BIG_EVENTS / 1000 ))k"
  else echo "a@$BIG_EVENTS"; fi
}

bigstore_run() {
  mkdir -p "$OUT/f"
  : > "$OUT/f/problems.txt"
  bigstore_scenario
  BIG_LABEL=$(bigstore_label)
  mapfile -t BIG_PROBLEMS < "$OUT/f/problems.txt"
}

# Everything in a subshell: run.sh's functions work on its own OUT, DB, JAVA_PID; the EXIT trap stops the service
# and drops the database however the subshell ends.
bigstore_scenario() (
  OUT=$OUT/f DB=${DB}_big
  HIST_DB=$DB HIST_SERVICE_LOG=$OUT/schema-service.log HIST_JAVA_PID= HIST_SAMPLER_PID= HIST_DB_CREATED=
  JAVA_PID= SAMPLER_PID= DB_CREATED= PROBLEMS=() HIST_PROBLEMS=()
  trap 'rc=$?; set +e; history_stop_service; stop_service; drop_db; exit $rc' EXIT
  trap 'exit 130' INT TERM

  local label; label=$(bigstore_label)
  say "scenario f ($label): database $DB; service on port $PORT"
  curl -s -o /dev/null -m 1 "$BASE/actuator/health" && die "something already listens on port $PORT"
  psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "CREATE DATABASE $DB"
  DB_CREATED=1

  # 1, 2. schema, then the history
  history_prepare_schema "scenario f"
  local per=$BIG_EVENTS_PER_WALLET
  local gw=$(( BIG_EVENTS / per )) gb=$(( BIG_EVENTS % per ))
  : > "$OUT/checks.txt"
  history_generate "scenario f" "$gw" "$per" "$gb" "$OUT/generate.sql" "$OUT/checks.txt"
  local head=$GEN_HEAD size
  size=$(psql_db -c "select pg_size_pretty(pg_total_relation_size('domain_event_entry'))")

  # 3. tokens at the head, start, sealer
  history_tokens_to_head "$head"
  say "scenario f: starting the service"
  start_service
  local t seal_ms behind; t=$(now_ms)
  until [ "$(psql_db -c "select coalesce(max(global_index), 0) from event_seal")" -ge "$head" ]; do
    kill -0 "$JAVA_PID" 2>/dev/null || die "the service died (see $OUT/service.log)"
    [ $(( $(now_ms) - t )) -gt 1800000 ] && die "sealer not at the head after 1800 s"
    sleep 0.5
  done
  seal_ms=$(( $(now_ms) - t ))
  say "scenario f: every event sealed $seal_ms ms after healthy"
  behind=$(curl -sf "$BASE/api/admin/projections" -H "X-API-Key: $ADMIN_KEY" \
    | jq -c --argjson h "$head" '[.items[] | select(.position < $h or .lag != 0) | .name]')
  echo "processors behind the generated head after the start: $behind" >> "$OUT/checks.txt"
  [ "$behind" = "[]" ] || HIST_PROBLEMS+=("f: processors behind the generated head after the start: $behind")

  # 3b. BIG_REPLAY=1: the read models rebuilt over the history too (history.sh's replay of REPLAY_MODELS)
  local models="the read models hold only the $WALLETS seeded wallets"
  if [ "${BIG_REPLAY:-0}" = 1 ]; then
    local name hw he ew=$(( gw + (gb > 0 ? 1 : 0) )) ee=$(( BIG_EVENTS - gw - (gb > 0 ? 1 : 0) ))
    HIST_JAVA_PID=$JAVA_PID
    for name in $REPLAY_MODELS; do history_replay "$name" "$head"; done
    HIST_JAVA_PID=
    hw=$(psql_db -c "select count(*) from wallet_view where owner_id = 'bench-history'")
    he=$(psql_db -c "select count(*) from wallet_entry e join wallet_view v using (wallet_id) where v.owner_id = 'bench-history'")
    echo "after the replays: generated wallets in wallet_view $hw (expected $ew), their wallet_entry rows $he (expected $ee)" >> "$OUT/checks.txt"
    [ "$hw" = "$ew" ] || HIST_PROBLEMS+=("f: wallet_view holds $hw generated wallets after the replay, expected $ew")
    case " $REPLAY_MODELS " in *" wallet-entries "*)
      [ "$he" = "$ee" ] || HIST_PROBLEMS+=("f: wallet_entry holds $he rows of generated wallets after the replay, expected $ee") ;; esac
    psql_db -c "analyze"
    models="the read models rebuilt over the history first (BIG_REPLAY=1: $(for name in $REPLAY_MODELS; do printf '%s %s events/s; ' "$name" "${REPLAY_EPS[$name]:--}"; done)wallet_view then held $hw generated wallets, wallet_entry $he of their rows)"
  fi

  # 4. as (a)
  seed_wallets
  run_wrk warmup withdraw-random.lua "$WARMUP"
  run_wrk f withdraw-random.lua "$DURATION"
  wait_caught_up
  EVENTS_AFTER=$head check_conservation
  local events_end; events_end=$(psql_db -c "select count(*) from domain_event_entry")

  { echo "$label: (a) on a database of its own whose event store held $GEN_EVENTS events before the seeding ($gw wallets x $per events$( [ "$gb" -gt 0 ] && echo " + 1 wallet x $gb"): opened, deposits, withdrawals; domain_event_entry $size), generated in SQL in $GEN_MS ms (insert + analyze; checked in $GEN_CHECK_MS ms: $(sed -n 's/^generator check.*: //p' "$OUT/checks.txt"))"
    echo "$label: processors' tokens set to the head of the history ($models); healthy after $STARTUP_MS ms; sealer at the head $seal_ms ms after that; seeding $WALLETS wallets: $SEED_MS ms; $events_end events at the end"
    responses_line "$OUT" warmup "warmup@f"
    responses_line "$OUT" f "$label"
    echo "conservation ($label): $CONSERVATION"; } > "$OUT/notes.txt"
  for p in "${HIST_PROBLEMS[@]}" "${PROBLEMS[@]}"; do echo "$label: $p"; done > "$OUT/problems.txt"
)

bigstore_notes() {
  cat "$OUT/f/notes.txt"
  [ ${#BIG_PROBLEMS[@]} = 0 ] || echo "$BIG_LABEL checks: FAILED: $(IFS='; '; echo "${BIG_PROBLEMS[*]}")"
}
