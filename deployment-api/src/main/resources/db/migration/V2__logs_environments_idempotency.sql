-- Build and platform log chunks, from shiplog.deployment.logs.
create table log_chunk (
    deployment_id varchar(64) not null,
    sequence      bigint      not null,
    stage         varchar(20) not null,
    stream        varchar(10) not null,
    text          text        not null,
    primary key (deployment_id, sequence)
);

-- Environments that exist, from shiplog.environment.events: a deployment must name one.
create table known_environment (
    project_id  varchar(100) not null,
    environment varchar(100) not null,
    primary key (project_id, environment)
);

-- Idempotency-Key of a request, on the deployment it created.
alter table deployment add column idempotency_key varchar(200);
create index deployment_by_project_environment on deployment (project_id, environment, requested_at desc);
