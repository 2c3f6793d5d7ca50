-- The per-environment queue: deployments requested and not yet finished, in the order the log gave them.
create table lane_entry (
    deployment_id varchar(64)  primary key,
    project_id    varchar(100) not null,
    environment   varchar(100) not null,
    position_seq  bigserial    not null,
    requested_at  timestamptz  not null
);
create index lane_entry_by_environment on lane_entry (project_id, environment, position_seq);
