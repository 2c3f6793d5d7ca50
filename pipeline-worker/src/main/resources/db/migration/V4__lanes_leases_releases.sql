-- The lane reshaped. A deployment's place in line is the offset of its request on the log (the same after a
-- rebuild from offset zero); who runs it is a lease: the worker instance that owns it and the attempt; whether a
-- worker is alive is one heartbeat per instance, not per deployment.
alter table lane_entry add column position bigint;
update lane_entry set position = position_seq;
alter table lane_entry alter column position set not null;
alter table lane_entry add column state varchar(16);
update lane_entry set state = case when finished_at is not null then 'finished'
                                   when started_at is not null then 'running' else 'queued' end;
alter table lane_entry alter column state set not null;
alter table lane_entry add column attempt integer not null default 0;
update lane_entry set attempt = 1 where started_at is not null;
alter table lane_entry add column owner varchar(100);
alter table lane_entry add column activating boolean not null default false;
alter table lane_entry add column request_event_id varchar(64);
drop index if exists lane_entry_running;
alter table lane_entry drop column position_seq;
alter table lane_entry drop column heartbeat_at;
alter table lane_entry drop column started_at;
create index lane_entry_unfinished on lane_entry (project_id, environment, position) where state <> 'finished';

-- The release history of each environment, from ReleaseActivated: what is live is the latest release that was not
-- withdrawn (a deployment that failed after its activation was recorded never served).
create table release (
    deployment_id          varchar(64)   primary key,
    project_id             varchar(100)  not null,
    environment            varchar(100)  not null,
    artifact_id            varchar(64)   not null,
    deployment_url         varchar(2000) not null,
    environment_url        varchar(2000) not null,
    previous_deployment_id varchar(64),
    position               bigint        not null,
    activated_at           timestamptz   not null,
    replaced_by            varchar(64),
    replaced_at            timestamptz,
    withdrawn              boolean       not null default false
);
create index release_by_environment on release (project_id, environment, position desc);

-- Worker instances and their heartbeat: a running deployment whose owner stopped beating is an orphan.
create table worker_instance (
    id           varchar(100) primary key,
    host         varchar(255) not null,
    pid          bigint       not null,
    started_at   timestamptz  not null,
    heartbeat_at timestamptz  not null
);
