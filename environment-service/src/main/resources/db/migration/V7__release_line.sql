-- What went live in each environment, in order: schemas' ReleaseLine (the one home of "what is live"), fed by
-- ReleaseActivated, DeploymentFailed / DeploymentCancelled (which withdraw a release that went live) and the old
-- DeploymentRolledBack. A deployment's place in its environment's line (null: it never went live there), and whether
-- it was withdrawn since.
alter table deployment_release add column live_order integer;
alter table deployment_release add column withdrawn boolean not null default false;
create index deployment_release_line on deployment_release (project_id, environment, live_order);
-- a deployment's version is known from its request (or its success): unknown is null, no longer ''
alter table deployment_release alter column version drop not null;
update deployment_release set version = null where version = '';
-- what was live before this version starts each environment's line (a rebuild from the log finds its place in it)
update deployment_release r set live_order = 0 from environment e
    where e.current_deployment_id = r.deployment_id and e.project_id = r.project_id and e.name = r.environment;

-- Where each journaled fact is on the log: facts of the same millisecond are folded in log order (the order the
-- projection applied them), not by their ids. Null for facts journaled before this version.
alter table environment_journal add column log_topic varchar(255);
alter table environment_journal add column log_partition integer;
alter table environment_journal add column log_offset bigint;
