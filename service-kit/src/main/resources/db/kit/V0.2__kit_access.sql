-- Who may do what, from shiplog.access.events (service-kit AccessProjection).
create table if not exists access_token (
    token_id      varchar(64)  primary key,
    name          varchar(200) not null,
    subject       varchar(200) not null,
    secret_sha256 varchar(64)  not null,
    expires_at    timestamptz  not null,
    project_id    varchar(100),
    role          varchar(20),
    issued_at     timestamptz  not null,
    issued_by     varchar(200) not null,
    revoked_at    timestamptz,
    revoked_by    varchar(200)
);
create index if not exists access_token_by_subject on access_token (subject);
create index if not exists access_token_by_project on access_token (project_id);

create table if not exists access_member (
    project_id varchar(100) not null,
    subject    varchar(200) not null,
    role       varchar(20)  not null,
    granted_at timestamptz  not null,
    granted_by varchar(200) not null,
    primary key (project_id, subject)
);
create index if not exists access_member_by_subject on access_member (subject);
