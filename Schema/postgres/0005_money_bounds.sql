-- Money has upper bounds (docs/data-model.md): an instrument's value at most
-- 10,000,000,000.00 yuan, its rate at most 1,000,000.00 yuan an hour, a
-- voucher at most 10,000,000.00 yuan. Far beyond any real figure, they keep
-- every fee and every total inside 64-bit fen.
ALTER TABLE instrument ADD CONSTRAINT instrument_value_bound CHECK (value_fen <= 1000000000000);
ALTER TABLE instrument ADD CONSTRAINT instrument_rate_bound CHECK (hourly_rate_fen <= 100000000);
ALTER TABLE voucher ADD CONSTRAINT voucher_face_value_bound CHECK (face_value_fen <= 1000000000);
