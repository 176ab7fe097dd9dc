-- Replays (POST /api/admin/projections/{name}/replay): one row per read model, shared by every instance, so that
-- one rebuild at a time runs for a read model whichever instance was asked, and every instance reports it.
create table read_model_rebuild (
    name         varchar(64)  not null primary key,
    state        varchar(16)  not null,
    node         varchar(255),
    started_at   timestamp with time zone,
    heartbeat_at timestamp with time zone,
    finished_at  timestamp with time zone,
    position     bigint       not null,
    head         bigint       not null,
    events       bigint       not null,
    failure      varchar(1000)
);
