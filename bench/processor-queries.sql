-- The queries a tracking processor sends, planned and run by PostgreSQL on a database that holds a history:
--   psql -X -d <database> -f bench/processor-queries.sql
-- e.g. on the history database `KEEP_DB=1 SCENARIOS=d bench/run.sh` leaves behind (1,000,000 events), or any copy of
-- a ledger. Read-only. The token sits 100 events behind the head with two gaps behind it; "generic" plans are what a
-- prepared statement runs after pgjdbc's fifth execution (docs/adr/014-jdbc-storage-engine.md).
\pset pager off
select max(global_index) as head, max(global_index) - 100 as token, max(global_index) - 150 as gap1,
       max(global_index) - 120 as gap2, count(*) as events from domain_event_entry \gset
\echo :events events, token :token, gaps :gap1 :gap2
\set F 'global_index, event_identifier, aggregate_identifier, sequence_number, type, time_stamp, payload_type, payload_revision, payload, meta_data'

prepare ledger_gaps(bigint, bigint, bigint, bigint) as
  (select :F from domain_event_entry where global_index > $1 order by global_index asc limit $2)
  union all (select :F from domain_event_entry where global_index in ($3, $4)) order by global_index asc;
prepare ledger_next(bigint, bigint) as
  select :F from domain_event_entry where global_index > $1 order by global_index asc limit $2;
prepare jpa_gaps(bigint, bigint, bigint, int) as
  select :F from domain_event_entry where global_index > $1 or global_index in ($2, $3)
  order by global_index fetch first $4 rows only;

\echo '=== the ledger: next batch after a token with gaps, custom then generic plan'
set plan_cache_mode = force_custom_plan;
explain (analyze, buffers, costs off) execute ledger_gaps(:token, 100, :gap1, :gap2);
set plan_cache_mode = force_generic_plan;
explain (analyze, buffers, costs off) execute ledger_gaps(:token, 100, :gap1, :gap2);
\echo '=== the ledger: next batch, no gaps, generic plan'
explain (analyze, buffers, costs off) execute ledger_next(:token, 100);
\echo '=== the JPA engine (before ADR 014): the same question, custom then generic plan'
set plan_cache_mode = force_custom_plan;
explain (analyze, buffers, costs off) execute jpa_gaps(:token, :gap1, :gap2, 100);
set plan_cache_mode = force_generic_plan;
explain (analyze, buffers, costs off) execute jpa_gaps(:token, :gap1, :gap2, 100);
\echo '=== the command path: the aggregate cache check and an aggregate stream'
select aggregate_identifier as agg from domain_event_entry where global_index = :head \gset
explain (analyze, buffers, costs off) select max(sequence_number) from domain_event_entry where aggregate_identifier = :'agg';
explain (analyze, buffers, costs off) select :F from domain_event_entry
  where aggregate_identifier = :'agg' and sequence_number >= 0 and sequence_number < 100 order by sequence_number asc;
reset plan_cache_mode;
