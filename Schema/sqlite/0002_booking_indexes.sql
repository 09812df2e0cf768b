-- Network search asks for every reservation and maintenance block ending
-- after the start of a window, across instruments: few, since most of them
-- are history.
CREATE INDEX reservation_ends ON reservation (ends_at);
CREATE INDEX maintenance_block_ends ON maintenance_block (ends_at);
