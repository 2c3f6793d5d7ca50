-- Whether a deployment into the environment needs the approval of a maintainer other than its requester.
alter table environment add column approval_required boolean not null default false;
