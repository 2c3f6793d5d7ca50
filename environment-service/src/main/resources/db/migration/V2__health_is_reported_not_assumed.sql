-- An environment's health is what a health check reported (EnvironmentHealthChanged), null until one did: no
-- environment is "healthy" by default any more.
alter table environment alter column status drop default;
alter table environment alter column status drop not null;
update environment set status = null where status = 'healthy';
