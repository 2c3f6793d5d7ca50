-- A notification's id is now made from its deployment and its kind (one per thing said), no longer from the event
-- that triggered it: the trigger is kept, but two events saying the same thing share one notification.
alter table notification drop constraint if exists notification_trigger_event_id_key;
create index notification_by_deployment on notification (deployment_id, kind);
