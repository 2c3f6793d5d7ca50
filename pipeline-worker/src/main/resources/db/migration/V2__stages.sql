-- What the stages need to run a deployment, kept with its place in the queue.
alter table lane_entry add column version        varchar(200);
alter table lane_entry add column git_url        varchar(2000);
alter table lane_entry add column git_commit     varchar(200);
alter table lane_entry add column git_branch     varchar(200);
alter table lane_entry add column config        bytea;
alter table lane_entry add column started_at     timestamptz;
alter table lane_entry add column heartbeat_at   timestamptz;
alter table lane_entry add column finished_at    timestamptz;
alter table lane_entry add column cancel_reason  text;
create index lane_entry_running on lane_entry (finished_at, started_at);

-- Artifacts stored, per project: the per-project version number of each distinct artifact.
create table artifact (
    project_id  varchar(100) not null,
    artifact_id varchar(64)  not null,
    version     integer      not null,
    size_bytes  bigint       not null,
    created_at  timestamptz  not null,
    primary key (project_id, artifact_id)
);

-- How it ended: succeeded, failed, cancelled (null while unfinished).
alter table lane_entry add column outcome varchar(20);
