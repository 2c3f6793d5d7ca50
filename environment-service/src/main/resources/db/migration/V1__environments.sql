-- The environment projection, built only from shiplog.environment.events and shiplog.deployment.events.
create table environment (
    project_id            varchar(100)  not null,
    name                  varchar(100)  not null,
    url                   varchar(2000),
    settings_json         text          not null default '{}',
    protected             boolean       not null default false,
    status                varchar(20)   not null default 'healthy',
    current_deployment_id varchar(64),
    current_version       varchar(200),
    created_at            timestamptz   not null,
    updated_at            timestamptz   not null,
    primary key (project_id, name)
);

-- The version each successful deployment put live, so a rollback can tell which version is live again.
create table deployment_release (
    deployment_id varchar(64)  primary key,
    project_id    varchar(100) not null,
    environment   varchar(100) not null,
    version       varchar(200) not null
);
