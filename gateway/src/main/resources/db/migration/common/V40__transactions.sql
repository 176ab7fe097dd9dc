-- Read model: transactions over several wallets (API.md §9, docs/adr/016). A transaction's legs and its metadata
-- each have their own table: lists filter on a leg's wallet or owner and on metadata entries through their indexes,
-- which work alike on PostgreSQL and H2 (docs/adr/016 shows the plan over a million rows).
create table transaction_view (
    transaction_id varchar(36)  not null primary key,
    currency       varchar(3)   not null,
    reference      varchar(1000),
    status         varchar(16)  not null,
    reversal_of    varchar(36),
    created_at     timestamp with time zone not null,
    version        bigint       not null
);
create index transaction_view_created on transaction_view (created_at, transaction_id);

create table transaction_leg (
    transaction_id varchar(36)  not null,
    leg_index      int          not null,
    wallet_id      varchar(36)  not null,
    owner_id       varchar(255) not null,
    direction      varchar(8)   not null,
    amount         bigint       not null,
    primary key (transaction_id, leg_index)
);
create index transaction_leg_wallet on transaction_leg (wallet_id, transaction_id);
create index transaction_leg_owner on transaction_leg (owner_id, transaction_id);

create table transaction_metadata (
    transaction_id varchar(36)   not null,
    meta_key       varchar(40)   not null,
    meta_value     varchar(1020) not null,
    primary key (transaction_id, meta_key)
);
create index transaction_metadata_entry on transaction_metadata (meta_key, meta_value, transaction_id);
