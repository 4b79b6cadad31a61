-- HMAC-SHA-256, under a key of the hub's that this database never holds, over the snapshot's
-- aggregate, sequence number and bytes: a snapshot changed or made behind the hub's back is refused
-- when read, and the aggregate loads from its events (decision 0015). Snapshots are a cache: those
-- stored before seals existed are dropped, and the aggregates load from their events until their
-- next snapshot.
delete from snapshots;
alter table snapshots add column seal bytea not null;
