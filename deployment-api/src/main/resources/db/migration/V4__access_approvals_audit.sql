-- Protected environments and those that need an approval, from EnvironmentConfigured.
alter table known_environment add column protected boolean not null default false;
alter table known_environment add column approval_required boolean not null default false;

-- A deployment's approval: waiting, approved or rejected; who decided, when, what they said; when it expires.
alter table deployment add column approval_status varchar(20);
alter table deployment add column approval_expires_at timestamptz;
alter table deployment add column approval_decided_by varchar(200);
alter table deployment add column approval_decided_at timestamptz;
alter table deployment add column approval_comment text;
alter table deployment add column initiated_role varchar(20);

-- The audit trail: every command with its actor, role, outcome and time, from the log.
create table audit_entry (
    event_id    varchar(64)  primary key,
    at          timestamptz  not null,
    actor       varchar(200) not null,
    actor_role  varchar(20),
    action      varchar(100) not null,
    outcome     varchar(20)  not null,
    project_id  varchar(100),
    environment varchar(100),
    target      varchar(500),
    detail      text
);
create index audit_by_project on audit_entry (project_id, at desc, event_id);
create index audit_by_time on audit_entry (at desc, event_id);
