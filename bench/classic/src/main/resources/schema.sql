-- Created at every start (spring.sql.init), kept when it exists. Amounts are minor units (cents).
create table if not exists api_key (
    key_hash text primary key,      -- SHA-256 (hex) of the key; the key itself is never stored
    user_id  text not null,
    role     text not null          -- client | admin
);

create table if not exists wallet (
    id       uuid primary key,
    owner_id text   not null,
    currency text   not null,
    balance  bigint not null check (balance >= 0),
    version  bigint not null
);

-- the journal: one row per movement, signed (a withdrawal of 0.01 is -1), with the balance right after it
create table if not exists wallet_entry (
    id              bigserial primary key,
    wallet_id       uuid        not null references wallet (id),
    amount          bigint      not null,
    balance_after   bigint      not null,
    idempotency_key text        not null,
    occurred_at     timestamptz not null
);
-- a wallet's statement reads its entries in order
create index if not exists wallet_entry_wallet on wallet_entry (wallet_id, id);

-- one row per (caller, Idempotency-Key), written in the transaction of the withdrawal it records
create table if not exists idempotency (
    principal    text        not null,
    key          text        not null,
    request_hash text        not null,
    status       int,
    response     text,
    created_at   timestamptz not null,
    primary key (principal, key)
);
