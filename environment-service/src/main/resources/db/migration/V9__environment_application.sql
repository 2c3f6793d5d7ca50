-- An environment's server application as its runtime last reported it (ApplicationScaled, ApplicationCrashed on
-- shiplog.environment.events): the deployment it runs and its instances, its last scaling and its last crash. All
-- null while there is none: until one of those events arrived, and again once another release went live.
alter table environment add column application_deployment_id varchar(64);
alter table environment add column application_instances integer;
alter table environment add column scaled_at timestamptz;
alter table environment add column scaled_from integer;
alter table environment add column scaled_to integer;
alter table environment add column scaled_reason text;
alter table environment add column crashed_at timestamptz;
alter table environment add column crashed_instance integer;
alter table environment add column crashed_exit_code integer;
alter table environment add column crashed_output text;
alter table environment add column crashed_restart_seconds integer;
