#!/usr/bin/env bash
# The physical ceiling for one durable debit on this machine's PostgreSQL, with no JVM or HTTP in the way:
# one transaction = claim the idempotency key -> lock the wallet row -> update its balance -> insert a
# journal row -> store the response on the key row -> commit (synchronous_commit as configured).
# Prints two lines: "ceiling random tps=N" (32 clients over 10,000 wallets) and "ceiling hot tps=N"
# (32 clients on one wallet). A benchmark divides its own throughput by these, measured in the same run.
#
#   bench/pg-ceiling.sh [DURATION_SECONDS=20] [CLIENTS=32]
#
# Needs pgbench and psql (Debian's postgresql-client) and a PostgreSQL reachable as PGHOST/PGPORT/PGUSER
# (default 127.0.0.1:5432, user postgres) that may create the scratch database `ledger_ceiling`.
set -euo pipefail
DUR=${1:-20} CLIENTS=${2:-32}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
DB=ledger_ceiling
psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
psql -X -q -v ON_ERROR_STOP=1 -d $DB <<'SQL'
CREATE TABLE wallet(n int PRIMARY KEY, balance bigint NOT NULL, version bigint NOT NULL);
CREATE TABLE wallet_entry(id bigserial PRIMARY KEY, wallet_n int NOT NULL, amount bigint NOT NULL,
  balance_after bigint NOT NULL, idempotency_key text NOT NULL, occurred_at timestamptz NOT NULL);
CREATE TABLE idempotency(principal text, key text, request_hash text, status int, response text,
  created_at timestamptz NOT NULL, PRIMARY KEY(principal, key));
INSERT INTO wallet SELECT g, 100000000, 0 FROM generate_series(1, 10000) g;
SQL
script=$(mktemp)
cat > "$script" <<'SQL'
\set n random(1, :nwallets)
\set r random(1, 1000000000000000)
BEGIN;
INSERT INTO idempotency(principal, key, request_hash, created_at) VALUES ('bench', :client_id || '-' || :r, 'h', now());
SELECT balance FROM wallet WHERE n = :n FOR UPDATE;
UPDATE wallet SET balance = balance - 1, version = version + 1 WHERE n = :n RETURNING balance AS bal \gset
INSERT INTO wallet_entry(wallet_n, amount, balance_after, idempotency_key, occurred_at) VALUES (:n, 1, :bal, :client_id || '-' || :r, now());
UPDATE idempotency SET status = 201, response = '{"amount":"0.01","balance":"' || :bal || '"}' WHERE principal = 'bench' AND key = :client_id || '-' || :r;
END;
SQL
for mode in random hot; do
  nw=10000; [ $mode = hot ] && nw=1
  tps=$(pgbench -n -M prepared -c "$CLIENTS" -j 2 -T "$DUR" -D nwallets=$nw -f "$script" $DB 2>&1 \
        | sed -n 's/^tps = \([0-9.]*\).*/\1/p')
  echo "ceiling $mode tps=${tps:-failed}"
done
rm -f "$script"
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB"
