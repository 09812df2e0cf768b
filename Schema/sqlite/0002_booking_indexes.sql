-- Network search asks for every reservation and maintenance block that
-- overlaps a window, across instruments. A reservation lasts at most 72 hours
-- (a CHECK), so ends_at is bounded on both sides; the reservation index also
-- covers the columns the search reads, so it never visits the table.
CREATE INDEX reservation_ends ON reservation (ends_at, starts_at, instrument_id, status);
CREATE INDEX maintenance_block_ends ON maintenance_block (ends_at);
