-- service-kit's own tables, the same in every service's schema. Versions 0.x run before a service's own (V1...) on a
-- new database; on one made before service-kit owned them (each service created them itself), they exist already:
-- hence "if not exists", and quarkus.flyway.out-of-order in every service.

-- Exactly-once in effect: an event id recorded in the same transaction as the change it caused (ProcessedEvents).
create table if not exists processed_event (
    consumer     varchar(100) not null,
    event_id     varchar(64)  not null,
    processed_at timestamptz  not null,
    primary key (consumer, event_id)
);
