-- Figures are computed when asked: by date from the booking rows, the minutes offered from the
-- schedules for the dates asked. There are no day rows any more (a new provider's days up to two
-- years ahead made the first batch of a replay write some 760,000 of them).
--
-- Every row belongs to a generation: the one in generations.current_generation answers; a rebuild
-- fills the next one from the first event while the current one keeps answering, and takes over
-- once it has reached the position the processor had when the rebuild started (decision 0009).
--
-- The tables are a function of the history: they are created anew here and the token deleted, so
-- the processor builds them again from the first event.

drop table provider_days, bookings, services, schedules, providers;
delete from token_entry;

-- One row. building: the generation a rebuild fills, null when none runs; building_until: the
-- position it takes over at (the processor's when the rebuild started).
create table generations (
    id                  smallint    primary key check (id = 1),
    current_generation  integer     not null,
    building            integer,
    building_until      bigint,
    rebuild_started_at  timestamptz,
    rebuild_finished_at timestamptz
);
insert into generations (id, current_generation) values (1, 1);

-- A provider: its zone.
create table providers (
    generation  integer      not null,
    provider_id varchar(100) not null,
    time_zone   varchar(64)  not null,
    -- the global position of the last provider event applied (profile, schedule)
    position    bigint       not null,
    primary key (generation, provider_id)
);

-- Every schedule a provider had: it is in force from its local date on (the date it was set, in
-- the provider's zone then) until the next one. weekly: 'MONDAY 09:00-17:00' per interval;
-- overrides: '2026-12-24 09:00-12:00 13:00-14:00' per date, a date alone is closed.
create table schedules (
    generation     integer      not null,
    provider_id    varchar(100) not null,
    position       bigint       not null,
    effective_from date         not null,
    time_zone      varchar(64)  not null,
    weekly         text[]       not null,
    overrides      text[]       not null,
    set_at         timestamptz  not null,
    primary key (generation, provider_id, position)
);

create table services (
    generation       integer      not null,
    service_id       varchar(100) not null,
    provider_id      varchar(100) not null,
    name             varchar(200) not null,
    duration_minutes integer      not null,
    active           boolean      not null,
    position         bigint       not null,
    primary key (generation, service_id)
);
create index services_by_provider on services (generation, provider_id);

-- One row per booking with its lifecycle. start_at, end_at, local_date and local_hour are the
-- current ones (after moves), local in the provider's current zone.
create table bookings (
    generation       integer      not null,
    booking_id       varchar(100) not null,
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
    position         bigint       not null,
    primary key (generation, booking_id)
);
create index bookings_by_provider_and_date on bookings (generation, provider_id, local_date);
