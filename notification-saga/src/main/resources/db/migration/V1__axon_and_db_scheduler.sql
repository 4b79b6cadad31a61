-- Axon's JDBC token store (JdbcTokenStore's default TokenSchema, PostgreSQL types)
create table TokenEntry (
  processorName varchar(255) not null,
  segment integer not null,
  token bytea null,
  tokenType varchar(255) null,
  timestamp varchar(255) null,
  owner varchar(255) null,
  primary key (processorName, segment)
);

-- Axon's JDBC saga store (PostgresSagaSqlSchema's default names)
create table SagaEntry (
  sagaId varchar(255) not null,
  revision varchar(255),
  sagaType varchar(255),
  serializedSaga bytea,
  primary key (sagaId)
);

create table AssociationValueEntry (
  id bigserial not null,
  associationKey varchar(255),
  associationValue varchar(255),
  sagaId varchar(255),
  sagaType varchar(255),
  primary key (id)
);

-- every event finds its sagas by (type, key, value); ending a saga removes its associations
create index association_value_idx on AssociationValueEntry (sagaType, associationKey, associationValue);
create index association_saga_idx on AssociationValueEntry (sagaId, sagaType);

-- db-scheduler's table (its postgresql_tables.sql), which Axon's DbSchedulerDeadlineManager uses
create table scheduled_tasks (
  task_name text not null,
  task_instance text not null,
  task_data bytea,
  execution_time timestamp with time zone not null,
  picked boolean not null,
  picked_by text,
  last_success timestamp with time zone,
  last_failure timestamp with time zone,
  consecutive_failures int,
  last_heartbeat timestamp with time zone,
  version bigint not null,
  priority smallint,
  primary key (task_name, task_instance)
);

create index execution_time_idx on scheduled_tasks (execution_time);
create index last_heartbeat_idx on scheduled_tasks (last_heartbeat);
create index priority_execution_time_idx on scheduled_tasks (priority desc, execution_time asc);
