-- The price a researcher was quoted holds: each booking keeps the hourly rate
-- of its instrument when it was booked, and completion charges actual use at
-- that rate. Bookings made before this migration take the instrument's rate
-- of now, the best there is.
ALTER TABLE reservation ADD COLUMN hourly_rate_fen bigint;
UPDATE reservation AS r SET hourly_rate_fen = i.hourly_rate_fen
FROM instrument AS i WHERE i.id = r.instrument_id;
ALTER TABLE reservation ALTER COLUMN hourly_rate_fen SET NOT NULL;
ALTER TABLE reservation ADD CONSTRAINT reservation_rate_bound
  CHECK (hourly_rate_fen BETWEEN 0 AND 100000000);
