-- Each instrument's booking rules, with the network's defaults of today
-- (a lab may only tighten the ceilings: 72 hours, 90 days), its billing
-- basis and its late-cancellation policy; and who approved a booking, when.
ALTER TABLE instrument ADD COLUMN approval_required INTEGER NOT NULL DEFAULT 0
  CHECK (approval_required IN (0, 1));
ALTER TABLE instrument ADD COLUMN max_booking_minutes INTEGER NOT NULL DEFAULT 4320
  CHECK (max_booking_minutes BETWEEN 1 AND 4320);
ALTER TABLE instrument ADD COLUMN min_notice_minutes INTEGER NOT NULL DEFAULT 0
  CHECK (min_notice_minutes BETWEEN 0 AND 43200);
ALTER TABLE instrument ADD COLUMN horizon_days INTEGER NOT NULL DEFAULT 90
  CHECK (horizon_days BETWEEN 1 AND 90);
ALTER TABLE instrument ADD COLUMN billing_basis TEXT NOT NULL DEFAULT 'greater'
  CHECK (billing_basis IN ('booked', 'actual', 'greater'));
ALTER TABLE instrument ADD COLUMN late_cancel_hours INTEGER NOT NULL DEFAULT 24
  CHECK (late_cancel_hours BETWEEN 0 AND 720);
ALTER TABLE instrument ADD COLUMN late_cancel_percent INTEGER NOT NULL DEFAULT 50
  CHECK (late_cancel_percent BETWEEN 0 AND 100);
-- Flagship instruments (10,000,000 yuan and more) needed approval until now.
UPDATE instrument SET approval_required = 1 WHERE value_fen >= 1000000000;
-- Network search reads notice and horizon too; the index still covers it.
DROP INDEX instrument_category_value;
CREATE INDEX instrument_category_value
  ON instrument (category, value_fen, unit_id, status, shared, granularity_minutes, opening_hours,
    min_notice_minutes, horizon_days);

ALTER TABLE reservation ADD COLUMN approved_by INTEGER REFERENCES account (id);
ALTER TABLE reservation ADD COLUMN approved_at INTEGER;
