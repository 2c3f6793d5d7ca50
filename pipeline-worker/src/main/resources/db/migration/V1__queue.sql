-- The per-environment queue: deployments requested and not yet finished, in the order the log gave them.
create table lane_entry (
    deployment_id varchar(64)  primary key,
    project_id    varchar(100) not null,
    environment   varchar(100) not null,
    position_seq  bigserial    not null,
    requested_at  timestamptz  not null
);
create index lane_entry_by_environment on lane_entry (project_id, environment, position_seq);

-- Exactly-once in effect: an event id recorded in the same transaction as the change it caused.
create table processed_event (
    consumer     varchar(100) not null,
    event_id     varchar(64)  not null,
    processed_at timestamptz  not null,
    primary key (consumer, event_id)
);
