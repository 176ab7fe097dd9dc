-- Read model: holds.
create table wallet_hold (
    hold_id         varchar(36)  not null primary key,
    wallet_id       varchar(36)  not null,
    currency        varchar(3)   not null,
    amount          bigint       not null,
    captured_amount bigint       not null,
    status          varchar(16)  not null,
    reference       varchar(255),
    expires_at      timestamp with time zone not null,
    created_at      timestamp with time zone not null,
    placed_sequence bigint       not null,
    version         bigint       not null
);
create index wallet_hold_wallet on wallet_hold (wallet_id, placed_sequence);

-- db-scheduler's table: durable deadlines (hold and escrow expiry) that survive restarts.
create table scheduled_tasks (
    task_name            varchar(100) not null,
    task_instance        varchar(250) not null,
    task_data            bytea,
    execution_time       timestamp with time zone not null,
    picked               boolean      not null,
    picked_by            varchar(50),
    last_success         timestamp with time zone,
    last_failure         timestamp with time zone,
    consecutive_failures int,
    last_heartbeat       timestamp with time zone,
    version              bigint       not null,
    priority             smallint,
    primary key (task_name, task_instance)
);
create index scheduled_tasks_execution_time on scheduled_tasks (execution_time);
create index scheduled_tasks_last_heartbeat on scheduled_tasks (last_heartbeat);
create index scheduled_tasks_priority_execution_time on scheduled_tasks (priority desc, execution_time asc);
