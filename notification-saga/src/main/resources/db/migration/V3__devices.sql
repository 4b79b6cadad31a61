-- The push devices of each account, from DeviceRegisteredEvent / DeviceUnregisteredEvent. A token
-- belongs to the account that registered it last.
create table device (
  token varchar(4096) primary key,
  account_id varchar(100) not null,
  platform varchar(10) not null,
  registered_at timestamp with time zone not null
);

create index device_of_account on device (account_id);
