-- The health monitor's memory (service.HealthMonitor): the status last published for each environment's live
-- release, and its failed checks in a row. Not a projection of the log: a rebuild carries it over.
create table environment_health (
    project_id    varchar(100) not null,
    environment   varchar(100) not null,
    deployment_id varchar(64)  not null,
    status        varchar(16)  not null,
    failures      integer      not null,
    changed_at    timestamptz  not null,
    primary key (project_id, environment)
);
