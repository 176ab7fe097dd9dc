-- Responses of metered calls made with an Idempotency-Key, replayed to repetitions (charged once).
create table metered_call (
    principal       varchar(300) not null,
    idempotency_key varchar(255) not null,
    request_hash    varchar(64)  not null,
    status          int,
    content_type    varchar(255),
    body            bytea,
    created_at      timestamp with time zone not null,
    completed_at    timestamp with time zone,
    primary key (principal, idempotency_key)
);
create index metered_call_created on metered_call (created_at);
