-- The twin of V44, spelled out as in V8_1.
create table hold_metadata_rebuild (
    hold_id    varchar(36)   not null,
    meta_key   varchar(40)   not null,
    meta_value varchar(1020) not null,
    primary key (hold_id, meta_key)
);
create index hold_metadata_entry_rebuild on hold_metadata_rebuild (meta_key, meta_value, hold_id);
