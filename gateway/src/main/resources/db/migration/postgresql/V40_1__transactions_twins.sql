-- The twins of the transaction read model tables (see V8_1).
create table transaction_view_rebuild (like transaction_view including all);
create table transaction_leg_rebuild (like transaction_leg including all);
create table transaction_metadata_rebuild (like transaction_metadata including all);
