-- What the sagas decided to tell (one row per booking, kind, version and due instant), with the
-- booking as it was then. Addressed once: turned into one delivery per channel and recipient.
create table notice (
  id bigserial primary key,
  booking_id varchar(100) not null,
  kind varchar(40) not null,
  sequence integer not null,
  scheduled_for timestamp with time zone,
  provider_id varchar(100) not null,
  service_id varchar(100) not null,
  status varchar(20) not null,
  start_at timestamp with time zone not null,
  end_at timestamp with time zone not null,
  previous_start_at timestamp with time zone,
  previous_end_at timestamp with time zone,
  customer_name varchar(200) not null,
  customer_email varchar(254) not null,
  customer_phone varchar(20),
  customer_zone varchar(100),
  customer_account_id varchar(100),
  reason varchar(1000),
  posted_at timestamp with time zone not null,
  -- addressing: when it was turned into deliveries, or when to try again
  addressed_at timestamp with time zone,
  attempts integer not null default 0,
  next_attempt_at timestamp with time zone not null,
  last_error varchar(1000)
);

create unique index notice_once
  on notice (booking_id, kind, sequence, coalesce(scheduled_for, 'epoch'::timestamptz));
create index notice_to_address on notice (next_attempt_at) where addressed_at is null;

-- One message to one recipient on one channel: the record GET /bookings/{id}/notifications lists.
create table delivery (
  id bigserial primary key,
  notice_id bigint not null references notice (id),
  booking_id varchar(100) not null,
  channel varchar(10) not null,
  -- what the records show (an email, a phone number, a device's platform and token end) and where
  -- the message goes (for push, the device's token)
  recipient varchar(300) not null,
  address varchar(4096) not null,
  platform varchar(10),
  status varchar(10) not null,
  attempts integer not null default 0,
  last_error varchar(1000),
  last_attempt_at timestamp with time zone,
  next_attempt_at timestamp with time zone not null,
  -- while an attempt runs: until when the sender holds it (a crashed sender's lapses)
  claimed_until timestamp with time zone,
  sent_at timestamp with time zone,
  created_at timestamp with time zone not null
);

create unique index delivery_once on delivery (notice_id, channel, recipient);
create index delivery_of_booking on delivery (booking_id);
create index delivery_due on delivery (next_attempt_at) where status = 'PENDING';
