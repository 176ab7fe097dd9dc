-- The twin of V43, spelled out as in V8_1.
create table escrow_metadata_rebuild (
    escrow_id  varchar(36)   not null,
    meta_key   varchar(40)   not null,
    meta_value varchar(1020) not null,
    primary key (escrow_id, meta_key)
);
create index escrow_metadata_entry_rebuild on escrow_metadata_rebuild (meta_key, meta_value, escrow_id);
