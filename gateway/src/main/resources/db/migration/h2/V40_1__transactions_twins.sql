-- The twins of the transaction read model tables, spelled out as in V8_1.
create table transaction_view_rebuild (
    transaction_id varchar(36)  not null primary key,
    currency       varchar(3)   not null,
    reference      varchar(1000),
    status         varchar(16)  not null,
    reversal_of    varchar(36),
    created_at     timestamp with time zone not null,
    version        bigint       not null
);
create index transaction_view_created_rebuild on transaction_view_rebuild (created_at, transaction_id);

create table transaction_leg_rebuild (
    transaction_id varchar(36)  not null,
    leg_index      int          not null,
    wallet_id      varchar(36)  not null,
    owner_id       varchar(255) not null,
    direction      varchar(8)   not null,
    amount         bigint       not null,
    primary key (transaction_id, leg_index)
);
create index transaction_leg_wallet_rebuild on transaction_leg_rebuild (wallet_id, transaction_id);
create index transaction_leg_owner_rebuild on transaction_leg_rebuild (owner_id, transaction_id);

create table transaction_metadata_rebuild (
    transaction_id varchar(36)   not null,
    meta_key       varchar(40)   not null,
    meta_value     varchar(1020) not null,
    primary key (transaction_id, meta_key)
);
create index transaction_metadata_entry_rebuild on transaction_metadata_rebuild (meta_key, meta_value, transaction_id);
