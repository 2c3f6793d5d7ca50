-- A replay may read an artifact's ArtifactDeleted (keyed by project) before its ArtifactStored (keyed by
-- environment): the deletion is recorded in a row whose version and size come with the ArtifactStored.
alter table artifact alter column version drop not null;
alter table artifact alter column size_bytes drop not null;
alter table artifact alter column created_at drop not null;
