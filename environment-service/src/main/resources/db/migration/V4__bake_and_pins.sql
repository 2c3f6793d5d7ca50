-- How long a new live release is watched (null: the platform's default), and the pin a rollback sets.
alter table environment add column bake_seconds integer;
alter table environment add column pinned_by varchar(200);
alter table environment add column pinned_at timestamptz;
alter table environment add column pinned_rollback varchar(64);
alter table environment add column pinned_reason text;
