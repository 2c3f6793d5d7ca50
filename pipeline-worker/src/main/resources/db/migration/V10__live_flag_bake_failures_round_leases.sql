-- What is live is decided by one rule (schemas' ReleaseLine) when a release goes live or is withdrawn; the release
-- history keeps its answer, so every reader looks it up instead of working it out again.
alter table release add column live boolean not null default false;
update release r set live = true where not r.withdrawn and r.position = (select max(o.position) from release o
    where o.project_id = r.project_id and o.environment = r.environment and not o.withdrawn);
create index release_live on release (project_id, environment) where live;

-- The bake watch's failed checks in a row, shared by every instance (it was one instance's memory).
alter table release add column bake_failures integer not null default 0;

-- Rounds of work one instance does at a time (the live health checks, the bake watch): held for a while by one
-- instance, without a transaction open across the HTTP probes of the round.
create table round_lease (
    name   varchar(50)  primary key,
    holder varchar(200) not null,
    until  timestamptz  not null
);
