-- The analytics projector's tables, shaped for analysis: one row per booking with its lifecycle, one
-- row per provider and local date with that day's figures, and what those are computed from. Every
-- local date and hour is the provider's (its current zone); every instant is UTC.

-- Axon's token store (JdbcTokenStore with snake-case names), in the same transactions as the rows.
create table token_entry (
    processor_name varchar(255) not null,
    segment        integer      not null,
    token          bytea,
    token_type     varchar(255),
    timestamp      varchar(255),
    owner          varchar(255),
    primary key (processor_name, segment)
);

-- A provider: its zone, and the local dates provider_days holds for it ([first_day, last_day]).
create table providers (
    provider_id varchar(100) primary key,
    time_zone   varchar(64)  not null,
    first_day   date         not null,
    last_day    date         not null,
    -- the global position of the last provider event applied (profile, schedule)
    position    bigint       not null
);

-- Every schedule a provider had: it is in force from its local date on (the date it was set, in
-- the provider's zone then) until the next one. weekly: 'MONDAY 09:00-17:00' per interval;
-- overrides: '2026-12-24 09:00-12:00 13:00-14:00' per date, a date alone is closed.
create table schedules (
    provider_id    varchar(100) not null,
    position       bigint       not null,
    effective_from date         not null,
    time_zone      varchar(64)  not null,
    weekly         text[]       not null,
    overrides      text[]       not null,
    set_at         timestamptz  not null,
    primary key (provider_id, position)
);

create table services (
    service_id       varchar(100) primary key,
    provider_id      varchar(100) not null,
    name             varchar(200) not null,
    duration_minutes integer      not null,
    active           boolean      not null,
    position         bigint       not null
);
create index services_by_provider on services (provider_id);

-- One row per booking with its lifecycle. start_at, end_at, local_date and local_hour are the
-- current ones (after moves).
create table bookings (
    booking_id       varchar(100) primary key,
    provider_id      varchar(100) not null,
    service_id       varchar(100) not null,
    status           varchar(16)  not null,
    placed_at        timestamptz  not null,
    start_at         timestamptz  not null,
    end_at           timestamptz  not null,
    local_date       date         not null,
    local_hour       smallint     not null,
    duration_minutes integer      not null,
    reschedules      integer      not null,
    confirmed_at     timestamptz,
    declined_at      timestamptz,
    cancelled_at     timestamptz,
    completed_at     timestamptz,
    no_show_at       timestamptz,
    -- the global position of the last event applied to this booking
    position         bigint       not null
);
create index bookings_by_provider_and_date on bookings (provider_id, local_date);

-- One row per provider and local date in [providers.first_day, providers.last_day]: the figures
-- of the bookings whose start lies on that date, and the minutes the schedule in force that day
-- offered.
create table provider_days (
    provider_id       varchar(100) not null,
    local_date        date         not null,
    bookings          integer      not null default 0,
    cancellations     integer      not null default 0,
    reschedules       integer      not null default 0,
    no_shows          integer      not null default 0,
    booked_minutes    bigint       not null default 0,
    available_minutes bigint       not null default 0,
    primary key (provider_id, local_date)
);
