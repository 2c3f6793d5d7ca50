-- The in-app notifications (the live feed), built only from shiplog.deployment.events.
-- id is deterministic: UUID.nameUUIDFromBytes("in-app:" + trigger_event_id), one per triggering event.
create table notification (
    id                 uuid          primary key,
    project_id         varchar(100)  not null,
    environment        varchar(100)  not null,
    deployment_id      varchar(64)   not null,
    kind               varchar(20)   not null,
    title              varchar(500)  not null,
    detail             text,
    url                varchar(2000),
    trigger_event_id   varchar(64)   not null unique,
    trigger_event_type varchar(100)  not null,
    occurred_at        timestamptz   not null,
    created_at         timestamptz   not null
);
create index notification_by_project on notification (project_id, occurred_at desc);
