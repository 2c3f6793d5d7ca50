-- The deployment history projection, built only from shiplog.deployment.events.
create table deployment (
    id              varchar(64)  primary key,
    project_id      varchar(100) not null,
    environment     varchar(100) not null,
    version         varchar(200) not null,
    status          varchar(20)  not null,
    git_url         varchar(2000),
    git_commit      varchar(200),
    git_branch      varchar(200),
    archive_id      varchar(200),
    config_json     text         not null,
    initiated_by    varchar(200) not null,
    requested_at    timestamptz  not null,
    started_at      timestamptz,
    completed_at    timestamptz,
    queue_position  integer,
    artifact_id     varchar(100),
    artifact_url    varchar(2000),
    deployment_url  varchar(2000),
    environment_url varchar(2000),
    failure_reason  text,
    last_event_at   timestamptz  not null
);
create index deployment_by_project on deployment (project_id, requested_at desc);

create table deployment_stage (
    deployment_id varchar(64) not null references deployment (id),
    stage         varchar(20) not null,
    status        varchar(20) not null,
    started_at    timestamptz,
    completed_at  timestamptz,
    message       text,
    primary key (deployment_id, stage)
);
