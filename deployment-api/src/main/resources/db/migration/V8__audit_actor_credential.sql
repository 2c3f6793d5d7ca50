-- A project token acts for whoever made it: the audit names that person as the actor, and the token it went
-- through here (envelope actorCredential, token:<id>); null for a person's own login or token.
alter table audit_entry add column actor_credential varchar(80);
