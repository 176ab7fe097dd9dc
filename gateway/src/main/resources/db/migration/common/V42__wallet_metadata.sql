-- Read model: wallets' metadata (API.md §1), filtered through its index as transactions' are (V40, docs/adr/016).
create table wallet_metadata (
    wallet_id  varchar(36)   not null,
    meta_key   varchar(40)   not null,
    meta_value varchar(1020) not null,
    primary key (wallet_id, meta_key)
);
create index wallet_metadata_entry on wallet_metadata (meta_key, meta_value, wallet_id);
