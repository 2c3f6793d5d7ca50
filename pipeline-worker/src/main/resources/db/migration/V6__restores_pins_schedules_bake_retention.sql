-- Deployments that build nothing (a rollback, a promotion): the artifact they activate and what they restore; a
-- scheduled deployment's time; the environment snapshot the deployment runs with (Avro single-object encoding).
alter table lane_entry add column artifact_id varchar(64);
alter table lane_entry add column restore_kind varchar(16);
alter table lane_entry add column restore_from varchar(64);
alter table lane_entry add column restore_replaced varchar(64);
alter table lane_entry add column restore_reason text;
alter table lane_entry add column restore_automatic boolean not null default false;
alter table lane_entry add column not_before timestamptz;
alter table lane_entry add column snapshot bytea;
create index lane_entry_scheduled on lane_entry (not_before) where state = 'scheduled';

-- An environment pinned by a rollback: every other deployment is cancelled until an unpin.
create table lane_pin (
    project_id             varchar(100) not null,
    environment            varchar(100) not null,
    rollback_deployment_id varchar(64)  not null,
    reason                 text,
    pinned_by              varchar(200) not null,
    pinned_at              timestamptz  not null,
    primary key (project_id, environment)
);

-- The bake period of a release: until when it is watched, on which path, and how the watch ended.
alter table release add column bake_until timestamptz;
alter table release add column health_path varchar(2000);
alter table release add column bake_verdict varchar(16);

-- Retention: each project's policy, and the artifacts it let go.
create table retention_policy (
    project_id varchar(100) primary key,
    keep_last  integer      not null,
    keep_days  integer
);
alter table artifact add column deleted_at timestamptz;
