-- Projects (ProjectConfigured, ProjectDeleted): name, where the code is, how it builds by default.
create table project (
    project_id          varchar(100)  primary key,
    name                varchar(200)  not null,
    repository_url      varchar(2000),
    default_branch      varchar(200),
    build_defaults_json text,
    created_at          timestamptz   not null,
    updated_at          timestamptz   not null,
    deleted_at          timestamptz
);
alter table environment add column deleted_at timestamptz;
alter table environment add column current_artifact varchar(64);

-- Each environment's variables (EnvironmentVariablesChanged): a plain value, or a secret sealed (never in clear).
create table environment_variable (
    project_id  varchar(100) not null,
    environment varchar(100) not null,
    name        varchar(128) not null,
    secret      boolean      not null,
    value       text,
    key_id      varchar(32),
    ciphertext  text,
    primary key (project_id, environment, name)
);

-- What each deployment built from, when it came from git (SourceResolved), and what it stored.
alter table deployment_release add column artifact_id varchar(64);
alter table deployment_release add column git_commit varchar(64);
alter table deployment_release add column history_json text;

-- The environment facts in the order they happened, for the state of an environment at any instant (asOf).
create table environment_journal (
    event_id    varchar(64)  primary key,
    project_id  varchar(100) not null,
    environment varchar(100),
    occurred_at timestamptz  not null,
    kind        varchar(32)  not null,
    payload     text         not null
);
create index environment_journal_by_time on environment_journal (project_id, occurred_at, event_id);
