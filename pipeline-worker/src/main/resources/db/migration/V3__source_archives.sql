-- A deployment built from an uploaded source archive instead of git.
alter table lane_entry add column archive_id varchar(64);
