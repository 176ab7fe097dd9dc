-- Read model: escrows' metadata (API.md §1), filtered through its index as transactions' are (V40, docs/adr/016).
create table escrow_metadata (
    escrow_id  varchar(36)   not null,
    meta_key   varchar(40)   not null,
    meta_value varchar(1020) not null,
    primary key (escrow_id, meta_key)
);
create index escrow_metadata_entry on escrow_metadata (meta_key, meta_value, escrow_id);
