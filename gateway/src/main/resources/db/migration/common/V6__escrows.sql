-- Read model: escrows.
create table escrow_view (
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
create index escrow_view_created on escrow_view (created_at, escrow_id);
create index escrow_view_buyer on escrow_view (buyer_id, created_at, escrow_id);
create index escrow_view_seller on escrow_view (seller_id, created_at, escrow_id);
