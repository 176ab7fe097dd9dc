-- Read model: transfers.
create table transfer_view (
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
create index transfer_view_from on transfer_view (from_wallet_id);
create index transfer_view_to on transfer_view (to_wallet_id);
