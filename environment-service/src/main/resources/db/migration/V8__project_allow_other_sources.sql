-- Whether a project's deployments may build other git sources than its repositoryUrl (ProjectConfigured v2).
ALTER TABLE project ADD COLUMN allow_other_sources BOOLEAN NOT NULL DEFAULT FALSE;
