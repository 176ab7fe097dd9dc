-- Transfer reversals and metadata (API.md §4, §1; docs/adr/016).
-- Command side: what a reversal must know of the transfer it reverses, recorded in the transfer's own transaction
-- next to its wallets. Null for transfers recorded before; their read model row is then the truth (docs/adr/012).
alter table transfer_wallets add column currency varchar(3);
alter table transfer_wallets add column amount bigint;
alter table transfer_wallets add column reversal_of varchar(36);

-- Read model: the reference, the reversal's link to its original, what has been reversed of a transfer, an index for
-- newest-first lists, and metadata entries in a table of their own, filtered through its index as in V40.
alter table transfer_view add column reference varchar(1000);
alter table transfer_view add column reversal_of varchar(36);
alter table transfer_view add column reversed_amount bigint not null default 0;
create index transfer_view_created on transfer_view (created_at, transfer_id);

create table transfer_metadata (
    transfer_id varchar(36)   not null,
    meta_key    varchar(40)   not null,
    meta_value  varchar(1020) not null,
    primary key (transfer_id, meta_key)
);
create index transfer_metadata_entry on transfer_metadata (meta_key, meta_value, transfer_id);
