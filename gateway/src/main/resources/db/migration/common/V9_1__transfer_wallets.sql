-- Command side: the two wallets of every transfer, written in the transfer's own transaction (docs/adr/012). Not a
-- read model: nothing lags behind it, so GET /api/transfers/{id} can tell a transfer its read model does not show yet
-- from one that does not exist.
create table transfer_wallets (
    transfer_id    varchar(36) not null primary key,
    from_wallet_id varchar(36) not null,
    to_wallet_id   varchar(36) not null
);
