-- The hub is the only writer of these tables. Tokens are assigned by its single writer thread, so
-- they start at 0, have no gaps and are committed in order.
create table events (
    token         bigint primary key,
    -- null for events that belong to no aggregate (empty aggregate_type)
    aggregate_id  text,
    aggregate_seq bigint,
    -- the client's timestamp (epoch ms), for GetTokenAt
    event_time    bigint not null,
    -- the Event message exactly as the client sent it (protobuf encoding)
    event         bytea  not null,
    -- SHA-256 over the previous digest, the token and the event bytes: tamper evidence
    digest        bytea  not null
);

-- The second guard of the sequence rule, after the writer's own check.
create unique index events_aggregate_seq on events (aggregate_id, aggregate_seq)
    where aggregate_id is not null;

-- Client timestamps roughly follow tokens, which a BRIN index exploits at almost no write cost.
create index events_event_time on events using brin (event_time);

create table snapshots (
    aggregate_id  text   not null,
    aggregate_seq bigint not null,
    event         bytea  not null,
    primary key (aggregate_id, aggregate_seq)
);
