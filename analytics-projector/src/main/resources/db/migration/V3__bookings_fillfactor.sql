-- A booking's row is written again at each event of its lifecycle (confirmed, cancelled, moved,
-- completed, no-show), which mostly leaves its indexed columns as they were: room left on its page
-- lets PostgreSQL put the new version there without new index entries (a HOT update). Pages
-- written before this keep what they had until they are rewritten.
alter table bookings set (fillfactor = 70);
