-- Recurring bookings (`book --repeat`): the occurrences of a series share
-- the id of its first booking, so a series can be cancelled from one
-- occurrence on.
ALTER TABLE reservation ADD COLUMN series_id INTEGER REFERENCES reservation (id);
CREATE INDEX reservation_series ON reservation (series_id, starts_at) WHERE series_id IS NOT NULL;
