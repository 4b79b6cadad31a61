-- The global position of the event whose saga step posted the notice (none for a reminder, which a
-- deadline posts): its push devices are looked up once the devices projection has applied every
-- event up to there, so that a device registered or removed before a booking change counts for
-- that change, whichever of the two processors got there first.
alter table notice add column event_position bigint;
