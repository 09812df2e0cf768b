-- Voucher codes (ZJ-2026-000123) are numbered per issuing province and year
-- by this counter, bumped with an upsert, so concurrent issues each get the
-- next number instead of racing on count(*) + 1. The first issue of a year
-- starts after the highest number already stored (seeded vouchers).
CREATE TABLE voucher_code_counter (
  province TEXT NOT NULL CHECK (province IN ('SH', 'JS', 'ZJ', 'AH')),
  year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 9999),
  last_number INTEGER NOT NULL CHECK (last_number > 0),
  PRIMARY KEY (province, year)
) STRICT;
