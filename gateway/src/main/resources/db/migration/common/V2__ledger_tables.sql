-- Tables of the ledger itself, in SQL that PostgreSQL and the embedded H2 (PostgreSQL mode) both accept.

-- Command deduplication: one row per (principal, Idempotency-Key), written in the transaction of the command.
create table command_idempotency (
    principal            varchar(300) not null,
    idempotency_key      varchar(255) not null,
    request_hash         varchar(64)  not null,
    created_at           timestamp with time zone not null,
    completed_at         timestamp with time zone,
    result_type          varchar(255),
    result               bytea,
    rejection_code       varchar(64),
    rejection_detail     varchar(2000),
    rejection_extensions bytea,
    primary key (principal, idempotency_key)
);
create index command_idempotency_created on command_idempotency (created_at);

-- API keys, stored only as SHA-256 hashes.
create table api_key (
    key_id            varchar(36)  not null primary key,
    key_hash          varchar(64)  not null unique,
    role              varchar(16)  not null,
    user_id           varchar(255),
    billing_wallet_id varchar(36),
    created_at        timestamp with time zone not null,
    revoked_at        timestamp with time zone
);
create index api_key_created on api_key (created_at, key_id);

-- Read model: wallets.
create table wallet_view (
    wallet_id  varchar(36)  not null primary key,
    owner_id   varchar(255) not null,
    currency   varchar(3)   not null,
    label      varchar(255),
    status     varchar(16)  not null,
    balance    bigint       not null,
    held       bigint       not null,
    version    bigint       not null,
    created_at timestamp with time zone not null,
    updated_at timestamp with time zone not null
);
create index wallet_view_created on wallet_view (created_at, wallet_id);
create index wallet_view_owner on wallet_view (owner_id, created_at, wallet_id);

-- Read model: the journal, and the running totals its projection keeps per wallet.
create table wallet_journal_head (
    wallet_id     varchar(36) not null primary key,
    currency      varchar(3)  not null,
    last_sequence bigint      not null,
    balance       bigint      not null,
    held          bigint      not null
);

create table wallet_entry (
    wallet_id       varchar(36)  not null,
    sequence        bigint       not null,
    entry_id        varchar(64)  not null,
    type            varchar(32)  not null,
    currency        varchar(3)   not null,
    amount          bigint,
    balance_after   bigint       not null,
    held_after      bigint       not null,
    reference       varchar(255),
    counterparty    varchar(36),
    idempotency_key varchar(255),
    occurred_at     timestamp with time zone not null,
    primary key (wallet_id, sequence)
);
create index wallet_entry_time on wallet_entry (wallet_id, occurred_at);
