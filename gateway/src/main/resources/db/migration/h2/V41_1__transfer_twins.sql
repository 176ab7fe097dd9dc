-- The twins follow V41, spelled out as in V8_1.
alter table transfer_view_rebuild add column reference varchar(1000);
alter table transfer_view_rebuild add column reversal_of varchar(36);
alter table transfer_view_rebuild add column reversed_amount bigint not null default 0;
create index transfer_view_created_rebuild on transfer_view_rebuild (created_at, transfer_id);

create table transfer_metadata_rebuild (
    transfer_id varchar(36)   not null,
    meta_key    varchar(40)   not null,
    meta_value  varchar(1020) not null,
    primary key (transfer_id, meta_key)
);
create index transfer_metadata_entry_rebuild on transfer_metadata_rebuild (meta_key, meta_value, transfer_id);
