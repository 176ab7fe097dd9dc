-- Axon's sequenced dead-letter queue for the projections (docs/adr/013-dead-letters-for-projections.md): an event a
-- projection cannot apply is parked here with the events of the same aggregate that follow it, instead of stalling
-- its segment. The columns are those of Axon's JdbcSequencedDeadLetterQueue (DeadLetterSchema, named in
-- DeadLetterConfiguration); its timestamps are ISO-8601 strings, as Axon writes and compares them. V1's
-- dead_letter_entry, the shape of Axon's JPA queue (timestamps as timestamps), was never used and goes.
drop table dead_letter_entry;

create table projection_dead_letter (
    dead_letter_id      varchar(255) not null primary key,
    processing_group    varchar(255) not null,
    sequence_identifier varchar(255) not null,
    sequence_index      bigint       not null,
    message_type        varchar(255) not null,
    event_identifier    varchar(255) not null,
    time_stamp          varchar(255) not null,
    payload_type        varchar(255) not null,
    payload_revision    varchar(255),
    payload             bytea not null,
    meta_data           bytea,
    aggregate_type      varchar(255),
    aggregate_identifier varchar(255),
    sequence_number     bigint,
    token_type          varchar(255),
    token               bytea,
    enqueued_at         varchar(255) not null,
    last_touched        varchar(255),
    processing_started  varchar(255),
    cause_type          varchar(255),
    cause_message       varchar(1023),
    diagnostics         bytea,
    constraint projection_dead_letter_sequence unique (processing_group, sequence_identifier, sequence_index)
);
create index projection_dead_letter_group on projection_dead_letter (processing_group, enqueued_at);
