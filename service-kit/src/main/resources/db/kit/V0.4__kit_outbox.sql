-- The transactional outbox (dev.shiplog.kit.outbox): events decided in a transaction are written here in that very
-- transaction, then relayed to the log with their fixed ids, in order per key, and deleted. log_partition and
-- log_end say where on the log the event can only be (at or after that offset of that partition): a relay that finds
-- a row it did not add itself looks there before sending, so an event a crashed relay wrote is not written twice.
create table if not exists outbox (
    id            bigserial     primary key,
    channel       varchar(100)  not null,
    record_key    varchar(300)  not null,
    event_id      varchar(64)   not null,
    event_type    varchar(300)  not null,
    payload       bytea         not null,
    log_partition integer,
    log_end       bigint,
    created_at    timestamptz   not null default now()
);
create index if not exists outbox_by_key on outbox (record_key, id);
