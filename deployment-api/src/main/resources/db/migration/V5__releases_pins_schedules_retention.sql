-- What a deployment runs with from its environment (url, settings, bake period), as EnvironmentConfigured says.
alter table known_environment add column url varchar(2000);
alter table known_environment add column settings_json text not null default '{}';
alter table known_environment add column bake_seconds integer;

-- Deployments that build nothing (rollback, promotion), scheduled ones, and the environment snapshot each runs with.
alter table deployment add column kind varchar(16) not null default 'build';
alter table deployment add column restore_from varchar(64);
alter table deployment add column replaced_deployment_id varchar(64);
alter table deployment add column scheduled_at timestamptz;
alter table deployment add column queued_at timestamptz;
alter table deployment add column snapshot_json text;

-- Every release that was live in an environment, from ReleaseActivated, and how it ended.
create table release (
    deployment_id          varchar(64)  primary key,
    project_id             varchar(100) not null,
    environment            varchar(100) not null,
    artifact_id            varchar(64)  not null,
    position               bigint       not null,
    activated_at           timestamptz  not null,
    previous_deployment_id varchar(64),
    ended                  varchar(20),
    ended_at               timestamptz,
    ended_by               varchar(64),
    ended_reason           text,
    withdrawn              boolean      not null default false
);
create index release_by_environment on release (project_id, environment, position desc);

-- An environment pinned by a rollback (EnvironmentPinned) until an unpin (EnvironmentUnpinned).
create table environment_pin (
    project_id             varchar(100) not null,
    environment            varchar(100) not null,
    rollback_deployment_id varchar(64)  not null,
    reason                 text,
    pinned_by              varchar(200) not null,
    pinned_at              timestamptz  not null,
    primary key (project_id, environment)
);

-- Artifacts a project's retention let go (ArtifactDeleted), and each project's policy (RetentionPolicySet).
create table deleted_artifact (
    project_id  varchar(100) not null,
    artifact_id varchar(64)  not null,
    deleted_at  timestamptz  not null,
    reason      text,
    primary key (project_id, artifact_id)
);
create table retention_policy (
    project_id varchar(100) primary key,
    keep_last  integer      not null,
    keep_days  integer,
    set_by     varchar(200) not null,
    set_at     timestamptz  not null
);
