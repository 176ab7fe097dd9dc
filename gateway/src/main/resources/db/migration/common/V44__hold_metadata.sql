-- Read model: holds' metadata (API.md §1), filtered through its index as transactions' are (V40, docs/adr/016).
create table hold_metadata (
    hold_id    varchar(36)   not null,
    meta_key   varchar(40)   not null,
    meta_value varchar(1020) not null,
    primary key (hold_id, meta_key)
);
create index hold_metadata_entry on hold_metadata (meta_key, meta_value, hold_id);
