-- The price a researcher was quoted holds: each booking keeps the hourly rate
-- of its instrument when it was booked, and completion charges actual use at
-- that rate. Bookings made before this migration take the instrument's rate
-- of now, the best there is.
ALTER TABLE reservation ADD COLUMN hourly_rate_fen INTEGER NOT NULL DEFAULT 0
  CHECK (hourly_rate_fen BETWEEN 0 AND 100000000);
UPDATE reservation
SET hourly_rate_fen = (SELECT i.hourly_rate_fen FROM instrument AS i WHERE i.id = reservation.instrument_id);
