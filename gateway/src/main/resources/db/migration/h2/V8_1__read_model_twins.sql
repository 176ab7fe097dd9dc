-- Every read model table has a twin of the same shape where a replay rebuilds it from the whole history (see the
-- PostgreSQL migration of the same version). H2 has no CREATE TABLE ... LIKE, and its CREATE TABLE ... AS drops the
-- NOT NULL constraints: the twins are spelled out.
create table wallet_view_rebuild (
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
create index wallet_view_created_rebuild on wallet_view_rebuild (created_at, wallet_id);
create index wallet_view_owner_rebuild on wallet_view_rebuild (owner_id, created_at, wallet_id);

create table wallet_journal_head_rebuild (
    wallet_id     varchar(36) not null primary key,
    currency      varchar(3)  not null,
    last_sequence bigint      not null,
    balance       bigint      not null,
    held          bigint      not null
);

create table wallet_entry_rebuild (
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
create index wallet_entry_time_rebuild on wallet_entry_rebuild (wallet_id, occurred_at);

create table wallet_hold_rebuild (
    hold_id         varchar(36)  not null primary key,
    wallet_id       varchar(36)  not null,
    currency        varchar(3)   not null,
    amount          bigint       not null,
    captured_amount bigint       not null,
    status          varchar(16)  not null,
    reference       varchar(255),
    expires_at      timestamp with time zone not null,
    created_at      timestamp with time zone not null,
    placed_sequence bigint       not null,
    version         bigint       not null
);
create index wallet_hold_wallet_rebuild on wallet_hold_rebuild (wallet_id, placed_sequence);

create table transfer_view_rebuild (
    transfer_id    varchar(36) not null primary key,
    from_wallet_id varchar(36) not null,
    to_wallet_id   varchar(36) not null,
    currency       varchar(3)  not null,
    amount         bigint      not null,
    status         varchar(16) not null,
    failure_code   varchar(64),
    created_at     timestamp with time zone not null,
    completed_at   timestamp with time zone
);
create index transfer_view_from_rebuild on transfer_view_rebuild (from_wallet_id);
create index transfer_view_to_rebuild on transfer_view_rebuild (to_wallet_id);

create table escrow_view_rebuild (
    escrow_id          varchar(36)  not null primary key,
    buyer_id           varchar(255) not null,
    seller_id          varchar(255) not null,
    buyer_wallet_id    varchar(36)  not null,
    seller_wallet_id   varchar(36)  not null,
    currency           varchar(3)   not null,
    amount             bigint       not null,
    description        varchar(1000),
    state              varchar(16)  not null,
    expires_in_seconds bigint       not null,
    created_at         timestamp with time zone not null,
    funded_at          timestamp with time zone,
    expires_at         timestamp with time zone,
    released_at        timestamp with time zone,
    refunded_at        timestamp with time zone,
    expired_at         timestamp with time zone,
    version            bigint       not null
);
create index escrow_view_created_rebuild on escrow_view_rebuild (created_at, escrow_id);
create index escrow_view_buyer_rebuild on escrow_view_rebuild (buyer_id, created_at, escrow_id);
create index escrow_view_seller_rebuild on escrow_view_rebuild (seller_id, created_at, escrow_id);
