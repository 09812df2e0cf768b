-- Each instrument's booking rules, with the network's defaults of today
-- (a lab may only tighten the ceilings: 72 hours, 90 days), its billing
-- basis and its late-cancellation policy; and who approved a booking, when.
ALTER TABLE instrument
  ADD COLUMN approval_required integer NOT NULL DEFAULT 0 CHECK (approval_required IN (0, 1)),
  ADD COLUMN max_booking_minutes integer NOT NULL DEFAULT 4320
    CHECK (max_booking_minutes BETWEEN 1 AND 4320),
  ADD COLUMN min_notice_minutes integer NOT NULL DEFAULT 0
    CHECK (min_notice_minutes BETWEEN 0 AND 43200),
  ADD COLUMN horizon_days integer NOT NULL DEFAULT 90 CHECK (horizon_days BETWEEN 1 AND 90),
  ADD COLUMN billing_basis text NOT NULL DEFAULT 'greater'
    CHECK (billing_basis IN ('booked', 'actual', 'greater')),
  ADD COLUMN late_cancel_hours integer NOT NULL DEFAULT 24
    CHECK (late_cancel_hours BETWEEN 0 AND 720),
  ADD COLUMN late_cancel_percent integer NOT NULL DEFAULT 50
    CHECK (late_cancel_percent BETWEEN 0 AND 100);
-- Flagship instruments (10,000,000 yuan and more) needed approval until now.
UPDATE instrument SET approval_required = 1 WHERE value_fen >= 1000000000;
-- Network search reads notice and horizon too; the index still covers it.
DROP INDEX instrument_category_value;
CREATE INDEX instrument_category_value
  ON instrument (category, value_fen, unit_id, status, shared, granularity_minutes, opening_hours,
    min_notice_minutes, horizon_days);

ALTER TABLE reservation
  ADD COLUMN approved_by bigint REFERENCES account (id),
  ADD COLUMN approved_at bigint;

DO $$ BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'labnet_app') THEN
    GRANT UPDATE (approval_required, max_booking_minutes, min_notice_minutes, horizon_days,
      billing_basis, late_cancel_hours, late_cancel_percent) ON instrument TO labnet_app;
    GRANT UPDATE (approved_by, approved_at) ON reservation TO labnet_app;
  END IF;
END $$;
