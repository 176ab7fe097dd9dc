-- The twin of V42, spelled out as in V8_1.
create table wallet_metadata_rebuild (
    wallet_id  varchar(36)   not null,
    meta_key   varchar(40)   not null,
    meta_value varchar(1020) not null,
    primary key (wallet_id, meta_key)
);
create index wallet_metadata_entry_rebuild on wallet_metadata_rebuild (meta_key, meta_value, wallet_id);
