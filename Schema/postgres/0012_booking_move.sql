-- `booking move`: a booking keeps its id at a new time, re-quoted at the
-- instrument's rate of now, so labnet_app updates those columns too. The
-- exclusion constraint still refuses a new time another booking holds.
DO $$ BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'labnet_app') THEN
    GRANT UPDATE (starts_at, ends_at, hourly_rate_fen, quoted_fee_fen) ON reservation TO labnet_app;
  END IF;
END $$;
