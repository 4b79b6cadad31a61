-- Every read of the audit API (/api/v1/audit/...): when, by which auditor, which method and path
-- (with its query string). Written before the read is answered; never changed or deleted by the
-- bff. Listed by GET /api/v1/audit/access.
create table audit_access (
    id          bigserial   primary key,
    at          timestamptz not null,
    account_id  text        not null,
    method      text        not null,
    path        text        not null
);

create index audit_access_at on audit_access (at, id);
