-- The twins follow V41 (see V8_1).
alter table transfer_view_rebuild add column reference varchar(1000);
alter table transfer_view_rebuild add column reversal_of varchar(36);
alter table transfer_view_rebuild add column reversed_amount bigint not null default 0;
create index transfer_view_created_rebuild on transfer_view_rebuild (created_at, transfer_id);
create table transfer_metadata_rebuild (like transfer_metadata including all);
