-- Idempotency keys, exact: one deployment per (project, key) for the window, held with a row lock while its request
-- is written to the log, so two concurrent requests with one key make one deployment. Not a projection: the
-- write side's own memory (carried over when the projection is rebuilt).
create table idempotency_key (
    project_id    varchar(100) not null,
    key           varchar(200) not null,
    fingerprint   varchar(64)  not null,
    deployment_id varchar(64)  not null,
    created_at    timestamptz  not null,
    published     boolean      not null,
    primary key (project_id, key)
);
create index idempotency_key_by_age on idempotency_key (created_at);

-- A build's output is kept whatever bytes it holds (PostgreSQL text refuses NUL): the log is stored as UTF-8 bytes.
alter table log_chunk alter column text type bytea using convert_to(text, 'UTF8');
alter table log_chunk rename column text to content;

-- A deployment the history knows only by its end (its request could not be processed) has no version or config.
alter table deployment alter column version drop not null;
alter table deployment alter column config_json drop not null;
alter table deployment alter column initiated_by drop not null;
