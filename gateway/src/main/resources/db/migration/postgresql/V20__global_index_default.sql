-- Axon's JDBC storage engine leaves the global index to the database: the column takes the next value of the
-- sequence the JPA engine fetched with a round trip of its own before every insert. Still one value at a time
-- (increment 1, no cache), so concurrent transactions never interleave blocks of positions; a position is only
-- ever skipped by a transaction that rolls back, and tracking processors wait for it as a gap.
alter table domain_event_entry alter column global_index set default nextval('domain_event_entry_seq');

-- Loading a snapshot reads the aggregate's newest one, and storing one deletes the older ones: both by aggregate,
-- which the primary key (sequence_number, aggregate_identifier, type) cannot serve.
create index snapshot_event_entry_aggregate on snapshot_event_entry (aggregate_identifier, sequence_number);
