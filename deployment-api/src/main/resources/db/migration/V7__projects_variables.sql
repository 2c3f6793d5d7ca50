-- What a deployment runs with, as the environment's configuration says now (snapshotted into each request):
-- its plain variables, and its secrets as they were sealed (ciphertext and key id; never in clear).
alter table known_environment add column variables_json text not null default '{}';
alter table known_environment add column secrets_json text not null default '[]';

-- Projects configured on the log (ProjectConfigured): where their code is and how they build by default, for
-- deployments that do not say.
create table known_project (
    project_id          varchar(100) primary key,
    repository_url      varchar(2048),
    default_branch      varchar(255),
    build_defaults_json text
);
