-- Subscriptions, projected from SubscriptionConfigured / SubscriptionDeleted on shiplog.notification.events.
create table subscription (
    id                    varchar(64)   primary key,
    project_id            varchar(100)  not null,
    name                  varchar(200)  not null,
    channel               varchar(20)   not null,
    url                   varchar(2000),
    emails_json           text          not null,
    environments_json     text          not null,
    kinds_json            text          not null,
    paused                boolean       not null,
    max_attempts          integer       not null,
    secret_json           text,
    previous_secret_json  text,
    previous_secret_until timestamptz,
    created_at            timestamptz   not null,
    updated_at            timestamptz   not null
);
create index subscription_by_project on subscription (project_id);

-- A notification's health changes have no deployment; a notification now has a sequence (the live stream's cursor)
alter table notification alter column deployment_id drop not null;
alter table notification add column seq bigserial;
create index notification_by_seq on notification (project_id, seq);

-- Deliveries: one per (notification, subscription), queued in the transaction that recorded the notification (an
-- outbox), sent by the dispatcher. Not derived from the log: a rebuild carries them over.
create table delivery (
    id              uuid          primary key,
    subscription_id varchar(64)   not null,
    notification_id uuid          not null,
    seq             bigserial,
    state           varchar(20)   not null,
    attempts        integer       not null default 0,
    resent_after    integer       not null default 0,
    next_attempt_at timestamptz   not null,
    lease_until     timestamptz,
    last_status     integer,
    last_error      text,
    created_at      timestamptz   not null,
    delivered_at    timestamptz,
    unique (subscription_id, notification_id)
);
create index delivery_due on delivery (state, next_attempt_at);
create index delivery_by_subscription on delivery (subscription_id, seq);

-- Every attempt of a delivery: when, how long, what the receiver answered, what went wrong.
create table delivery_attempt (
    delivery_id uuid        not null,
    attempt     integer     not null,
    started_at  timestamptz not null,
    latency_ms  integer     not null,
    status_code integer,
    error       text,
    primary key (delivery_id, attempt)
);

-- Read marks, per user and project: every notification up to this one (by time) is read.
create table notification_read (
    subject     varchar(200) not null,
    project_id  varchar(100) not null,
    read_up_to  timestamptz  not null,
    primary key (subject, project_id)
);
