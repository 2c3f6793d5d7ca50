-- A dashboard session is an API token issued at sign-in (TokenIssued.instanceAdmin, service-kit SessionCookie): an
-- instance administrator's session acts with the administrator's rights.
alter table access_token add column if not exists instance_admin boolean not null default false;
