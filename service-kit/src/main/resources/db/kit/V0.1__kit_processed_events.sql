-- service-kit's own tables, the same in every service's schema (each service's Flyway reads db/kit beside its own
-- db/migration). Versions 0.x run before a service's own (V1...) on a new database; a later kit version reaches a
-- database already past the service's own versions (quarkus.flyway.out-of-order in every service).

-- Exactly-once in effect: an event id recorded in the same transaction as the change it caused (ProcessedEvents).
create table if not exists processed_event (
    consumer     varchar(100) not null,
    event_id     varchar(64)  not null,
    processed_at timestamptz  not null,
    primary key (consumer, event_id)
);
