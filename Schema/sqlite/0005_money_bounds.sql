-- Money has upper bounds (docs/data-model.md): an instrument's value at most
-- 10,000,000,000.00 yuan, its rate at most 1,000,000.00 yuan an hour, a
-- voucher at most 10,000,000.00 yuan. Far beyond any real figure, they keep
-- every fee and every total inside 64-bit fen. SQLite cannot add a CHECK to a
-- table, so triggers refuse what the CHECK would.
CREATE TRIGGER instrument_money_bounds_insert BEFORE INSERT ON instrument
WHEN NEW.value_fen > 1000000000000 OR NEW.hourly_rate_fen > 100000000
BEGIN SELECT RAISE(ABORT, 'money out of bounds: instrument value or rate'); END;
CREATE TRIGGER instrument_money_bounds_update BEFORE UPDATE OF value_fen, hourly_rate_fen ON instrument
WHEN NEW.value_fen > 1000000000000 OR NEW.hourly_rate_fen > 100000000
BEGIN SELECT RAISE(ABORT, 'money out of bounds: instrument value or rate'); END;
CREATE TRIGGER voucher_money_bounds BEFORE INSERT ON voucher
WHEN NEW.face_value_fen > 1000000000
BEGIN SELECT RAISE(ABORT, 'money out of bounds: voucher face value'); END;
