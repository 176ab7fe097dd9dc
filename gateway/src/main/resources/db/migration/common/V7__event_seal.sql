-- Tamper evidence for the event log: a hash chain in commit order. Row n holds
-- sha256(hash of the previous sealed event, then the columns of event n); verification recomputes it, so an event
-- rewritten behind the service's back (append-only trigger disabled) shows up at its position.
create table event_seal (
    global_index bigint      not null primary key,
    hash         varchar(64) not null
);
