-- The embedded twin of db/migration/postgresql/V20__global_index_default.sql: the global index is taken from the
-- sequence by the insert itself, one value at a time.
alter table domain_event_entry alter column global_index set default next value for domain_event_entry_seq;

create index snapshot_event_entry_aggregate on snapshot_event_entry (aggregate_identifier, sequence_number);
